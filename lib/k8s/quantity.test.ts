import { describe, expect, it } from 'vitest';
import {
  canonicalQuantity,
  compareQuantity,
  ERR_FORMAT_WRONG,
  ERR_SUFFIX,
  parseQuantity,
  quantityMilliValue,
  quantityString,
  quantityValue,
} from './quantity';

describe('parseQuantity', () => {
  it('reads decimal, binary and exponent suffixes into base units', () => {
    expect(quantityValue('100m')).toBe(0.1);
    expect(quantityValue('1')).toBe(1);
    expect(quantityValue('0.5')).toBe(0.5);
    expect(quantityValue('128Mi')).toBe(134217728);
    expect(quantityValue('1Gi')).toBe(1073741824);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('500k')).toBe(500000);
    expect(quantityValue('-2.5')).toBe(-2.5);
  });

  it('gives milli-values rounded away from zero', () => {
    expect(quantityMilliValue('250m')).toBe(250);
    expect(quantityMilliValue('1.5')).toBe(1500);
    expect(quantityMilliValue('1n')).toBe(1);
    expect(quantityMilliValue('64Mi')).toBe(67108864000);
  });

  it('rejects malformed quantities with upstream messages', () => {
    expect(parseQuantity('')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('abc')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('1.5x')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('10Gb')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('1Mb')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(parseQuantity('1ki')).toEqual({ ok: false, error: ERR_SUFFIX });
    expect(parseQuantity('1KiB')).toEqual({ ok: false, error: ERR_FORMAT_WRONG });
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
  });

  it('rounds amounts below a nano-unit up', () => {
    expect(canonicalQuantity('0.0000000001')).toBe('1n');
  });
});

describe('quantityString', () => {
  it('prints the canonical form the API server stores', () => {
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1.5')).toBe('1500m');
    expect(canonicalQuantity('1000m')).toBe('1');
    expect(canonicalQuantity('100m')).toBe('100m');
    expect(canonicalQuantity('0.1')).toBe('100m');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1000Mi')).toBe('1000Mi');
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('1010000')).toBe('1010k');
    expect(canonicalQuantity('128974848')).toBe('128974848');
    expect(canonicalQuantity('129e6')).toBe('129e6');
    expect(canonicalQuantity('12e2')).toBe('1200');
    expect(canonicalQuantity('1E')).toBe('1E');
    expect(canonicalQuantity('0Mi')).toBe('0');
    expect(canonicalQuantity('-500m')).toBe('-500m');
  });

  it('keeps an input upstream already treats as canonical, sign included', () => {
    expect(canonicalQuantity('+1')).toBe('+1');
    expect(canonicalQuantity('1Ki')).toBe('1Ki');
    expect(canonicalQuantity('0')).toBe('0');
  });

  it('prints parsed quantities', () => {
    const r = parseQuantity('2Gi');
    expect(r.ok && quantityString(r.quantity)).toBe('2Gi');
  });
});

describe('compareQuantity', () => {
  it('compares exact values across formats', () => {
    expect(compareQuantity('1', '1000m')).toBe(0);
    expect(compareQuantity('1Ki', '1k')).toBe(1);
    expect(compareQuantity('100m', '0.2')).toBe(-1);
    expect(compareQuantity('1Gi', '1073741824')).toBe(0);
  });
});
