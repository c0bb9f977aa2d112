import { describe, expect, it } from 'vitest';
import { NAME_ALPHABET, SeededRand } from './rand';

describe('seeded random source', () => {
  it('the same seed gives the same sequence, another seed another one', () => {
    const a = new SeededRand(5);
    const b = new SeededRand(5);
    const c = new SeededRand(6);
    const seq = (r: SeededRand) => [r.string(5), r.hex(12), r.uuid()].join(' ');
    const first = seq(a);
    expect(seq(b)).toBe(first);
    expect(seq(c)).not.toBe(first);
  });

  it('pod suffixes use only the apimachinery alphabet', () => {
    const r = new SeededRand(1);
    const s = Array.from({ length: 200 }, () => r.string(5)).join('');
    for (const ch of s) expect(NAME_ALPHABET).toContain(ch);
    expect(new Set(s).size).toBe(NAME_ALPHABET.length);
  });

  it('resumes exactly from a saved state', () => {
    const r = new SeededRand(9);
    r.string(10);
    const saved = r.state();
    const expected = r.uuid();
    expect(new SeededRand(saved).uuid()).toBe(expected);
  });

  it('hex digits and uuids come out as they always have for a seed (names in transcripts depend on it)', () => {
    const r = new SeededRand(42);
    expect([r.hex(7), r.hex(64), r.uuid(), r.uuid(), r.hex(12)]).toEqual([
      '3d535a8',
      '95feeaf017de31b032dc032a72754078d5e8ad60d93de77deddd178876fd6edf',
      'fdb2e88d-3808-4655-b84a-e4fa5a14fd76',
      'fb1a2a6b-6c58-473f-bccd-8f4adccb3ff1',
      '4d3ec3488583',
    ]);
  });
});
