// --sort-by: kubectl's sorter (pkg/cmd/get/sorter.go). The field is a relaxed JSONPath run with
// AllowMissingKeys on each object (or each Table row's full object); values compare by type:
// numbers numerically, strings byte-wise (Go's <) unless both parse as quantities,
// missing values first.

import { findResults, parseTemplate, relaxedJSONPathExpression } from '../jsonpath';
import { compareQuantity, parseQuantity } from '../k8s/quantity';
import { KubectlError } from './invocation';

const ENCODER = new TextEncoder();

/**
 * Go's `<` on strings: byte-wise (UTF-8). kubectl's sorter.go reaches NaturalLess only for typed
 * string fields; decoded (unstructured) objects, which kubectl 1.32 always sorts, compare their
 * interface values with plain `<` — checked against the real kubectl: `a10` sorts before `a9`.
 */
export function goStringLess(a: string, b: string): boolean {
  const x = ENCODER.encode(a);
  const y = ENCODER.encode(b);
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) if (x[k] !== y[k]) return x[k] < y[k];
  return x.length < y.length;
}

function isLess(i: unknown, j: unknown): boolean {
  if (i === null || i === undefined) return j !== null && j !== undefined;
  if (j === null || j === undefined) return false;
  if (typeof i === 'number' && typeof j === 'number') return i < j;
  if (typeof i === 'string' && typeof j === 'string') {
    const qi = parseQuantity(i);
    const qj = qi.ok ? parseQuantity(j) : qi;
    if (qi.ok && qj.ok) return compareQuantity(qi.quantity, qj.quantity) < 0;
    return goStringLess(i, j);
  }
  if (typeof i === 'boolean' && typeof j === 'boolean') return !i && j;
  // maps, slices and mixed types: kubectl compares their %v text as a fallback
  return goStringLess(JSON.stringify(i), JSON.stringify(j));
}

/**
 * Sorts `items` by the JSONPath `sortBy` read from `objectOf(item)`, as kubectl's RuntimeSort and
 * TableSorter do: Less(i, j) is true whenever i has no value (even when j has none either), and
 * the order comes from Go's sort.Sort, which for up to 12 items is an insertion sort; this port
 * uses that insertion sort for every length. Throws kubectl's
 * `couldn't find any field with path "{.x}" in the list of objects` when no item has the field.
 */
export function sortByField<T>(items: readonly T[], sortBy: string, objectOf: (item: T) => unknown): T[] {
  if (items.length === 0) return [...items];
  const relaxed = relaxedJSONPathExpression(sortBy);
  if (!relaxed.ok) throw new KubectlError(relaxed.error);
  const field = relaxed.expression;
  const parsed = parseTemplate(field);
  if (!parsed.ok) throw new KubectlError(`sorting error: ${parsed.error}`);
  let found = false;
  const rows = items.map((item) => {
    const r = findResults(parsed.template, objectOf(item), { allowMissingKeys: true });
    if (!r.ok) throw new KubectlError(r.error);
    const has = r.results.length > 0 && r.results[0].length > 0;
    if (has) found = true;
    return { item, has, v: has ? r.results[0][0] : undefined };
  });
  if (!found) throw new KubectlError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  const less = (a: (typeof rows)[number], b: (typeof rows)[number]) => (!a.has ? true : !b.has ? false : isLess(a.v, b.v));
  // Go's insertionSort(data, a, b)
  for (let i = 1; i < rows.length; i++) {
    for (let j = i; j > 0 && less(rows[j], rows[j - 1]); j--) {
      const t = rows[j];
      rows[j] = rows[j - 1];
      rows[j - 1] = t;
    }
  }
  return rows.map((r) => r.item);
}
