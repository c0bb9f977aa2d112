import { describe, expect, test } from 'vitest';
import { backoffNext, inBackoffSince, inBackoffSinceUpdate, render, selectStage, STAGES, TIMING } from './stages';

describe('the stage table', () => {
  test('every step has a stage that matches when no fact holds', () => {
    for (const step of ['sandbox', 'backoff', 'image', 'create', 'start', 'kill'] as const) {
      expect(selectStage(step, { imageValid: true, pullable: true, executable: true, pullPolicy: 'Always' }).step).toBe(step);
    }
  });

  test('image stages are picked by policy, presence and back-off, first match wins', () => {
    const base = { imageValid: true, pullable: true, pullBackoff: false } as const;
    expect(selectStage('image', { ...base, imagePresent: true, pullPolicy: 'IfNotPresent' }).name).toBe('image-present');
    expect(selectStage('image', { ...base, imagePresent: true, pullPolicy: 'Always' }).name).toBe('image-pull');
    expect(selectStage('image', { ...base, imagePresent: false, pullPolicy: 'Never' }).name).toBe('image-never-pull');
    expect(selectStage('image', { ...base, imagePresent: false, pullPolicy: 'IfNotPresent', pullBackoff: true }).name).toBe('image-pull-back-off');
    expect(selectStage('image', { ...base, imagePresent: false, pullPolicy: 'IfNotPresent', pullable: false }).name).toBe('image-pull-fails');
    expect(selectStage('image', { imageValid: false, pullPolicy: 'Always' }).name).toBe('invalid-image-name');
  });

  test('stage names are unique and the messages are the kubelet 1.32 ones', () => {
    expect(new Set(STAGES.map((s) => s.name)).size).toBe(STAGES.length);
    const created = STAGES.find((s) => s.name === 'create-container')!;
    expect(render(created.events![0].message, { container: 'web' })).toBe('Created container web');
    const pulled = STAGES.find((s) => s.name === 'image-pull')!;
    expect(render(pulled.events![1].message, { imageQ: '"nginx:1.27"', pullTime: '8.127s', pullTotal: '8.127s', size: 72223946 })).toBe(
      'Successfully pulled image "nginx:1.27" in 8.127s (8.127s including waiting). Image size: 72223946 bytes.',
    );
  });

  test('render leaves unknown placeholders alone', () => {
    expect(render('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('back-off (flowcontrol.Backoff)', () => {
  test('starts at 10s and doubles to 5m', () => {
    let e = backoffNext(undefined, 0, TIMING.crashBackoffInitialMs, TIMING.crashBackoffMaxMs);
    const seen = [e.d];
    for (let i = 1; i < 8; i++) {
      e = backoffNext(e, i * 1000, TIMING.crashBackoffInitialMs, TIMING.crashBackoffMaxMs);
      seen.push(e.d);
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  test('an entry untouched for twice the maximum starts over', () => {
    const e = { d: 160_000, at: 0 };
    expect(backoffNext(e, 600_001, 10_000, 300_000)).toEqual({ d: 10_000, at: 600_001 });
    expect(inBackoffSince(e, 600_001, 600_002, 300_000)).toBe(false);
  });

  test('in back-off since an event or since the last update', () => {
    const e = { d: 10_000, at: 1000 };
    expect(inBackoffSince(e, 2000, 11_999, 300_000)).toBe(true);
    expect(inBackoffSince(e, 2000, 12_000, 300_000)).toBe(false);
    expect(inBackoffSinceUpdate(e, 10_999, 300_000)).toBe(true);
    expect(inBackoffSinceUpdate(e, 11_000, 300_000)).toBe(false);
  });
});
