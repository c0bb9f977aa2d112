// resource.Quantity (apimachinery pkg/api/resource/quantity.go): parsing with upstream's
// errors and rounding, exact comparison, and the canonical String() the server stores, so
// `cpu: 0.5` comes back as `500m` and `memory: 1.5Gi` as `1536Mi`.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact value: `mantissa × 10^exponent`, plus the format its suffix chose. */
export interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
  /**
   * The input string when upstream keeps it verbatim (already canonical, parsed on its fast
   * path); String() then returns it unchanged, even `+1`.
   */
  cached?: string;
}

export type QuantityParseResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXPONENT = new Map(Object.entries(DEC_SUFFIXES).map(([s, e]) => [e, s]));
const BIN_BY_EXPONENT = new Map(Object.entries(BIN_SUFFIXES).map(([s, e]) => [e, s]));

const MAX_INT64 = 9223372036854775807n;
const MAX_INT64_FACTORS = 18;
const NANO = -9;

const isDigit = (c: string) => c >= '0' && c <= '9';
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** parseQuantityString: sign, numerator (leading zeros stripped), denominator, suffix. */
function splitQuantity(str: string): { positive: boolean; value: string; num: string; denom: string; suffix: string } | null {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  let num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
    denom = str.slice(pos, i);
    pos = i;
  }
  num = num || '0';
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return null;
}

function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | null {
  if (has(DEC_SUFFIXES, suffix)) return { base: 10, exponent: DEC_SUFFIXES[suffix], format: 'DecimalSI' };
  if (has(BIN_SUFFIXES, suffix)) return { base: 2, exponent: BIN_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return null;
    const e = BigInt(rest);
    if (e > MAX_INT64 || e < -MAX_INT64 - 1n) return null;
    return { base: 10, exponent: Number(BigInt.asIntN(32, e)), format: 'DecimalExponent' };
  }
  return null;
}

/** Ceil of |m × 10^e| at 10^-9, sign kept (inf.RoundUp on the absolute value). */
function roundUpToNano(mantissa: bigint, exponent: number): [bigint, number] {
  if (exponent >= NANO || mantissa === 0n) return [mantissa, exponent];
  const neg = mantissa < 0n;
  let m = neg ? -mantissa : mantissa;
  const div = 10n ** BigInt(NANO - exponent);
  const q = m / div;
  m = m % div === 0n ? q : q + 1n;
  return [neg ? -m : m, NANO];
}

/** resource.ParseQuantity */
export function parseQuantity(str: string): QuantityParseResult {
  if (str.length === 0) return { ok: false, error: ERR_FORMAT_WRONG };
  if (str === '0') return { ok: true, quantity: { mantissa: 0n, exponent: 0, format: 'DecimalSI', cached: '0' } };
  const parts = splitQuantity(str);
  if (!parts) return { ok: false, error: ERR_FORMAT_WRONG };
  const { positive, num, denom, suffix } = parts;
  const suf = interpretSuffix(suffix);
  if (!suf) return { ok: false, error: ERR_SUFFIX };
  let format = suf.format;

  // upstream's int64 fast path keeps an already-canonical input string verbatim
  let cached: string | undefined;
  let precision = 0;
  let scale = 0;
  if (suf.base === 10) {
    scale = suf.exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else if (suf.exponent >= 0 && denom.length === 0) {
    precision = 15 - num.length - Math.trunc((suf.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const product = suf.base === 2 ? value << BigInt(suf.exponent) : value;
      if (product <= MAX_INT64) {
        if (suf.base === 2) {
          if (suf.exponent % 10 === 0 && (value & 7n) !== 0n) cached = str;
        } else if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') {
          cached = str;
        }
        const m = positive ? product : -product;
        return { ok: true, quantity: { mantissa: m, exponent: suf.base === 2 ? 0 : scale, format, ...(cached ? { cached } : {}) } };
      }
    }
  }

  // the exact path: inf.Dec arithmetic
  let mantissa = BigInt(num + denom);
  let exponent = -denom.length;
  if (suf.base === 10) exponent += suf.exponent;
  else mantissa <<= BigInt(suf.exponent);
  [mantissa, exponent] = roundUpToNano(mantissa, exponent);
  if (format === 'BinarySI' && compareExact(mantissa, exponent, MAX_INT64, 0) > 0) {
    mantissa = MAX_INT64;
    exponent = 0;
  }
  if (format === 'BinarySI' && mantissa !== 0n && compareExact(mantissa, exponent, 1n, 0) < 0) format = 'DecimalSI';
  return { ok: true, quantity: { mantissa: positive ? mantissa : -mantissa, exponent, format } };
}

/** resource.MustParse for tests and tables: throws on a bad quantity. */
export function mustParseQuantity(str: string): Quantity {
  const r = parseQuantity(str);
  if (!r.ok) throw new Error(`cannot parse '${str}': ${r.error}`);
  return r.quantity;
}

function compareExact(m1: bigint, e1: number, m2: bigint, e2: number): number {
  const e = Math.min(e1, e2);
  const a = m1 * 10n ** BigInt(e1 - e);
  const b = m2 * 10n ** BigInt(e2 - e);
  return a < b ? -1 : a > b ? 1 : 0;
}

function asQuantity(q: Quantity | string): Quantity {
  return typeof q === 'string' ? mustParseQuantity(q) : q;
}

/** Quantity.Cmp: -1, 0 or 1. Strings are parsed (and must be valid). */
export function compareQuantity(a: Quantity | string, b: Quantity | string): -1 | 0 | 1 {
  const x = asQuantity(a);
  const y = asQuantity(b);
  return compareExact(x.mantissa, x.exponent, y.mantissa, y.exponent) as -1 | 0 | 1;
}

/** The sum of two quantities; keeps the first one's format (Quantity.Add). */
export function addQuantity(a: Quantity | string, b: Quantity | string): Quantity {
  const x = asQuantity(a);
  const y = asQuantity(b);
  const e = Math.min(x.exponent, y.exponent);
  const m = x.mantissa * 10n ** BigInt(x.exponent - e) + y.mantissa * 10n ** BigInt(y.exponent - e);
  return { mantissa: m, exponent: e, format: x.format };
}

export function isZeroQuantity(q: Quantity | string): boolean {
  return asQuantity(q).mantissa === 0n;
}

/** The value in base units as a JS number (cores, bytes). */
export function quantityValue(q: Quantity | string): number {
  const x = asQuantity(q);
  // dividing by an exact power of ten rounds correctly; multiplying by 10 ** -n does not
  return x.exponent >= 0 ? Number(x.mantissa) * 10 ** x.exponent : Number(x.mantissa) / 10 ** -x.exponent;
}

/** Quantity.MilliValue: the value in thousandths, rounded away from zero. */
export function quantityMilliValue(q: Quantity | string): number {
  const x = asQuantity(q);
  const e = x.exponent + 3;
  if (e >= 0) return Number(x.mantissa * 10n ** BigInt(e));
  const div = 10n ** BigInt(-e);
  const neg = x.mantissa < 0n;
  const abs = neg ? -x.mantissa : x.mantissa;
  const r = abs % div === 0n ? abs / div : abs / div + 1n;
  return Number(neg ? -r : r);
}

function removeFactors(v: bigint, base: bigint): [bigint, number] {
  let times = 0;
  if (v === 0n) return [v, 0];
  while (v % base === 0n) {
    v /= base;
    times++;
  }
  return [v, times];
}

/** Quantity.String(): the canonical form the API server writes back. */
export function quantityString(q: Quantity | string): string {
  const x = asQuantity(q);
  if (x.cached !== undefined) return x.cached;
  if (x.mantissa === 0n) return '0';
  let format = x.format;
  if (format === 'BinarySI') {
    const smallish = compareExact(x.mantissa, x.exponent, -1024n, 0) > 0 && compareExact(x.mantissa, x.exponent, 1024n, 0) < 0;
    const integral = x.exponent >= 0 || x.mantissa % 10n ** BigInt(-x.exponent) === 0n;
    if (smallish || !integral) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const whole = x.exponent >= 0 ? x.mantissa * 10n ** BigInt(x.exponent) : x.mantissa / 10n ** BigInt(-x.exponent);
    const [amount, times] = removeFactors(whole, 1024n);
    const suffix = BIN_BY_EXPONENT.get(times * 10);
    if (suffix !== undefined) return `${amount}${suffix}`;
    // beyond Ei: keep the largest binary suffix
    return `${amount * 1024n ** BigInt(times - 6)}Ei`;
  }
  const [stripped, times] = removeFactors(x.mantissa, 10n);
  let amount = stripped;
  let exponent = x.exponent + times;
  while (((exponent % 3) + 3) % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DEC_BY_EXPONENT.get(exponent);
  return suffix !== undefined ? `${amount}${suffix}` : `${amount}e${exponent}`;
}

/** Parses and re-prints a quantity string the way the server would store it, or null if invalid. */
export function canonicalQuantity(s: string): string | null {
  const r = parseQuantity(s);
  return r.ok ? quantityString(r.quantity) : null;
}
