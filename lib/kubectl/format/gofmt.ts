// Go's fmt.Sprint / `%v` of a value decoded from JSON into interface{}, which is how
// `kubectl get -o custom-columns` prints each JSONPath result (kubectl pkg/cmd/get/customcolumn.go:
// `fmt.Sprint(value.Interface())`, then printers.EscapeTerminal). The JSONPath engine prints with
// the same rules, so there is one implementation, in lib/jsonpath.
export { goSprint } from '../../jsonpath/gofmt';
