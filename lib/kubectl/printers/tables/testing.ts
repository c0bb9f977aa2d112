// Fixtures for the table tests: a fixed "now" and timestamps relative to it, as the simulated
// cluster stores them (RFC 3339, whole seconds, UTC).

import { rfc3339 } from '../../../k8s/duration';

/** 2026-03-01T12:00:00Z */
export const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

/** The RFC 3339 timestamp `seconds` before NOW (negative: in the future). */
export function ago(seconds: number): string {
  return rfc3339(NOW - seconds * 1000);
}

export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
