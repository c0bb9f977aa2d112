// The sandbox backend against lib/apiserver: Podbook's kubectl through SandboxClient (HTTP,
// client-node) must print what it prints through SimulatedClient (in-process) for the same state.
//
// Two comparisons:
// * Writes (run, create, apply, label, annotate, scale, delete, wait, rollout status) go to two
//   clusters with the same seed, one served over HTTP (sandbox) and one used in-process
//   (simulator), the same lines at the same time; outputs are compared after normalizing ages
//   and the random pod-name suffixes.
// * Reads (get as table/yaml/json, -A, --show-labels, describe, logs, exec, port-forward + curl)
//   go through both clients to the SAME cluster (the one behind the server), so the objects
//   are identical and only ages may differ.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedClient } from '../runtime/simulated-client';
import { ShellSession } from '../runtime/shell';
import { createCluster } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import { RealClock, driveInRealTime } from '../host/realtime';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web-svc
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
  - port: 8080
    targetPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: study
`;

/**
 * Ages (`0s`, `12s`, `2m3s`, `5m`) become `AGE` and the columns they widen are re-collapsed;
 * generated suffixes (`api-7c9f8d6b5-x2kqz`) lose their random five characters. Kubernetes'
 * rand.String alphabet has no vowels, so English words are left alone.
 */
function normalize(text: string): string {
  return text
    .replace(/(^|[\s(])(\d+(?:s|m|h|d)(?:\d+(?:s|m|h))?)(?=$|[\s)])/gm, '$1AGE')
    .replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}\b/g, '-XXXXX')
    .replace(/ {2,}/g, '  ');
}

async function both(a: ShellSession, b: ShellSession, line: string): Promise<[string, string]> {
  const [ra, rb] = await Promise.all([a.run(line), b.run(line)]);
  return [`${ra.stdout}${ra.stderr}exit ${ra.exitCode}\n`, `${rb.stdout}${rb.stderr}exit ${rb.exitCode}\n`];
}

describe('SandboxClient against lib/apiserver', () => {
  let sb: TestSandbox;
  let twin: Cluster;
  let stopTwin: () => void;
  /** the sandbox (HTTP) and the simulator (in-process, twin cluster) sessions */
  let sandbox: ShellSession;
  let simulated: ShellSession;
  /** the simulator on the sandbox's own cluster, for reads of identical state */
  let sameCluster: ShellSession;

  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 7 });
    twin = createCluster({ clock: new RealClock(), seed: 7 });
    stopTwin = driveInRealTime(twin);
    sandbox = new ShellSession({ client: sb.client, namespace: sb.client.namespace });
    simulated = new ShellSession({ client: new SimulatedClient(twin) });
    sameCluster = new ShellSession({ client: new SimulatedClient(sb.cluster) });
    for (const s of [sandbox, simulated, sameCluster]) s.fs.write('/root/app.yaml', MANIFEST);
  }, 30_000);

  afterAll(async () => {
    await sb?.close();
    stopTwin?.();
  });

  it('the sandbox client reports its backend, server and default namespace from the kubeconfig', async () => {
    expect(sb.client.backend).toBe('sandbox');
    expect(sb.client.server).toBe(sb.server.url);
    expect(sb.client.namespace).toBe('default');
    expect((await sb.client.version()).minor).toBe('32');
    expect((await sb.client.resources()).map((r) => r.resource)).toEqual((await new SimulatedClient(sb.cluster).resources()).map((r) => r.resource));
  });

  it('writes print the same through the sandbox as through the simulator', async () => {
    const lines = [
      'kubectl get ns',
      'kubectl run web --image=nginx --labels=app=web',
      'kubectl create deployment api --image=nginx --replicas=2',
      'kubectl apply -f app.yaml',
      'kubectl apply -f app.yaml',
      'kubectl wait --for=condition=Ready pod/web --timeout=60s',
      'kubectl rollout status deployment/api --timeout=60s',
      'kubectl label pod web tier=frontend',
      'kubectl label pod web tier=backend',
      'kubectl annotate pod web note=hello',
      'kubectl scale deployment api --replicas=3',
      // (a person reads the output first: the deployment controller observes the new spec meanwhile)
      'sleep 1',
      'kubectl rollout status deployment/api --timeout=60s',
      'kubectl get pods',
      'kubectl get deploy,svc,cm',
      'kubectl get pod nope',
      'kubectl run broken --image=nginx:no-such-tag',
      'sleep 1',
      'kubectl exec broken -- hostname',
      'kubectl delete pod broken --grace-period=0 --force',
      'kubectl delete configmap settings',
      'kubectl get quota,limits',
    ];
    for (const line of lines) {
      const [sim, net] = await both(simulated, sandbox, line);
      expect(`$ ${line}\n${normalize(net)}`).toBe(`$ ${line}\n${normalize(sim)}`);
    }
  }, 120_000);

  it('reads of the same cluster print the same through both clients', async () => {
    const lines = [
      'kubectl get pods',
      'kubectl get pods -o wide',
      'kubectl get pods --show-labels',
      'kubectl get pods -A',
      'kubectl get all',
      'kubectl get pod web -o yaml',
      'kubectl get svc web-svc -o json',
      'kubectl get pods -o name',
      'kubectl get pods -l app=web -o jsonpath={.items[*].metadata.name}',
      'kubectl get pods --sort-by=.metadata.name',
      'kubectl describe pod web',
      'kubectl describe namespace default',
      'kubectl logs web',
      'kubectl logs web --tail=2',
      'kubectl exec web -- hostname',
      'echo hello from stdin | kubectl exec -i web -- cat',
      'kubectl exec web -- sh -c "echo out; echo err >&2; exit 3"',
      'kubectl exec nope -- hostname',
    ];
    for (const line of lines) {
      const [sim, net] = await both(sameCluster, sandbox, line);
      expect(`$ ${line}\n${normalize(net)}`).toBe(`$ ${line}\n${normalize(sim)}`);
    }
  }, 60_000);

  it('a watch delivers changes and stops; a forbidden watch is refused with the Status reason', async () => {
    const seen: string[] = [];
    const w = await sb.client.watch('configmaps', 'default', { fieldSelector: 'metadata.name=watched' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    await sb.client.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } });
    await sb.client.delete('configmaps', 'default', 'watched');
    for (let i = 0; i < 50 && seen.length < 2; i++) await sb.client.sleep(20);
    w.stop();
    expect(seen).toEqual(['ADDED watched', 'DELETED watched']);
    const user = sb.server.namespaceToken('watch-only');
    const confined = new (sb.client.constructor as typeof import('./client').SandboxClient)({ kubeconfig: sb.server.kubeconfig([user]), context: user.name });
    await expect(confined.watch('pods', 'default', {}, () => {})).rejects.toMatchObject({ status: { reason: 'Forbidden', code: 403 } });
  });

  it('port-forward and curl through the shell reach the pod over the WebSocket port-forward', async () => {
    const lines = ['kubectl port-forward pod/web 8080:80 &', 'curl -s localhost:8080 | head -4', 'curl -sI localhost:8080/missing', 'kubectl port-forward pod/web 8081:81 &', 'curl -s localhost:8081'];
    for (const line of lines) {
      const [sim, net] = await both(sameCluster, sandbox, line);
      // the socat error line carries a timestamp: compare it without the seconds
      const clean = (s: string) => normalize(s).replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS');
      expect(`$ ${line}\n${clean(net)}`).toBe(`$ ${line}\n${clean(sim)}`);
    }
    expect(sandbox.forwards[0].output).toContain('Handling connection for 8080');
    const body = await sb.client.podHttp('default', 'web', 80, { path: '/', headers: { Host: 'localhost:8080', 'User-Agent': 'curl/8.5.0', Accept: '*/*' } });
    expect(body.status).toBe(200);
    expect(body.body).toContain('<title>Welcome to nginx!</title>');
    await expect(sb.client.podHttp('default', 'web', 81, { path: '/' })).rejects.toThrow(/Connection refused/);
  }, 30_000);

  it('deleting waits until the objects are gone, as through the simulator', async () => {
    const [simD, netD] = await both(simulated, sandbox, 'kubectl delete deployment api --wait');
    expect(netD).toBe(simD);
    const [sim, net] = await both(simulated, sandbox, 'kubectl delete pod web');
    expect(net).toBe(sim);
    expect(net).toBe('pod "web" deleted\nexit 0\n');
    const [sim2, net2] = await both(simulated, sandbox, 'kubectl get pod web');
    expect(net2).toBe(sim2);
  }, 60_000);
});
