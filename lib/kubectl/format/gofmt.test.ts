import { describe, expect, it } from 'vitest';
import { goSprint } from './gofmt';

// custom-columns prints fmt.Sprint(value) of the decoded object, which `kubectl label --local`
// cannot show. go-template printing formats the same unstructured values with fmt.Fprint, so the
// expected strings below are what kubectl 1.32.5 printed for
//   kubectl label --local -f obj.json podbook=probe -o go-template='{{.spec.v}}' --kubeconfig=/dev/null
// The tests do not run kubectl.

describe('goSprint prints decoded JSON as Go %v does', () => {
  it('a map prints as map[k:v ...] with sorted keys and raw strings', () => {
    expect(goSprint({ 'pod-template-hash': '28bdbdbd4b', app: 'web', tier: 'front end' })).toBe('map[app:web pod-template-hash:28bdbdbd4b tier:front end]');
  });

  it('a list prints its elements separated by spaces', () => {
    expect(goSprint(['a', 'b c', 'd'])).toBe('[a b c d]');
  });

  it('a list of maps prints each map in place', () => {
    expect(goSprint([
      {
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        name: 'kube-api-access-mlzwh',
        readOnly: true,
      },
    ])).toBe('[map[mountPath:/var/run/secrets/kubernetes.io/serviceaccount name:kube-api-access-mlzwh readOnly:true]]');
  });

  it('null prints as <nil> at any depth and empty collections as map[] and []', () => {
    expect(goSprint({ c: null, e: {}, l: [], z: [null, { q: [] }] })).toBe('map[c:<nil> e:map[] l:[] z:[<nil> map[q:[]]]]');
  });

  it('int64 values print in decimal and float64 values with %g', () => {
    expect(goSprint([
      0,
      1,
      -7,
      1000000,
      123456789012,
      0.5,
      2.5,
      0.0001,
      1e-05,
      1234567.5,
      1e+20,
      1e+21,
      -2.5e-07,
      0.30000000000000004,
    ])).toBe('[0 1 -7 1000000 123456789012 0.5 2.5 0.0001 1e-05 1.2345675e+06 1e+20 1e+21 -2.5e-07 0.30000000000000004]');
  });

  it('booleans and nested lists print bare', () => {
    expect(goSprint([true, false, ['x', ['y']], { k: [1, 'two', false] }])).toBe('[true false [x [y]] map[k:[1 two false]]]');
  });

  it('keys sort bytewise: uppercase before lowercase, a10 before a9', () => {
    expect(goSprint({ b: 1, B: 2, a10: 3, a9: 4, _x: 5, 'é': 6 })).toBe('map[B:2 _x:5 a10:3 a9:4 b:1 é:6]');
  });

  it('scalars print bare and JSON null prints as <nil>', () => {
    expect(goSprint('nginx:1.27')).toBe('nginx:1.27');
    expect(goSprint(0)).toBe('0');
    expect(goSprint(true)).toBe('true');
    expect(goSprint(null)).toBe('<nil>');
  });
});
