// The plumbing every describer shares: kubectl describe.go's PrefixWriter over one Go
// text/tabwriter (0, 8, 2, ' ', 0) (`tabbedString`), RFC1123Z times in kubectl's local zone, and
// the HumanDuration ages. Pure: "now" and the zone offset come in as options.

import { humanDuration, parseTime } from '../../k8s/duration';
import { describeTabWriter, escapeTerminal } from '../format/tabwriter';
import type { TabWriter } from '../format/tabwriter';

export interface DescribeOptions {
  /** kubectl's time.Now(), in milliseconds since the epoch */
  now: number;
  /** kubectl's local zone as minutes east of UTC (Asia/Seoul is 540); default 0 → `+0000` */
  tzOffsetMinutes?: number;
  /** --show-events (default true); false leaves out the Events section entirely */
  showEvents?: boolean;
}

/** describe.go's LEVEL_n: n × 2 spaces of indentation. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/**
 * describe.go's prefixWriter: every write is indented by level×2 spaces and escaped
 * (printers.WriteEscaped) before it reaches the tabwriter; flush() is the tabwriter's Flush,
 * which DescribeEvents calls so the events table aligns on its own.
 */
export class PrefixWriter {
  private readonly tw: TabWriter = describeTabWriter();
  private out = '';

  constructor(readonly opts: DescribeOptions) {}

  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln(a...) for a single string: the text and a newline. */
  writeLine(text: string): void {
    this.tw.write(escapeTerminal(`${text}\n`));
  }

  flush(): void {
    this.out += this.tw.flush();
  }

  /** tabbedString: the final Flush and the whole text. */
  result(): string {
    this.flush();
    return this.out;
  }

  /** metav1.Time.Format(time.RFC1123Z) in kubectl's local zone. */
  time(ts: string | null | undefined): string {
    return formatRFC1123Z(ts, this.opts.tzOffsetMinutes ?? 0);
  }

  /** describe.go translateTimestampSince: `<unknown>` for a zero time, else HumanDuration. */
  since(ts: string | null | undefined): string {
    if (!ts) return '<unknown>';
    const t = parseTime(ts);
    if (t === null) return '<unknown>';
    return humanDuration(this.opts.now - t);
  }
}

/** Runs a describer body against a fresh writer and returns what kubectl prints. */
export function tabbedString(opts: DescribeOptions, body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter(opts);
  body(w);
  return w.result();
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z layout `Mon, 02 Jan 2006 15:04:05 -0700`. A missing timestamp is Go's zero
 * time.Time (a null metav1.Time decodes to it, in UTC): `Mon, 01 Jan 0001 00:00:00 +0000`.
 */
export function formatRFC1123Z(ts: string | null | undefined, tzOffsetMinutes: number): string {
  const ms = ts ? parseTime(ts) : null;
  if (ms === null) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(Math.floor(ms / 1000) * 1000 + tzOffsetMinutes * 60_000);
  const sign = tzOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(tzOffsetMinutes);
  const zone = `${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
  const y = d.getUTCFullYear();
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(y).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${zone}`
  );
}

/** Go's sort.Strings order (bytewise); for the names kubectl sorts, UTF-16 order agrees. */
export function goStringLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** len(s) in Go: the UTF-8 byte length. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** s[:n] in Go, on UTF-8 bytes; a cut rune is dropped rather than split. */
export function utf8Prefix(s: string, n: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const len = utf8Length(ch);
    if (bytes + len > n) break;
    bytes += len;
    out += ch;
  }
  return out;
}

export function stringOrNone(s: string | undefined): string {
  return s && s.length > 0 ? s : '<none>';
}

/** describe.go printBool: `True`/`False`. */
export function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

/** Go's %v of a *bool: `<nil>` when unset. (A set pointer prints its address upstream.) */
export function printBoolPointer(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<nil>';
  return v ? 'true' : 'false';
}
