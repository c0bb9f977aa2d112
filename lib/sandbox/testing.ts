// Test support: a lib/apiserver server over a wall-clock simulated cluster (the hooks
// `podbook cluster` uses) and a SandboxClient on its admin kubeconfig.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApiServer } from '../apiserver';
import type { RunningApiServer } from '../apiserver';
import { defaultHooks } from '../apiserver/hooks';
import { createCluster } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import { RealClock, driveInRealTime } from '../host/realtime';
import { SandboxClient } from './client';

export interface TestSandbox {
  cluster: Cluster;
  server: RunningApiServer;
  client: SandboxClient;
  /** a scratch directory (kubeconfig files, kubectl's --cache-dir), removed by close() */
  dir: string;
  close(): Promise<void>;
}

export async function startTestSandbox(opts: { seed?: number } = {}): Promise<TestSandbox> {
  const cluster = createCluster({ clock: new RealClock(), seed: opts.seed });
  const stopDriving = driveInRealTime(cluster);
  const server = await startApiServer({ cluster, ...defaultHooks() });
  const client = new SandboxClient({ kubeconfig: server.kubeconfig() });
  const dir = mkdtempSync(path.join(tmpdir(), 'podbook-sandbox-'));
  return {
    cluster,
    server,
    client,
    dir,
    async close() {
      await server.close();
      stopDriving();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
