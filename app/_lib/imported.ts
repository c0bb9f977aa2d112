// Imported notes live in this server process's memory only (no database yet): the newest 100 are
// kept, so a study room's imports survive a while without growing without bound.
import { randomUUID } from 'node:crypto';
import type { Notebook } from '@/lib/notebook';

const MAX = 100;
const KEY = Symbol.for('podbook.imported');
const g = globalThis as unknown as Record<symbol, Map<string, Notebook> | undefined>;
const store = (g[KEY] ??= new Map<string, Notebook>());

export function saveImported(nb: Notebook): string {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  store.set(id, nb);
  while (store.size > MAX) store.delete(store.keys().next().value as string);
  return id;
}

export function getImported(id: string): Notebook | undefined {
  return /^[a-f0-9]{12}$/.test(id) ? store.get(id) : undefined;
}
