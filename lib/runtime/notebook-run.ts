// A notebook's runnable cells through a kernel, with the outputs written back into the model:
// what `podbook run`, `podbook build` and the grader share. Cells run in order; each command
// and manifest cell gets its outputs and execution record (count, duration on the kernel's clock,
// exit code), so the result exports to .ipynb with its outputs kept.

import type { Cell, Notebook, Output } from '../notebook';
import { Kernel } from './kernel';
import type { CellResult, KernelOptions, RunnableCell } from './kernel';

export interface NotebookRun {
  notebook: Notebook;
  results: CellResult[];
  /** the cells that failed without expecting to (non-zero exit, invalid manifest) */
  failed: CellResult[];
  kernel: Kernel;
}

export function runnableCell(cell: Cell): RunnableCell | undefined {
  if (cell.type === 'command') return { type: 'command', id: cell.id, source: cell.source, interactive: cell.interactive, allowError: cell.allowError };
  if (cell.type === 'manifest') return { type: 'manifest', id: cell.id, file: cell.file, source: cell.source };
  return undefined;
}

/**
 * Runs every command and manifest cell of `nb` in order on `kernel` (a fresh simulated one by
 * default) and returns the notebook with their outputs. `onCell` sees each result as it lands.
 */
export async function runNotebook(
  nb: Notebook,
  opts: { kernel?: Kernel; kernelOptions?: KernelOptions; onCell?: (cell: Cell, result: CellResult) => void } = {},
): Promise<NotebookRun> {
  const kernel = opts.kernel ?? new Kernel(opts.kernelOptions ?? { seed: 1 });
  const results: CellResult[] = [];
  const cells: Cell[] = [];
  for (const cell of nb.cells) {
    const runnable = runnableCell(cell);
    if (!runnable || (cell.type !== 'command' && cell.type !== 'manifest')) {
      cells.push(cell);
      continue;
    }
    const r = await kernel.run(runnable);
    results.push(r);
    opts.onCell?.(cell, r);
    cells.push({ ...cell, outputs: r.outputs as Output[], execution: { count: r.execution.count, durationMs: Math.round(r.execution.durationMs), exitCode: r.execution.exitCode } });
  }
  return { notebook: { ...nb, cells }, results, failed: results.filter((r) => r.failed), kernel };
}
