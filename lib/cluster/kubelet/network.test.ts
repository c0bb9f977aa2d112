import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { ShellSession } from '../../runtime/shell';
import { clusterNetwork } from './network';

async function withService() {
  const cluster = createCluster({ seed: 4 });
  const s = new ShellSession({ client: new SimulatedClient(cluster), cluster });
  await s.run('kubectl create deployment web --image=kiamol/ch02-hello-kiamol');
  await s.run('kubectl expose deploy web --port=8080 --target-port=80');
  await s.run('kubectl rollout status deploy/web');
  await s.run('kubectl run client --image=busybox -- sleep 3600');
  await s.run('kubectl wait --for=condition=Ready pod client');
  return { cluster, s };
}

describe('the cluster network a pod sees', () => {
  it('resolves a Service by its short, namespaced and full names to its ClusterIP, and nothing else', async () => {
    const { cluster } = await withService();
    const net = clusterNetwork(cluster.store, 'default');
    const ip = cluster.store.get<{ spec: { clusterIP: string } } & import('../../k8s/types').KubeObject>('services', 'default', 'web').spec.clusterIP;
    for (const host of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', 'WEB.default.svc.cluster.local.']) expect(net.resolve(host)).toBe(ip);
    expect(net.resolve('web.other')).toBeUndefined();
    expect(net.resolve('example.com')).toBeUndefined();
    expect(clusterNetwork(cluster.store, 'kube-system').resolve('web')).toBeUndefined();
  });

  it('routes the Service port to a ready endpoint at its target port, and refuses other ports', async () => {
    const { cluster } = await withService();
    const net = clusterNetwork(cluster.store, 'default');
    const ip = net.resolve('web')!;
    const pod = cluster.store.list<{ status?: { podIP?: string } } & import('../../k8s/types').KubeObject>('pods', 'default', { labelSelector: 'app=web' }).items[0];
    expect(net.route(ip, 8080)).toEqual({ podIP: pod.status!.podIP, port: 80 });
    expect(net.route(ip, 80)).toBeUndefined();
  });

  it('lets kubectl exec and a one-shot pod reach a Service by name, as cluster DNS and kube-proxy do', async () => {
    const { s } = await withService();
    const viaExec = await s.run('kubectl exec client -- wget -qO- http://web:8080');
    expect(viaExec.stdout).toContain('Hello from Chapter 2!');
    expect(await s.run('kubectl exec client -- wget -qO- http://web:80')).toEqual({
      stdout: '',
      stderr: 'wget: can\'t connect to remote host (10.96.0.10): Connection refused\ncommand terminated with exit code 1\n',
      exitCode: 1,
    });
    const oneShot = await s.run('kubectl run -i --rm c --image=alicek106/rr-test:curl --restart=Never -- curl -s http://web.default.svc.cluster.local:8080');
    expect(oneShot.stdout).toContain('Hello from Chapter 2!');
    expect(oneShot.stdout.endsWith('pod "c" deleted\n')).toBe(true);
  });
});
