// Small ports of the helpers printers.go shares between printers: column definitions, the
// timestamp translators, layoutContainerCells, Go's strings.TrimSpace, and the readers that
// tolerate loosely typed objects (a stored object may lack any optional field).

import { humanDuration, parseTime } from '../../../k8s/duration';
import type { Container } from '../../../k8s/types';
import { OBJECT_META_CREATION_TIMESTAMP, OBJECT_META_NAME, TEMPLATE_CONTAINERS, TEMPLATE_IMAGES } from './descriptions';
import type { TableColumnDefinition } from './types';

// ---------------------------------------------------------------------------------------------
// Column definitions

/** A column with printers.go's zero values filled in: format "" and priority 0. */
export function column(name: string, type: string, description: string, extra: { format?: string; priority?: number } = {}): TableColumnDefinition {
  return { name, type, format: extra.format ?? '', description, priority: extra.priority ?? 0 };
}

/** `{Name: "Name", Type: "string", Format: "name", Description: ObjectMeta name}`, the first column of most printers. */
export const NAME_COLUMN: TableColumnDefinition = column('Name', 'string', OBJECT_META_NAME, { format: 'name' });

/** `{Name: "Age", Type: "string", Description: ObjectMeta creationTimestamp}`. */
export const AGE_COLUMN: TableColumnDefinition = column('Age', 'string', OBJECT_META_CREATION_TIMESTAMP);

/** The wide Containers and Images columns of the workload printers. */
export const CONTAINERS_COLUMN: TableColumnDefinition = column('Containers', 'string', TEMPLATE_CONTAINERS, { priority: 1 });
export const IMAGES_COLUMN: TableColumnDefinition = column('Images', 'string', TEMPLATE_IMAGES, { priority: 1 });

// ---------------------------------------------------------------------------------------------
// Time

/**
 * A metav1.Time as the apiserver holds it, in milliseconds, or null for the zero time. The
 * apiserver stores metav1.Time with whole seconds only (time_proto.go drops the nanoseconds), so
 * a fraction that slipped into a stored timestamp is truncated here as it would be there.
 */
export function timeMs(ts: unknown): number | null {
  if (typeof ts !== 'string' || ts === '') return null;
  const ms = parseTime(ts);
  if (ms === null) return null;
  return Math.floor(ms / 1000) * 1000;
}

/** A metav1.MicroTime (events' eventTime, series.lastObservedTime) in milliseconds, or null. */
export function microTimeMs(ts: unknown): number | null {
  if (typeof ts !== 'string' || ts === '') return null;
  return parseTime(ts);
}

/** printers.go translateTimestampSince: `<unknown>` for the zero time, else HumanDuration(now - t). */
export function since(ts: unknown, now: number): string {
  const t = timeMs(ts);
  return t === null ? '<unknown>' : humanDuration(now - t);
}

/** printers.go translateMicroTimestampSince. */
export function microSince(ts: unknown, now: number): string {
  const t = microTimeMs(ts);
  return t === null ? '<unknown>' : humanDuration(now - t);
}

// ---------------------------------------------------------------------------------------------
// Strings

/**
 * layoutContainerCells: container names and images, each joined with `,` (an image-less
 * container contributes an empty string, as Go's zero value does).
 */
export function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

// unicode.IsSpace: '\t', '\n', '\v', '\f', '\r', ' ', U+0085, U+00A0 and the Zs/Zl/Zp spaces.
// JavaScript's trim() also strips U+FEFF, which Go keeps.
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const GO_TRIM_RE = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(GO_TRIM_RE, '');
}

/** Go's bytewise string order (UTF-16 order differs only for astral characters). */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sets.NewString(items...).List(): unique and sorted. */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort(compareGo);
}

/** net.JoinHostPort: IPv6 literals (anything with a colon) go in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

// ---------------------------------------------------------------------------------------------
// Loose readers

/** An int32/int64 field, 0 when absent (Go's zero value). */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** A string field, "" when absent. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function arr<T>(v: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(v) ? v : [];
}

/** len() of a Go map. */
export function mapLen(v: unknown): number {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : 0;
}

export function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
