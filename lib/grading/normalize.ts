// Normalizers for comparing a learner's answer with the right one. Short answers forgive the
// ways people type the same word; predicted outputs forgive what no one can predict (how long
// ago something started, which random suffix a pod got) and how the columns were spaced.

/**
 * A short answer as compared: Unicode NFKC (full-width `ｋｕｂｅｃｔｌ` and the ideographic space
 * become ASCII), lower case, runs of whitespace as one space, trimmed.
 */
export function normalizeShortAnswer(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** CRLF as LF, no spaces or tabs at line ends, no blank lines before the first or after the last line. */
export function normalizeTrailing(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

/**
 * Runs of spaces and tabs inside a line as one space. kubectl aligns columns with a tabwriter
 * whose widths follow the longest cell, so a learner who types the right cells with other
 * spacing (or whose pod name differs only in its random suffix) still has the right table.
 */
export function normalizeColumns(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n');
}

export const AGE_PLACEHOLDER = '<age>';

// duration.HumanDuration's forms (apimachinery pkg/util/duration: 5s, 3m2s, 10m, 2h5m, 5h,
// 3d4h, 20d, 2y30d, 3y) and the printers' `<unknown>`/`<invalid>`. A token counts only when it
// stands alone or in parentheses (RESTARTS `1 (5s ago)`, events `(x2 over 5m)`).
const AGE_TOKEN = /(?<=^|[\s(])(?:\d+[smhdy](?:\d+[smhd])?|<unknown>|<invalid>)(?=$|[\s)])/g;

/**
 * Every age (the AGE column of `get`, LAST SEEN of events, describe's event ages, the "ago" of
 * RESTARTS) as `<age>`: the simulator's virtual clock decides them, the learner cannot.
 */
export function normalizeAges(text: string): string {
  return text.replace(AGE_TOKEN, AGE_PLACEHOLDER);
}

// The alphabet of generated names: apimachinery utilrand's `bcdfghjklmnpqrstvwxz2456789`, used
// both for the 5-character suffix of generateName (names.SimpleNameGenerator) and for
// rand.SafeEncodeString of the pod-template-hash. It has no vowels, so ordinary words in object
// names (`hello-kiamol`, `nginx-pod`) are never taken for a suffix. `x` is in it, so a learner's
// `whoami-xxxxxxxxx-xxxxx` matches too; writing `<hash>` and `<suffix>` also works.
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const NAME_END = '(?![-a-z0-9])';
const POD_OF_DEPLOYMENT = new RegExp(`(?<=[a-z0-9])-${SAFE}{6,10}-${SAFE}{5}${NAME_END}`, 'g');
const HASH_LABEL = new RegExp(`(pod-template-hash[=:] ?)${SAFE}{6,10}${NAME_END}`, 'g');
const REPLICASET = new RegExp(`(?<=[a-z0-9])-${SAFE}{6,10}${NAME_END}`, 'g');
const SUFFIX = new RegExp(`(?<=[a-z0-9])-${SAFE}{5}${NAME_END}`, 'g');

/**
 * Generated parts of names as placeholders: `whoami-fb6b989b5-58qq7` → `whoami-<hash>-<suffix>`,
 * the ReplicaSet `whoami-fb6b989b5` → `whoami-<hash>`, `pod-template-hash=fb6b989b5` →
 * `pod-template-hash=<hash>`, `kube-api-access-x7k2p` → `kube-api-access-<suffix>`.
 */
export function normalizeGeneratedNames(text: string): string {
  return text
    .replace(POD_OF_DEPLOYMENT, '-<hash>-<suffix>')
    .replace(HASH_LABEL, '$1<hash>')
    .replace(REPLICASET, '-<hash>')
    .replace(SUFFIX, '-<suffix>');
}

/** Everything a predicted output is compared after: trailing space, ages, generated names, column spacing. */
export function normalizePredictOutput(text: string): string {
  return normalizeColumns(normalizeGeneratedNames(normalizeAges(normalizeTrailing(text))));
}
