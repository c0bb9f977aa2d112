// Cell ids derived from content, so re-importing the same note gives the same ids and a URL or a
// grade that names `cmd-3-get-pods` keeps pointing at the same cell. Ids must satisfy nbformat
// 4.5 (`^[a-zA-Z0-9-_]+$`, at most 64 characters), so Korean text contributes nothing to a slug:
// the number keeps the id unique, the ASCII words make it readable.

import { CELL_ID_MAX } from './schema';

/** ASCII words of `text` joined by `-`, lower case, at most `max` characters. */
export function slugify(text: string, max = 40): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}

function join(prefix: string, slug: string): string {
  return (slug ? `${prefix}-${slug}` : prefix).slice(0, CELL_ID_MAX).replace(/-+$/, '');
}

/** The first command line of a cell's source: not blank, not a `#` comment. */
export function firstCommandLine(source: string): string {
  for (const line of source.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) return t;
  }
  return '';
}

/**
 * `cmd-<n>-<words>`: the words of the first command line that are not flags, without the
 * leading `kubectl` (`kubectl get pod hello-kiamol -o wide` → `cmd-4-get-pod-hello-kiamol`).
 */
export function commandId(n: number, source: string): string {
  const words = firstCommandLine(source)
    .split(/\s+/)
    .filter((w, i) => !(i === 0 && w === 'kubectl') && !w.startsWith('-') && !/^['"{]/.test(w))
    .slice(0, 3);
  return join(`cmd-${n}`, slugify(words.join(' ')));
}

/** `manifest-<n>-<file stem>`: `ch02/pod.yaml` → `manifest-1-pod`. */
export function manifestId(n: number, file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  return join(`manifest-${n}`, slugify(base));
}

/** `md-<n>` plus the ASCII of a leading heading (`## 2.1 쿠버네티스는…` → `md-2-2-1`). */
export function markdownId(n: number, source: string): string {
  const m = /^\s{0,3}#{1,6}\s+(.*)$/m.exec(source.split('\n').find((l) => l.trim() !== '') ?? '');
  return join(`md-${n}`, m ? slugify(m[1], 24) : '');
}

/** `base`, or `base-2`, `base-3`, … when taken; records the result in `used`. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let i = 2; used.has(id); i++) {
    const suffix = `-${i}`;
    id = base.slice(0, CELL_ID_MAX - suffix.length) + suffix;
  }
  used.add(id);
  return id;
}
