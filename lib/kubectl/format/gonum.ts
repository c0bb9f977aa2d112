// How Go prints the numbers of a JSON document.
//
// kubectl never sees a JavaScript number, it sees JSON text. Podbook's values reach Go as
// JSON.stringify writes them (String(n): shortest round-trip digits, exponent form from 1e21 and
// below 1e-6), and Go decodes that text into int64 when it is an integer literal that fits, and
// into float64 otherwise (apimachinery util/json, sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts).
// Modelling that wire step makes these printers agree with real kubectl reading Podbook's
// apiserver, including for integers beyond 2^53 that JS itself cannot hold exactly.

import type { GoNumber } from '../../k8s/patch/gonumber';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** The JSON text JavaScript sends for a finite number (JSON.stringify; `-0` becomes `0`). */
export function jsonNumberText(n: number): string {
  return String(n);
}

function integerLiteral(n: number): bigint | null {
  const text = jsonNumberText(n);
  return /^-?\d+$/.test(text) ? BigInt(text) : null;
}

/** Whether Go decodes the number's JSON text into an int64 (otherwise it is a float64). */
export function decodesAsGoInt64(n: number): boolean {
  const v = integerLiteral(n);
  return v !== null && v >= INT64_MIN && v <= INT64_MAX;
}

/**
 * Whether go-yaml's resolver reads the number's json.Marshal text as an integer: int64 via
 * ParseInt or, for non-negative literals, uint64 via ParseUint. Otherwise it is a float64.
 */
export function resolvesAsYamlInt(n: number): boolean {
  const v = integerLiteral(n);
  return v !== null && v >= INT64_MIN && v <= UINT64_MAX;
}

/** Shortest round-trip decimal digits and the decimal point position (strconv's `decimalSlice`). */
function shortestDigits(n: number): { neg: boolean; digits: string; dp: number } {
  const neg = n < 0 || Object.is(n, -0);
  // toExponential() without an argument yields the shortest digits that round-trip, the same
  // digit string as strconv's shortest mode (both pick the closest candidate).
  const e = Math.abs(n).toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e);
  if (m === null) throw new Error(`unexpected exponential form ${e}`);
  const digits = m[1] + (m[2] ?? '');
  return { neg, digits, dp: Number(m[3]) + 1 };
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64): what `%v` of a float64 and go-yaml's float encoder print.
 * The shortest digits are used, and %e is chosen when the exponent is < -4 or >= 6 (the "precision
 * 6 for this decision" rule of ftoa.go), with at least two exponent digits: 1e+06, 1.5e-07, 0.5.
 */
export function formatGoFloatG(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const { neg, digits, dp } = shortestDigits(n);
  const sign = neg ? '-' : '';
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ax = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return sign + digits + '0'.repeat(dp - digits.length);
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/**
 * encoding/json's text for the decoded number: an int64 prints its literal; a float64 prints in
 * 'f' form unless |f| < 1e-6 or |f| >= 1e21, then in 'e' form with `e-07` cleaned to `e-7`.
 * Those are JavaScript's thresholds and digits too, so both cases equal the JSON.stringify text.
 */
export function formatGoJsonNumber(n: number): string {
  return jsonNumberText(n);
}

/** fmt's `%v` of the decoded number: int64 as its literal, float64 as `%g`. */
export function formatGoNumberV(n: number): string {
  return decodesAsGoInt64(n) ? jsonNumberText(n) : formatGoFloatG(n);
}

/** go-yaml's text for the number after JSONToYAML: integers as written, floats as `%g`. */
export function formatYamlNumber(n: number): string {
  return resolvesAsYamlInt(n) ? jsonNumberText(n) : formatGoFloatG(n);
}

// ---- GoNumber: the manifest decoder's exact int64 and integral float64 (lib/k8s/patch/gonumber.ts)

/** encoding/json's text: the int64's digits, or the float64's 'f' form (`-0`, `1000000`). */
export function formatGoJsonGoNumber(n: GoNumber): string {
  return n.text;
}

/** fmt's `%v`: int64 digits, float64 as `%g` (`1e+06`, `-0`). */
export function formatGoNumberVGoNumber(n: GoNumber): string {
  return n.goType === 'int64' ? n.text : formatGoFloatG(n.value);
}

/**
 * go-yaml's text after JSONToYAML: json.Marshal writes an integral float64 below 1e21 without a
 * fraction, so go-yaml resolves it as an integer: `-0` becomes `0`, 1e6 `1000000`.
 */
export function formatYamlGoNumber(n: GoNumber): string {
  return n.goType === 'float64' && n.value === 0 ? '0' : n.text;
}
