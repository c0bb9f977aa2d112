import { describe, expect, it } from 'vitest';
import { GoNumber } from '../../k8s/patch/gonumber';
import { toGoJson } from './gojson';
import {
  decodesAsGoInt64,
  formatGoFloatG,
  formatGoJsonGoNumber,
  formatGoJsonNumber,
  formatGoNumberV,
  formatGoNumberVGoNumber,
  formatYamlGoNumber,
  formatYamlNumber,
} from './gonum';
import { toYaml } from './goyaml';

// The expected strings are what kubectl 1.32.5 printed for these numbers sent as JSON.stringify
// writes them (-o jsonpath='{.spec.n}', -o go-template='{{.spec.n}}' and -o yaml of
// `kubectl label --local`). The tests do not run kubectl.
const numbers = [-(2 ** 63), 2 ** 62, 2 ** 63, 2 ** 64, 1e19, 1e21, 1.5e-7, 1e-6, 1e-7, 123456, 1234567, 1000000, 0.1, 100.25, -0, 5e-324];

describe('Go number printing after the JSON wire', () => {
  it('encoding/json prints the same text JSON.stringify sent', () => {
    expect(numbers.map(formatGoJsonNumber).join(',')).toBe(
      '-9223372036854776000,4611686018427388000,9223372036854776000,18446744073709552000,10000000000000000000,1e+21,1.5e-7,0.000001,1e-7,123456,1234567,1000000,0.1,100.25,0,5e-324',
    );
  });

  it('%v prints int64 literals as written and float64 values with %g', () => {
    expect(numbers.map(formatGoNumberV).join(' ')).toBe(
      '-9.223372036854776e+18 4611686018427388000 9.223372036854776e+18 1.8446744073709552e+19 1e+19 1e+21 1.5e-07 1e-06 1e-07 123456 1234567 1000000 0.1 100.25 0 5e-324',
    );
  });

  it('go-yaml keeps integer literals that fit int64 or uint64 and prints other numbers with %g', () => {
    expect(numbers.map(formatYamlNumber)).toEqual([
      '-9.223372036854776e+18', '4611686018427388000', '9223372036854776000', '1.8446744073709552e+19',
      '10000000000000000000', '1e+21', '1.5e-07', '1e-06', '1e-07', '123456', '1234567', '1000000', '0.1',
      '100.25', '0', '5e-324',
    ]);
  });

  it('an integer literal decodes as int64 only inside the int64 range', () => {
    expect(decodesAsGoInt64(42)).toBe(true);
    expect(decodesAsGoInt64(2 ** 62)).toBe(true);
    expect(decodesAsGoInt64(2 ** 63)).toBe(false);
    expect(decodesAsGoInt64(0.5)).toBe(false);
    expect(decodesAsGoInt64(1e21)).toBe(false);
  });

  it('formatGoFloatG switches to exponent form below 1e-4 and from 1e6, like strconv g -1', () => {
    expect(formatGoFloatG(123456)).toBe('123456');
    expect(formatGoFloatG(1e6)).toBe('1e+06');
    expect(formatGoFloatG(1000000.5)).toBe('1.0000005e+06');
    expect(formatGoFloatG(0.0001)).toBe('0.0001');
    expect(formatGoFloatG(0.00001)).toBe('1e-05');
    expect(formatGoFloatG(1e100)).toBe('1e+100');
    expect(formatGoFloatG(-0)).toBe('-0');
    expect(formatGoFloatG(Infinity)).toBe('+Inf');
    expect(formatGoFloatG(NaN)).toBe('NaN');
  });
});

describe('GoNumber values from manifests in the printers', () => {
  // kubectl 1.32 `label --local -f edge-numbers-json-floats.json -o json|yaml|jsonpath` (goldens).
  it('-o json writes an exact int64 and a float -0 as Go does', () => {
    expect(toGoJson({ a: GoNumber.int64(9007199254740993n), b: GoNumber.float64(-0), c: GoNumber.float64(1e6) }, '')).toBe(
      '{"a":9007199254740993,"b":-0,"c":1000000}\n',
    );
  });

  it('-o yaml writes a float -0 as 0 and 1e6 as 1000000 (go-yaml resolves the JSON text as ints)', () => {
    expect(toYaml({ a: GoNumber.int64(-9223372036854775808n), b: GoNumber.float64(-0), c: GoNumber.float64(1e6) })).toBe(
      'a: -9223372036854775808\nb: 0\nc: 1000000\n',
    );
  });

  it('%v prints a float64 1e6 as 1e+06 and an int64 with its digits', () => {
    expect(formatGoNumberVGoNumber(GoNumber.float64(1e6))).toBe('1e+06');
    expect(formatGoNumberVGoNumber(GoNumber.float64(-0))).toBe('-0');
    expect(formatGoNumberVGoNumber(GoNumber.int64(9223372036854775807n))).toBe('9223372036854775807');
    expect(formatYamlGoNumber(GoNumber.float64(-0))).toBe('0');
    expect(formatGoJsonGoNumber(GoNumber.float64(-0))).toBe('-0');
  });
});
