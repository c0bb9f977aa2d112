// Durations and timestamps as Kubernetes prints them: apimachinery util/duration
// (HumanDuration, ShortHumanDuration), Go time.Duration.String(), and metav1.Time /
// metav1.MicroTime serialization (RFC 3339 in UTC). Pure functions: the caller supplies "now".

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * duration.HumanDuration for an elapsed time in milliseconds (the AGE column): `119s`,
 * `2m30s`, `179m`, `3h5m`, `47h`, `2d3h`, `729d`, `2y5d`, `8y`. More than a second in the
 * future is `<invalid>`; less is `0s`. Every step truncates, as Go's integer division does.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** duration.ShortHumanDuration: one unit only (`59s`, `59m`, `23h`, `364d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/**
 * The printers' translateTimestampSince: `<unknown>` for a missing (zero) timestamp, else the
 * HumanDuration from the timestamp to `nowMs`.
 */
export function translateTimestampSince(timestamp: string | null | undefined, nowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = parseTime(timestamp);
  if (t === null) return '<unknown>';
  return humanDuration(nowMs - t);
}

// ---------------------------------------------------------------------------------------------
// Go time.Duration.String()

/** fmtFrac: the fraction of v below 10^prec, trailing zeros dropped, `.` omitted if none. */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = `${digit}${digits}`;
    v /= 10n;
  }
  return [print ? `.${digits}` : '', v];
}

/** time.Duration(ns).String(): `0s`, `812ms`, `1.5µs`, `5.358s`, `1m0.5s`, `2m0s`, `1h0m0s`. */
export function goDurationStringNs(ns: bigint | number): string {
  let d = typeof ns === 'bigint' ? ns : BigInt(Math.trunc(ns));
  if (d === 0n) return '0s';
  const neg = d < 0n;
  if (neg) d = -d;
  let out: string;
  if (d < 1_000_000_000n) {
    // sub-second: the largest unit of ns, µs, ms that fits
    let prec: number;
    let unit: string;
    if (d < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (d < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, whole] = fmtFrac(d, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, secsTotal] = fmtFrac(d, 9);
    const secs = secsTotal % 60n;
    const minsTotal = secsTotal / 60n;
    out = `${secs}${frac}s`;
    if (minsTotal > 0n) {
      const mins = minsTotal % 60n;
      const hours = minsTotal / 60n;
      out = `${mins}m${out}`;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/**
 * Duration.String() for milliseconds, truncated to whole milliseconds first as the kubelet's
 * image-pull messages do (`Duration.Truncate(time.Millisecond)`): 5358 → `5.358s`.
 */
export function goDurationString(ms: number): string {
  const whole = Math.trunc(ms);
  // Whole milliseconds need no BigInt: under a second it is `<n>ms`; above, the nanosecond
  // fraction is the milliseconds' three digits, trailing zeros dropped.
  if (!Number.isSafeInteger(whole) || whole === 0) return goDurationStringNs(BigInt(whole) * 1_000_000n);
  const neg = whole < 0;
  const abs = neg ? -whole : whole;
  let out: string;
  if (abs < 1000) out = `${abs}ms`;
  else {
    let frac = abs % 1000;
    let digits = '';
    if (frac) {
      digits = String(frac).padStart(3, '0');
      while (frac % 10 === 0) {
        frac /= 10;
        digits = digits.slice(0, -1);
      }
      digits = '.' + digits;
    }
    const secsTotal = Math.floor(abs / 1000);
    const minsTotal = Math.floor(secsTotal / 60);
    out = `${secsTotal % 60}${digits}s`;
    if (minsTotal > 0) {
      const hours = Math.floor(minsTotal / 60);
      out = `${minsTotal % 60}m${out}`;
      if (hours > 0) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

// ---------------------------------------------------------------------------------------------
// Timestamps

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function utcParts(ms: number): { date: string; time: string } {
  const d = new Date(Math.floor(ms));
  const y = d.getUTCFullYear();
  const date = `${y < 0 ? '-' + pad(-y, 4) : pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return { date, time };
}

/** metav1.Time as JSON: RFC 3339, whole seconds, UTC (`2026-11-22T13:54:13Z`). Fractions are dropped. */
export function rfc3339(ms: number): string {
  // The same second is formatted over and over (every object a batch of work writes): the last
  // one is remembered, and the objects share its string.
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSec) remember(sec, ms);
  return lastTs;
}

let lastSec = NaN;
/** `2026-11-22T13:54:13` of lastSec */
let lastPrefix = '';
let lastTs = '';
function remember(sec: number, ms: number): void {
  const { date, time } = utcParts(ms);
  lastSec = sec;
  lastPrefix = `${date}T${time}`;
  lastTs = `${lastPrefix}Z`;
}

/** metav1.MicroTime as JSON (events' eventTime): always six fractional digits (`…13.123456Z`). */
export function rfc3339Micro(ms: number): string {
  const micros = Math.floor(ms * 1000);
  const wholeMs = Math.floor(micros / 1000);
  const frac = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  const sec = Math.floor(wholeMs / 1000);
  if (sec !== lastSec) remember(sec, wholeMs);
  return `${lastPrefix}.${pad(frac, 6)}Z`;
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp (with or without fraction, `Z` or an offset) to milliseconds
 * since the epoch; sub-millisecond digits are kept as a fraction. null if malformed.
 */
export function parseTime(s: string): number | null {
  const m = RFC3339_RE.exec(s);
  if (!m) return null;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  if (d.getUTCDate() !== day) return null; // e.g. February 30th
  let ms = d.getTime();
  if (frac) ms += Number(`0${frac}`) * 1000;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * MINUTE;
    ms -= sign * offset;
  }
  return ms;
}
