// A number whose Go type matters but that a JavaScript number cannot express.
//
// kubectl decodes manifests into map[string]interface{} (apimachinery's unstructured decoder over
// sigs.k8s.io/json UnmarshalCaseSensitivePreserveInts): a JSON number whose text is an integer
// literal that fits int64 becomes an int64, every other number a float64. Two cases do not survive
// as a JS number:
//   * an int64 beyond ±2^53 (9007199254740993 would round to ...992);
//   * a float64 whose value is integral (or -0): `1e6`, `1.0`, `-0.0` in a JSON manifest. Go prints
//     it as a float (`%v` → 1e+06, encoding/json → -0) where Podbook's printers, seeing an integral
//     JS number, would print an int64.
// Only the manifest decoders (lib/kubectl/yaml) create these; every other number stays a plain JS
// number, so ordinary objects pay nothing. The printers (lib/kubectl/format, lib/jsonpath), the
// patch code and the cluster store's clone/deepEqual recognise them. lib/jsonpath may import
// nothing, so it recognises them by the registered symbol GO_NUMBER instead of instanceof.

/** The brand (Symbol.for, so modules that cannot import this file can test for it). */
export const GO_NUMBER: unique symbol = Symbol.for('podbook.go-number') as never;

export type GoNumberType = 'int64' | 'float64';

export class GoNumber {
  /**
   * @param goType the Go type the decoder produced
   * @param value the nearest JS number (what JSON.parse of the text would give)
   * @param text for an int64 its exact decimal literal; for a float64 `String(value)`, or `-0`
   */
  private constructor(
    readonly goType: GoNumberType,
    readonly value: number,
    readonly text: string,
  ) {
    Object.freeze(this);
  }

  static int64(v: bigint): GoNumber {
    return new GoNumber('int64', Number(v), v.toString());
  }

  static float64(v: number): GoNumber {
    return new GoNumber('float64', v, Object.is(v, -0) ? '-0' : String(v));
  }

  /** Arithmetic and comparisons in code that does not know the class see the nearest number. */
  valueOf(): number {
    return this.value;
  }

  /** JSON.stringify writes the nearest JS number rather than failing or writing an object. */
  toJSON(): number {
    return this.value;
  }

  toString(): string {
    return this.text;
  }
}

// A prototype property (not an own enumerable one): clone loops and Object.keys never see it.
Object.defineProperty(GoNumber.prototype, GO_NUMBER, { value: true });

export function isGoNumber(v: unknown): v is GoNumber {
  return v instanceof GoNumber;
}

/** A plain number for a GoNumber, anything else unchanged: what a JS JSON round trip yields. */
export function plainNumber<T>(v: T): T | number {
  return v instanceof GoNumber ? v.value : v;
}

/**
 * Equality of two scalars where either may be a GoNumber: same Go type is not required (the API
 * server compares decoded JSON values by their numeric value after its own decoding); an int64
 * beyond 2^53 compares by its exact text.
 */
export function goNumbersEqual(a: unknown, b: unknown): boolean {
  const ta = a instanceof GoNumber ? a.text : typeof a === 'number' ? String(a) : undefined;
  const tb = b instanceof GoNumber ? b.text : typeof b === 'number' ? String(b) : undefined;
  if (ta === undefined || tb === undefined) return false;
  if (ta === tb) return true;
  const na = a instanceof GoNumber ? a.value : (a as number);
  const nb = b instanceof GoNumber ? b.value : (b as number);
  const exact = (x: unknown) => x instanceof GoNumber && x.goType === 'int64';
  // Two exact int64 texts that differ are different numbers even when they round alike.
  if (exact(a) && exact(b)) return false;
  return na === nb;
}
