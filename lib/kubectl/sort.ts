// --sort-by: kubectl's sorter (pkg/cmd/get/sorter.go). The field is a relaxed JSONPath run with
// AllowMissingKeys on each object (or each Table row's full object); values compare by type:
// numbers numerically, strings with sortorder.NaturalLess unless both parse as quantities,
// missing values first.

import { findResults, parseTemplate, relaxedJSONPathExpression } from '../jsonpath';
import { compareQuantity, parseQuantity } from '../k8s/quantity';
import { KubectlError } from './invocation';

const ENCODER = new TextEncoder();

/** github.com/fvbommel/sortorder NaturalLess: digit runs compare as numbers, over bytes. */
export function naturalLess(str1: string, str2: string): boolean {
  const a = ENCODER.encode(str1);
  const b = ENCODER.encode(str2);
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  let i1 = 0;
  let i2 = 0;
  while (i1 < a.length && i2 < b.length) {
    const c1 = a[i1];
    const c2 = b[i2];
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < a.length && a[i1] === 0x30) i1++;
    while (i2 < b.length && b[i2] === 0x30) i2++;
    const nz1 = i1;
    const nz2 = i2;
    while (i1 < a.length && isDigit(a[i1])) i1++;
    while (i2 < b.length && isDigit(b[i2])) i2++;
    const len1 = i1 - nz1;
    const len2 = i2 - nz2;
    if (len1 !== len2) return len1 < len2;
    const n1 = String.fromCharCode(...a.subarray(nz1, i1));
    const n2 = String.fromCharCode(...b.subarray(nz2, i2));
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

function isLess(i: unknown, j: unknown): boolean {
  if (i === null || i === undefined) return j !== null && j !== undefined;
  if (j === null || j === undefined) return false;
  if (typeof i === 'number' && typeof j === 'number') return i < j;
  if (typeof i === 'string' && typeof j === 'string') {
    const qi = parseQuantity(i);
    const qj = qi.ok ? parseQuantity(j) : qi;
    if (qi.ok && qj.ok) return compareQuantity(qi.quantity, qj.quantity) < 0;
    return naturalLess(i, j);
  }
  if (typeof i === 'boolean' && typeof j === 'boolean') return !i && j;
  // maps, slices and mixed types: kubectl compares their %v text as a fallback
  return naturalLess(JSON.stringify(i), JSON.stringify(j));
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
