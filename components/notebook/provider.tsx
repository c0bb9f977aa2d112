'use client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { NotebookRuntime } from './runtime';
import type { KernelExecution, KernelOutput, RunnableCell } from './api';
import { recordProgress } from '../progress';

const Ctx = createContext<NotebookRuntime | null>(null);

export function useRuntime(): NotebookRuntime {
  const rt = useContext(Ctx);
  if (!rt) throw new Error('useRuntime outside NotebookProvider');
  return rt;
}

export function NotebookProvider({
  progressKey,
  cells,
  initial,
  children,
}: {
  /** where progress is recorded (the chapter slug); none for imported notes */
  progressKey?: string;
  cells: RunnableCell[];
  initial: Record<string, { outputs: KernelOutput[]; execution?: KernelExecution }>;
  children: ReactNode;
}) {
  const [rt] = useState(() => new NotebookRuntime(cells, initial));
  useEffect(() => {
    if (!progressKey) return;
    return rt.onCellFinished((id, ok) => {
      if (ok) recordProgress(progressKey, id);
    });
  }, [rt, progressKey]);
  useEffect(() => () => rt.dispose(), [rt]);
  return <Ctx.Provider value={rt}>{children}</Ctx.Provider>;
}
