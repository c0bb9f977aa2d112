// The browser's only door to the server's kernels (app/api/README.md). Every fetch the notebook
// makes goes through here, so the UI never builds URLs or parses wire formats itself.
import type { ClusterView, KernelEvent, KernelExecution, KernelInfo, KernelOutput, RunnableCell } from '@/lib/realtime/protocol';

export type { ClusterView, KernelEvent, KernelExecution, KernelInfo, KernelOutput, RunnableCell };
export type { DeploymentNode, PodNode, ReplicaSetNode, ServiceNode, TimelineEntry } from '@/lib/realtime/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message_ko?: string; message_en?: string } };
    const e = body.error ?? {};
    return new ApiError(res.status, e.code ?? 'unknown', e.message_ko ?? e.message_en ?? `HTTP ${res.status}`);
  } catch {
    return new ApiError(res.status, 'unknown', `서버가 ${res.status} 응답을 보냈습니다`);
  }
}

export async function createKernel(backend: 'simulated' | 'sandbox' = 'simulated'): Promise<KernelInfo> {
  const res = await fetch('/api/kernels', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ backend }),
  });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as KernelInfo;
}

export async function backends(): Promise<{ simulated: boolean; sandbox: boolean }> {
  const res = await fetch('/api/backends');
  if (!res.ok) throw await failure(res);
  return (await res.json()) as { simulated: boolean; sandbox: boolean };
}

/**
 * Runs one cell and calls `onEvent` for each NDJSON event as it arrives; resolves with the last
 * (done | error) event.
 */
export async function runCell(
  kernelId: string,
  cell: RunnableCell,
  onEvent: (e: KernelEvent) => void,
): Promise<Extract<KernelEvent, { type: 'done' | 'error' }>> {
  const res = await fetch(`/api/kernels/${encodeURIComponent(kernelId)}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cell }),
  });
  if (!res.ok || !res.body) throw await failure(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let last: Extract<KernelEvent, { type: 'done' | 'error' }> | undefined;
  const take = (line: string) => {
    if (!line.trim()) return;
    const e = JSON.parse(line) as KernelEvent;
    onEvent(e);
    if (e.type === 'done' || e.type === 'error') last = e;
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      take(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  }
  take(buf);
  if (!last) throw new ApiError(500, 'stream_ended', '실행 결과를 끝까지 받지 못했습니다');
  return last;
}

export async function kernelInfo(kernelId: string): Promise<KernelInfo> {
  const res = await fetch(`/api/kernels/${encodeURIComponent(kernelId)}`);
  if (!res.ok) throw await failure(res);
  return (await res.json()) as KernelInfo;
}

/** What the app behind a port-forward serves (`curl http://localhost:<port>`), for an iframe. */
export function previewUrl(kernelId: string, port: number): string {
  return `/api/kernels/${encodeURIComponent(kernelId)}/preview/${port}`;
}

export async function resetKernel(kernelId: string): Promise<void> {
  const res = await fetch(`/api/kernels/${encodeURIComponent(kernelId)}/reset`, { method: 'POST' });
  if (!res.ok) throw await failure(res);
}

export async function closeKernel(kernelId: string): Promise<void> {
  await fetch(`/api/kernels/${encodeURIComponent(kernelId)}`, { method: 'DELETE' });
}

/** Best effort on page exit: sendBeacon survives unload where fetch may not. */
export function closeKernelOnExit(kernelId: string): void {
  navigator.sendBeacon?.(`/api/kernels/${encodeURIComponent(kernelId)}/close`);
}

export interface KernelStream {
  close(): void;
}

/** The kernel's server-sent events: the panel's view, kernel events, and closure. */
export function subscribeKernel(
  kernelId: string,
  handlers: { view?: (v: ClusterView) => void; kernel?: (e: KernelEvent) => void; closed?: (reason: string) => void },
): KernelStream {
  const es = new EventSource(`/api/kernels/${encodeURIComponent(kernelId)}/events`);
  es.addEventListener('view', (m) => handlers.view?.(JSON.parse((m as MessageEvent<string>).data) as ClusterView));
  es.addEventListener('kernel', (m) => handlers.kernel?.(JSON.parse((m as MessageEvent<string>).data) as KernelEvent));
  es.addEventListener('closed', (m) => {
    const reason = (JSON.parse((m as MessageEvent<string>).data) as { reason?: string }).reason ?? 'closed';
    es.close();
    handlers.closed?.(reason);
  });
  return { close: () => es.close() };
}
