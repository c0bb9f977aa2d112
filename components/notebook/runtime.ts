'use client';
// The notebook's client-side state: one kernel on the server, the cells' run states, a queue.
// An external store (useSyncExternalStore) rather than React state at the top: an output chunk for
// one cell re-renders that cell only, which keeps "click 실행 → output painted" quick on long
// chapters. Cells run one at a time, in the order they were asked for, as in Jupyter.
import { useSyncExternalStore } from 'react';
import {
  ApiError,
  closeKernel,
  closeKernelOnExit,
  createKernel,
  kernelInfo,
  resetKernel,
  runCell,
  subscribeKernel,
  type ClusterView,
  type KernelExecution,
  type KernelOutput,
  type KernelStream,
  type RunnableCell,
} from './api';

/** The pause before each queued cell after the first (run all, run up to here). */
export const QUEUED_CELL_PAUSE_MS = 1200;

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error';

export interface CellState {
  status: CellStatus;
  outputs: KernelOutput[];
  execution?: KernelExecution;
  /** outputs come from the built notebook, not from this session */
  captured: boolean;
  /** ran before the last restart: its output no longer describes the cluster */
  stale: boolean;
  /** later lines from a port-forward this cell opened */
  forward: string;
}

export interface GlobalState {
  kernelId?: string;
  starting: boolean;
  busy: boolean;
  queued: number;
  message?: { tone: 'info' | 'error'; text: string };
  view?: ClusterView;
  /** the kernel's connection for the live panel: none yet, live, or lost */
  live: 'none' | 'live' | 'closed';
  /** where the next kernel runs: the simulator, or the server's sandbox cluster when configured */
  backend: 'simulated' | 'sandbox';
  /** a cell's `kubectl exec -it … -- sh` left the shell inside a container: its prompt, and where */
  container?: { cellId: string; prompt: string };
}

/** A line typed at a container prompt under a cell, and the ad-hoc cell id that ran it. */
export interface PromptLine {
  prompt: string;
  line: string;
  runId: string;
}

const NO_LINES: PromptLine[] = [];
const EMPTY: CellState = { status: 'idle', outputs: [], captured: false, stale: false, forward: '' };

export class NotebookRuntime {
  private readonly cells = new Map<string, CellState>();
  private readonly sources = new Map<string, string>();
  private readonly order: RunnableCell[];
  private readonly listeners = new Map<string, Set<() => void>>();
  private global: GlobalState = { starting: false, busy: false, queued: 0, live: 'none', backend: 'simulated' };
  private queue: RunnableCell[] = [];
  private stream?: KernelStream;
  private kernelPromise?: Promise<string>;
  private readonly finished = new Set<(cellId: string, ok: boolean) => void>();
  private readonly promptLines = new Map<string, PromptLine[]>();
  private promptSeq = 0;

  constructor(cells: RunnableCell[], initial: Record<string, { outputs: KernelOutput[]; execution?: KernelExecution }>) {
    this.order = cells;
    for (const c of cells) {
      const i = initial[c.id];
      if (i && (i.outputs.length > 0 || i.execution)) {
        this.cells.set(c.id, { ...EMPTY, outputs: i.outputs, execution: i.execution, captured: true });
      }
    }
  }

  /** Called after each cell finishes; returns the unsubscribe function. */
  onCellFinished(fn: (cellId: string, ok: boolean) => void): () => void {
    this.finished.add(fn);
    return () => this.finished.delete(fn);
  }

  // ---- store plumbing ----

  subscribe(key: string, fn: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  private notify(key: string): void {
    for (const fn of this.listeners.get(key) ?? []) fn();
  }

  cell(id: string): CellState {
    return this.cells.get(id) ?? EMPTY;
  }

  get state(): GlobalState {
    return this.global;
  }

  private setCell(id: string, patch: Partial<CellState>): void {
    this.cells.set(id, { ...this.cell(id), ...patch });
    this.notify(`cell:${id}`);
  }

  private setGlobal(patch: Partial<GlobalState>): void {
    this.global = { ...this.global, ...patch };
    this.notify('global');
  }

  source(id: string): string | undefined {
    return this.sources.get(id);
  }

  setSource(id: string, text: string): void {
    this.sources.set(id, text);
  }

  /** Cells that ran in this session (not captured, not stale): what an export should carry. */
  ranCells(): [string, CellState][] {
    return [...this.cells].filter(([id, c]) => !c.captured && !c.stale && !id.startsWith('scratch-') && (c.status === 'done' || c.status === 'error'));
  }

  /** Manifest sources the reader edited. */
  edits(): Record<string, string> {
    return Object.fromEntries(this.sources);
  }

  // ---- interactive container prompt ----

  lines(cellId: string): PromptLine[] {
    return this.promptLines.get(cellId) ?? NO_LINES;
  }

  /** Runs a line typed at the container prompt under `cellId`. */
  typeLine(cellId: string, line: string): void {
    const c = this.global.container;
    if (!c || c.cellId !== cellId) return;
    const runId = `${cellId}-in-${++this.promptSeq}`;
    this.promptLines.set(cellId, [...this.lines(cellId), { prompt: c.prompt, line, runId }]);
    this.notify(`lines:${cellId}`);
    this.run({ type: 'command', id: runId, source: line, allowError: true }, cellId);
  }

  /** After an `exec` (or a line typed inside a container): is the shell inside a container now? */
  private async checkContainer(kernelId: string, cellId: string): Promise<void> {
    try {
      const info = await kernelInfo(kernelId);
      this.setGlobal({ container: info.inContainer ? { cellId, prompt: info.prompt ?? '/ # ' } : undefined });
    } catch {
      this.setGlobal({ container: undefined });
    }
  }

  // ---- kernel ----

  private kernel(): Promise<string> {
    if (this.global.kernelId) return Promise.resolve(this.global.kernelId);
    this.kernelPromise ??= (async () => {
      this.setGlobal({ starting: true });
      try {
        const k = await createKernel(this.global.backend);
        this.setGlobal({ kernelId: k.id, starting: false, live: 'live' });
        this.stream = subscribeKernel(k.id, {
          view: (v) => this.setGlobal({ view: v }),
          kernel: (e) => {
            if (e.type === 'forward-output') this.setCell(e.cellId, { forward: this.cell(e.cellId).forward + e.text });
          },
          closed: () => this.forgetKernel('커널이 닫혔거나 오래 쓰지 않아 만료되었습니다. 다음 실행 때 새 클러스터로 시작합니다.'),
        });
        window.addEventListener('pagehide', () => closeKernelOnExit(k.id), { once: true });
        return k.id;
      } catch (e) {
        this.setGlobal({ starting: false });
        throw e;
      } finally {
        this.kernelPromise = undefined;
      }
    })();
    return this.kernelPromise;
  }

  /** The server lost our kernel: everything that ran describes a cluster that is gone. */
  private forgetKernel(text: string): void {
    this.stream?.close();
    this.stream = undefined;
    this.markAllStale();
    this.setGlobal({ kernelId: undefined, live: 'closed', view: undefined, container: undefined, message: { tone: 'info', text } });
  }

  private markAllStale(): void {
    for (const [id, c] of this.cells) {
      if (!c.captured && (c.status === 'done' || c.status === 'error')) this.setCell(id, { stale: true, status: 'idle' });
    }
  }

  /** Switches backend: the current kernel (and its cluster) is closed; the next run starts anew. */
  async setBackend(backend: 'simulated' | 'sandbox'): Promise<void> {
    if (backend === this.global.backend || this.global.busy) return;
    const id = this.global.kernelId;
    this.setGlobal({ backend });
    if (id) {
      this.forgetKernel(backend === 'sandbox' ? '샌드박스 클러스터로 바꿨습니다. 다음 실행 때 새로 시작합니다.' : '시뮬레이션 클러스터로 바꿨습니다. 다음 실행 때 새로 시작합니다.');
      await closeKernel(id).catch(() => undefined);
    }
  }

  /** The current kernel id, if one is running (the exercise grader asks for it). */
  kernelId(): string | undefined {
    return this.global.kernelId;
  }

  // ---- running ----

  private withSource(cell: RunnableCell): RunnableCell {
    const s = this.sources.get(cell.id);
    return s === undefined ? cell : { ...cell, source: s };
  }

  private runnable(id: string): RunnableCell | undefined {
    return this.order.find((c) => c.id === id);
  }

  /** Queues one cell (or an ad-hoc one, like the scratch cell). */
  run(idOrCell: string | RunnableCell, promptOwner?: string): void {
    const cell = typeof idOrCell === 'string' ? this.runnable(idOrCell) : idOrCell;
    if (!cell) return;
    if (promptOwner) this.promptOwners.set(cell.id, promptOwner);
    if (this.queue.some((q) => q.id === cell.id) || this.cell(cell.id).status === 'running') return;
    this.queue.push(cell);
    this.setCell(cell.id, { status: 'queued' });
    this.setGlobal({ queued: this.queue.length });
    void this.pump();
  }

  /** Every cell that has not run on this kernel yet, in order (re-running `kubectl run` would fail). */
  runAll(): void {
    for (const c of this.order) if (!this.hasRun(c.id)) this.run(c.id);
  }

  /** Every cell above this one that has not run yet, then this one. */
  runUpTo(id: string): void {
    for (const c of this.order) {
      if (c.id === id) {
        this.run(c.id);
        break;
      }
      if (!this.hasRun(c.id)) this.run(c.id);
    }
  }

  private hasRun(id: string): boolean {
    const c = this.cell(id);
    return !c.captured && !c.stale && (c.status === 'done' || c.status === 'running' || c.status === 'queued');
  }

  private running = false;
  /** ad-hoc prompt-line cell id → the cell whose prompt it was typed at */
  private readonly promptOwners = new Map<string, string>();

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.setGlobal({ busy: true });
    try {
      let first = true;
      while (this.queue.length > 0) {
        // Cells queued behind another (run all, run up to here) start a moment after the previous
        // one finished, as when a person reads the output and types the next command: the
        // cluster runs in real time, and a `curl` right after `docker container rm -f` would
        // otherwise reach the pod before the kubelet has restarted its container.
        if (!first) await new Promise((r) => setTimeout(r, QUEUED_CELL_PAUSE_MS));
        first = false;
        if (this.queue.length === 0) break;
        const cell = this.queue.shift()!;
        this.setGlobal({ queued: this.queue.length });
        const ok = await this.runOne(cell);
        if (!ok) {
          // as Jupyter's "run all": the first failure stops the cells queued after it
          for (const q of this.queue) this.setCell(q.id, { status: 'idle' });
          this.queue = [];
          this.setGlobal({ queued: 0 });
        }
      }
    } finally {
      this.running = false;
      this.setGlobal({ busy: false });
    }
  }

  private async runOne(cell: RunnableCell, retried = false): Promise<boolean> {
    let kernelId: string;
    try {
      kernelId = await this.kernel();
    } catch (e) {
      this.fail(cell.id, e);
      return false;
    }
    const outputs: KernelOutput[] = [];
    this.setCell(cell.id, { status: 'running', outputs: [], execution: undefined, captured: false, stale: false, forward: '' });
    try {
      const last = await runCell(kernelId, this.withSource(cell), (e) => {
        if (e.type === 'output') {
          outputs.push(e.output);
          this.setCell(cell.id, { outputs: [...outputs] });
        }
      });
      const ok = last.type === 'done';
      this.setCell(cell.id, { status: ok ? 'done' : 'error', outputs: last.outputs, execution: last.execution });
      const owner = this.promptOwners.get(cell.id);
      if (owner) await this.checkContainer(kernelId, owner);
      else if (cell.type === 'command' && /\bexec\b/.test(cell.source)) await this.checkContainer(kernelId, cell.id);
      else if (this.global.container) await this.checkContainer(kernelId, this.global.container.cellId);
      for (const fn of this.finished) fn(cell.id, ok);
      return ok;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'kernel_not_found' && !retried) {
        this.forgetKernel('서버의 커널이 만료되어 새 클러스터로 다시 시작했습니다. 앞 셀들을 다시 실행해야 할 수 있습니다.');
        return this.runOne(cell, true);
      }
      this.fail(cell.id, e);
      return false;
    }
  }

  private fail(cellId: string, e: unknown): void {
    const text = e instanceof Error ? e.message : String(e);
    this.setCell(cellId, {
      status: 'error',
      outputs: [{ output_type: 'error', ename: e instanceof ApiError ? e.code : 'ClientError', evalue: text, traceback: [] }],
    });
    this.setGlobal({ message: { tone: 'error', text } });
  }

  /** A fresh cluster: counts start again, everything that ran is marked stale. */
  async restart(): Promise<void> {
    const id = this.global.kernelId;
    for (const q of this.queue) this.setCell(q.id, { status: 'idle' });
    this.queue = [];
    this.setGlobal({ queued: 0 });
    if (id) {
      try {
        await resetKernel(id);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'kernel_not_found') {
          this.forgetKernel('커널이 이미 없어서 다음 실행 때 새 클러스터로 시작합니다.');
          return;
        }
        this.setGlobal({ message: { tone: 'error', text: e instanceof Error ? e.message : String(e) } });
        return;
      }
    }
    this.markAllStale();
    this.promptLines.clear();
    this.setGlobal({ container: undefined, message: { tone: 'info', text: '클러스터를 새로 시작했습니다. 이전 출력은 "지난 실행"으로 표시됩니다.' } });
  }

  dispose(): void {
    this.stream?.close();
  }
}

export function useCellState(rt: NotebookRuntime, id: string): CellState {
  return useSyncExternalStore(
    (fn) => rt.subscribe(`cell:${id}`, fn),
    () => rt.cell(id),
    () => rt.cell(id),
  );
}

export function usePromptLines(rt: NotebookRuntime, cellId: string): PromptLine[] {
  return useSyncExternalStore(
    (fn) => rt.subscribe(`lines:${cellId}`, fn),
    () => rt.lines(cellId),
    () => rt.lines(cellId),
  );
}

export function useGlobalState(rt: NotebookRuntime): GlobalState {
  return useSyncExternalStore(
    (fn) => rt.subscribe('global', fn),
    () => rt.state,
    () => rt.state,
  );
}
