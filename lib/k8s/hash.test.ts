import { describe, expect, it } from 'vitest';
import { canonicalJSON, computeTemplateHash, fnv32a, safeEncodeString, utf8Bytes } from './hash';

describe('fnv32a', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });

  it('hashes strings as UTF-8 and can continue from a previous state', () => {
    expect(fnv32a('é')).toBe(fnv32a(Uint8Array.from([0xc3, 0xa9])));
    expect(fnv32a('bar', fnv32a('foo'))).toBe(fnv32a('foobar'));
    expect(Array.from(utf8Bytes('한'))).toEqual([0xed, 0x95, 0x9c]);
  });
});

describe('safeEncodeString', () => {
  it('maps decimal digits onto 4-9 and b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(safeEncodeString(String(0x811c9dc5))).toBe('65bb57b6b5');
  });
});

describe('computeTemplateHash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };

  it('ignores key order and undefined members', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.27', name: 'web', command: undefined }] }, metadata: { labels: { app: 'web' } } };
    expect(computeTemplateHash(reordered)).toBe(computeTemplateHash(template));
    expect(canonicalJSON(reordered)).toBe('{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}');
  });

  it('is the safe encoding of the decimal FNV-1a of the canonical JSON', () => {
    expect(computeTemplateHash(template)).toBe(safeEncodeString(String(fnv32a(canonicalJSON(template)))));
    expect(computeTemplateHash(template)).toMatch(/^[4-9bcdf]{1,10}$/);
  });

  it('changes with the image and with the collision count', () => {
    const other = { ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } };
    expect(computeTemplateHash(other)).not.toBe(computeTemplateHash(template));
    expect(computeTemplateHash(template, 1)).not.toBe(computeTemplateHash(template));
    expect(computeTemplateHash(template, 0)).not.toBe(computeTemplateHash(template));
    expect(computeTemplateHash(template, 1)).toBe(computeTemplateHash(template, 1));
  });
});
