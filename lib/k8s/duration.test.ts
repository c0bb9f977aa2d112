import { describe, expect, it } from 'vitest';
import {
  goDurationString,
  goDurationStringNs,
  humanDuration,
  parseTime,
  rfc3339,
  rfc3339Micro,
  shortHumanDuration,
  translateTimestampSince,
} from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it('prints seconds up to 119s and treats up to a second in the future as now', () => {
    expect(humanDuration(0)).toBe('0s');
    expect(humanDuration(119 * S + 999)).toBe('119s');
    expect(humanDuration(-1999)).toBe('0s');
    expect(humanDuration(-2 * S)).toBe('<invalid>');
  });

  it('prints minutes and seconds under ten minutes', () => {
    expect(humanDuration(2 * M)).toBe('2m');
    expect(humanDuration(2 * M + 30 * S)).toBe('2m30s');
    expect(humanDuration(9 * M + 59 * S)).toBe('9m59s');
  });

  it('prints whole minutes up to 179m', () => {
    expect(humanDuration(10 * M + 59 * S)).toBe('10m');
    expect(humanDuration(179 * M + 59 * S)).toBe('179m');
  });

  it('prints hours and minutes under eight hours, then whole hours under 48', () => {
    expect(humanDuration(3 * H)).toBe('3h');
    expect(humanDuration(3 * H + 5 * M)).toBe('3h5m');
    expect(humanDuration(8 * H + 5 * M)).toBe('8h');
    expect(humanDuration(47 * H + 59 * M)).toBe('47h');
  });

  it('prints days and hours under eight days, then whole days under two years', () => {
    expect(humanDuration(2 * D)).toBe('2d');
    expect(humanDuration(2 * D + 3 * H)).toBe('2d3h');
    expect(humanDuration(8 * D + 3 * H)).toBe('8d');
    expect(humanDuration(729 * D)).toBe('729d');
  });

  it('prints years and days under eight years, then whole years', () => {
    expect(humanDuration(730 * D)).toBe('2y');
    expect(humanDuration(735 * D)).toBe('2y5d');
    expect(humanDuration(8 * 365 * D + 100 * D)).toBe('8y');
  });

  it('prints <unknown> for a missing timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    expect(translateTimestampSince(null, 0)).toBe('<unknown>');
    expect(translateTimestampSince('2026-11-22T13:54:13Z', Date.UTC(2026, 10, 22, 13, 56, 43))).toBe('2m30s');
  });
});

describe('shortHumanDuration', () => {
  it('uses a single unit', () => {
    expect(shortHumanDuration(59 * S)).toBe('59s');
    expect(shortHumanDuration(90 * S)).toBe('1m');
    expect(shortHumanDuration(23 * H + 59 * M)).toBe('23h');
    expect(shortHumanDuration(364 * D)).toBe('364d');
    expect(shortHumanDuration(400 * D)).toBe('1y');
  });
});

describe('goDurationString', () => {
  it('prints Go time.Duration strings', () => {
    expect(goDurationString(0)).toBe('0s');
    expect(goDurationString(812)).toBe('812ms');
    expect(goDurationString(5358)).toBe('5.358s');
    expect(goDurationString(60500)).toBe('1m0.5s');
    expect(goDurationString(120000)).toBe('2m0s');
    expect(goDurationString(3600000)).toBe('1h0m0s');
    expect(goDurationString(-1500)).toBe('-1.5s');
  });

  it('truncates to whole milliseconds like the kubelet', () => {
    expect(goDurationString(812.9)).toBe('812ms');
  });

  it('agrees with the nanosecond formatter for whole milliseconds', () => {
    for (const ms of [1, 999, 1000, 1001, 1010, 1100, 59_999, 61_234, 3_599_999, 3_600_000, 90_061_001, -1, -61_000]) {
      expect(goDurationString(ms)).toBe(goDurationStringNs(BigInt(ms) * 1_000_000n));
    }
  });

  it('prints sub-millisecond units from nanoseconds', () => {
    expect(goDurationStringNs(1_500_000)).toBe('1.5ms');
    expect(goDurationStringNs(1500)).toBe('1.5\u00b5s');
    expect(goDurationStringNs(999)).toBe('999ns');
    expect(goDurationStringNs(1_000_000_001n)).toBe('1.000000001s');
  });
});

describe('timestamps', () => {
  const t = Date.UTC(2026, 10, 22, 13, 54, 13, 123);

  it('formats metav1.Time in whole seconds, UTC', () => {
    expect(rfc3339(t)).toBe('2026-11-22T13:54:13Z');
  });

  it('formats each second right when asked about seconds out of order', () => {
    expect(rfc3339(t + 876)).toBe('2026-11-22T13:54:13Z');
    expect(rfc3339(t + 877)).toBe('2026-11-22T13:54:14Z');
    expect(rfc3339(t - 124)).toBe('2026-11-22T13:54:12Z');
    expect(rfc3339(t)).toBe('2026-11-22T13:54:13Z');
    expect(rfc3339(-1)).toBe('1969-12-31T23:59:59Z');
  });

  it('formats metav1.MicroTime with six fractional digits', () => {
    expect(rfc3339Micro(t)).toBe('2026-11-22T13:54:13.123000Z');
    expect(rfc3339Micro(t + 0.456)).toBe('2026-11-22T13:54:13.123456Z');
  });

  it('parses RFC 3339 with fractions and offsets', () => {
    expect(parseTime('2026-11-22T13:54:13Z')).toBe(Date.UTC(2026, 10, 22, 13, 54, 13));
    expect(parseTime('2026-11-22T13:54:13.5Z')).toBe(Date.UTC(2026, 10, 22, 13, 54, 13, 500));
    expect(parseTime('2026-11-22T22:54:13+09:00')).toBe(Date.UTC(2026, 10, 22, 13, 54, 13));
    expect(parseTime('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
  });
});
