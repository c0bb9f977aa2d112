'use client';
// Progress is per browser: the notebook page records which cells this reader has run
// (localStorage `podbook:progress:<chapter>`, a list of cell ids). Nothing is stored on the server.
import { useSyncExternalStore } from 'react';

export const progressKey = (chapter: string) => `podbook:progress:${chapter}`;

export function readProgress(chapter: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(progressKey(chapter)) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function recordProgress(chapter: string, cellId: string): void {
  try {
    const done = new Set(readProgress(chapter));
    if (done.has(cellId)) return;
    done.add(cellId);
    localStorage.setItem(progressKey(chapter), JSON.stringify([...done]));
  } catch {
    // storage full or disabled: progress is a convenience, never an error
  }
}

const subscribe = (fn: () => void) => {
  window.addEventListener('storage', fn);
  return () => window.removeEventListener('storage', fn);
};

export function Progress({ chapter, total }: { chapter: string; total: number }) {
  const done = useSyncExternalStore(
    subscribe,
    () => readProgress(chapter).length,
    () => -1,
  );
  if (done < 0) return <p className="progress">진행률: 불러오는 중…</p>;
  if (done === 0) return <p className="progress">진행률: 아직 실행한 셀이 없습니다</p>;
  return (
    <p className="progress">
      진행률: {Math.min(done, total)}/{total} 셀 실행
      <progress value={Math.min(done, total)} max={total} aria-label="실행한 셀 비율" style={{ marginLeft: '0.5rem' }} />
    </p>
  );
}
