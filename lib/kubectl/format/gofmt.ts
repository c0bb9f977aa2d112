// Go's fmt.Sprint / `%v` of a value decoded from JSON into interface{}, which is how
// `kubectl get -o custom-columns` prints each JSONPath result (kubectl pkg/cmd/get/customcolumn.go:
// `fmt.Sprint(value.Interface())`, then printers.EscapeTerminal).
//
// The fmt rules (pkg fmt docs, "The default format for %v"):
// * map[string]interface{} → `map[k1:v1 k2:v2]`, keys sorted (internal/fmtsort: string compare);
// * []interface{} → `[v1 v2]`, elements separated by one space;
// * a nil interface (JSON null), at any depth → `<nil>`;
// * strings raw (no quotes, even nested), bools `true`/`false`;
// * int64 in decimal, float64 with `%g` (shortest digits, exponent form below 1e-4 and from 1e6).

import { compareGoStrings } from './gojson';
import { formatGoNumberV } from './gonum';

export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatGoNumberV(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${goSprint(obj[k])}`).join(' ')}]`;
  }
  return String(value);
}
