// Seeded randomness for the simulator. Cores never call Math.random(): the same seed gives the
// same pod suffixes, uids and IPs, so transcripts are repeatable.

/** apimachinery util/rand: the alphabet for generateName suffixes (no vowels, no 0/1/3). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export interface Rand {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
  /** n characters drawn from the alphabet */
  string(n: number, alphabet?: string): string;
  /** n lowercase hex digits */
  hex(n: number): string;
  /** an RFC 4122 version-4 UUID */
  uuid(): string;
  /** the generator's state, for snapshots */
  state(): number[];
}

const HEX_CODES = [...'0123456789abcdef'].map((ch) => ch.charCodeAt(0));
const HEX_VALUE: number[] = [];
HEX_CODES.forEach((code, i) => (HEX_VALUE[code] = i));
const VARIANT_CODES = [...'89ab'].map((ch) => ch.charCodeAt(0));
/** uuid()'s scratch buffer (filled completely on every call) */
const UUID_CODES: number[] = new Array<number>(36).fill(0);

/** sfc32 seeded through splitmix32: small, fast, and its whole state is four numbers. */
export class SeededRand implements Rand {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | number[] = 1) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed.map((x) => x >>> 0) as [number, number, number, number];
      return;
    }
    let s = seed >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  private u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  string(n: number, alphabet = NAME_ALPHABET): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  hex(n: number): string {
    // Built from char codes in one go: a flat string, not a rope of 8-digit chunks (ids are
    // kept by the ten thousand, and a rope costs several heap objects each).
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i += 8) {
      const x = this.u32();
      for (let j = 0; j < 8 && i + j < n; j++) codes[i + j] = HEX_CODES[(x >>> (28 - 4 * j)) & 15];
    }
    return String.fromCharCode.apply(null, codes);
  }

  uuid(): string {
    // hex(32) laid out as 8-4-4-4-12, the version digit (13th) set to 4 and the variant digit
    // (17th) to 8, 9, a or b by its low two bits.
    const c = UUID_CODES;
    for (let i = 0; i < 32; i += 8) {
      const x = this.u32();
      for (let j = 0; j < 8; j++) {
        const k = i + j;
        c[k + (k >= 20 ? 4 : k >= 16 ? 3 : k >= 12 ? 2 : k >= 8 ? 1 : 0)] = HEX_CODES[(x >>> (28 - 4 * j)) & 15];
      }
    }
    c[14] = 52; // '4'
    c[19] = VARIANT_CODES[HEX_VALUE[c[19]] & 3];
    c[8] = c[13] = c[18] = c[23] = 45; // '-'
    return String.fromCharCode.apply(null, c);
  }

  state(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }
}
