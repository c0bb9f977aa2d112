// `podbook cluster [--port N] [--kubeconfig FILE] [--seed N] [--learner NS]... [--verbose]`:
// serves a fresh simulated cluster as a Kubernetes API server on 127.0.0.1 in real time and writes
// a kubeconfig, so the real kubectl (or any client) can use it:
//
//   podbook cluster --kubeconfig /tmp/podbook.yaml &
//   KUBECONFIG=/tmp/podbook.yaml kubectl get nodes
//
// The kubeconfig's current context is the admin; each `--learner NS` adds a context NS whose
// token may only touch namespace NS (403 Forbidden elsewhere), as a sandbox learner would be.
// It runs until interrupted (Ctrl-C / SIGTERM), then closes every connection.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCluster } from '../../lib/cluster/cluster';
import { RealClock, driveInRealTime } from '../../lib/host/realtime';
import { startApiServer } from '../../lib/apiserver';
import { defaultHooks } from '../../lib/apiserver/hooks';
import type { KubeconfigUser } from '../../lib/apiserver';

export interface ClusterIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** resolves when the server should stop (tests); SIGINT/SIGTERM otherwise */
  until?: Promise<void>;
  /** called once the server listens (tests) */
  onReady?: (info: { url: string; kubeconfig: string }) => void;
}

export const DEFAULT_PORT = 7070;
const USAGE = 'Usage: podbook cluster [--port N] [--kubeconfig FILE] [--seed N] [--learner NS]... [--verbose]\n';

function bad(io: ClusterIO, msg: string): number {
  io.stderr(`podbook cluster: ${msg}\n${USAGE}`);
  return 2;
}

export async function clusterCommand(argv: string[], io: ClusterIO): Promise<number> {
  let port = DEFAULT_PORT;
  let kubeconfig = 'podbook.kubeconfig';
  let seed: number | undefined;
  let verbose = false;
  const learners: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : argv[++i]);
    if (name === '-h' || name === '--help') {
      io.stdout(USAGE);
      return 0;
    } else if (name === '--verbose' || name === '-v') verbose = true;
    else if (name === '--port') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return bad(io, '--port needs a port number (0-65535) / --port에는 포트 번호가 필요합니다');
      port = Number(v);
    } else if (name === '--kubeconfig') {
      const v = value();
      if (!v) return bad(io, '--kubeconfig needs a file name / --kubeconfig에는 파일 이름이 필요합니다');
      kubeconfig = v;
    } else if (name === '--seed') {
      const v = value();
      if (v === undefined || !/^-?\d+$/.test(v)) return bad(io, '--seed needs a whole number / --seed에는 정수가 필요합니다');
      seed = Number(v);
    } else if (name === '--learner') {
      const v = value();
      if (!v || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) || v.length > 63) return bad(io, `--learner needs a namespace name (DNS-1123 label) / --learner에는 네임스페이스 이름이 필요합니다`);
      learners.push(v);
    } else return bad(io, `unknown flag: ${a}`);
  }

  const cluster = createCluster({ seed, clock: new RealClock() });
  const stopDriving = driveInRealTime(cluster);
  let server;
  try {
    server = await startApiServer({ cluster, port, ...defaultHooks(), log: verbose ? (l) => io.stderr(`${l}\n`) : undefined });
  } catch (e) {
    stopDriving();
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') return bad(io, `port ${port} is in use; pick another with --port / 포트 ${port}이(가) 사용 중입니다`);
    throw e;
  }
  const users: KubeconfigUser[] = learners.map((ns) => server.namespaceToken(ns));
  const file = resolve(kubeconfig);
  writeFileSync(file, server.kubeconfig(users), { mode: 0o600 });
  io.stdout(
    [
      `Podbook 시뮬레이션 클러스터가 ${server.url} 에서 실행 중입니다 / simulated cluster serving at ${server.url}`,
      `kubeconfig: ${file}`,
      `  export KUBECONFIG=${file}`,
      '  kubectl get nodes',
      ...learners.map((ns) => `  kubectl --context ${ns} get pods   # ${ns} 네임스페이스 전용 / confined to namespace ${ns}`),
      '끝내려면 Ctrl-C / press Ctrl-C to stop',
      '',
    ].join('\n'),
  );
  io.onReady?.({ url: server.url, kubeconfig: file });
  await (io.until ??
    new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    }));
  stopDriving();
  await server.close();
  return 0;
}
