// `kubectl scale`, `expose`, `set image` and `rollout status|history|undo|restart` against the
// simulated cluster (request bodies and messages checked against kubectl 1.32.5 via a probe).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

type Deploy = KubeObject & { spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { name: string; image: string }[] } } } };
type Service = KubeObject & { spec: { type: string; selector: Record<string, string>; ports: { port: number; targetPort: number; protocol: string; name?: string }[] } };

async function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (line: string) => runKubectl(line, { client });
  await run('kubectl create deployment web --image=nginx:1.27');
  cluster.advance(30_000);
  return { cluster, run };
}

describe('kubectl scale', () => {
  it('kubectl scale deploy/x --replicas=N patches the scale subresource', async () => {
    const s = await session();
    expect(await s.run('kubectl scale deploy/web --replicas=3')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.get<Deploy>('deployments', 'default', 'web').spec.replicas).toBe(3);
  });

  it('kubectl scale checks --current-replicas and requires --replicas', async () => {
    const s = await session();
    expect((await s.run('kubectl scale deploy web --replicas=2 --current-replicas=5')).stderr).toBe('error: Expected replicas to be 5, was 1\n');
    expect((await s.run('kubectl scale deploy web')).stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect((await s.run('kubectl scale deploy nope --replicas=2')).stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
  });
});

describe('kubectl expose', () => {
  it('kubectl expose deploy copies the selector and labels and prints service/x exposed', async () => {
    const s = await session();
    expect(await s.run('kubectl expose deploy web --port=8080 --target-port=80')).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 });
    const svc = s.cluster.store.get<Service>('services', 'default', 'web');
    expect(svc.metadata.labels).toEqual({ app: 'web' });
    expect(svc.spec.selector).toEqual({ app: 'web' });
    expect(svc.spec.ports).toMatchObject([{ port: 8080, targetPort: 80, protocol: 'TCP' }]);
    expect(svc.spec.type).toBe('ClusterIP');
  });

  it('kubectl expose --type=NodePort --name makes a second service', async () => {
    const s = await session();
    expect((await s.run('kubectl expose deploy web --port=8080 --target-port=80 --type=NodePort --name=web2')).stdout).toBe('service/web2 exposed\n');
    expect(s.cluster.store.get<Service>('services', 'default', 'web2').spec.type).toBe('NodePort');
  });

  it('kubectl expose without a port to find fails as kubectl does', async () => {
    const s = await session();
    expect((await s.run('kubectl expose deploy web')).stderr).toBe("error: couldn't find port via --port flag or introspection\n");
  });
});

describe('kubectl set image and rollout', () => {
  it('kubectl set image updates the container and rollout status waits for the new replicas', async () => {
    const s = await session();
    expect(await s.run('kubectl set image deploy/web nginx=nginx:1.26')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.get<Deploy>('deployments', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.26');
    // one line per ADDED/MODIFIED event of the deployment, as kubectl's UntilWithSync prints them
    expect(await s.run('kubectl rollout status deploy/web')).toEqual({
      stdout:
        'Waiting for deployment spec update to be observed...\n' +
        'Waiting for deployment spec update to be observed...\n' +
        'Waiting for deployment "web" rollout to finish: 0 out of 1 new replicas have been updated...\n' +
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n' +
        'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n' +
        'deployment "web" successfully rolled out\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('kubectl rollout status of an image that cannot be pulled ends at the progress deadline', async () => {
    const s = await session();
    await s.run('kubectl set image deploy/web nginx=nginx:9.99');
    const r = await s.run('kubectl rollout status deploy/web');
    expect(r.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(r.exitCode).toBe(1);
    expect((await s.run('kubectl rollout status deploy/web --timeout=5s')).stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
  });

  it('kubectl rollout status --timeout gives up with kubectl\'s message', async () => {
    const s = await session();
    await s.run('kubectl set image deploy/web nginx=nginx:9.99');
    expect(await s.run('kubectl rollout status deploy/web --timeout=5s')).toMatchObject({ stderr: 'error: timed out waiting for the condition\n', exitCode: 1 });
  });

  it('kubectl set image of an unknown container fails', async () => {
    const s = await session();
    expect((await s.run('kubectl set image deploy/web foo=nginx:1.26')).stderr).toBe('error: unable to find container named "foo"\n');
  });

  it('kubectl rollout status of a finished rollout prints one line', async () => {
    const s = await session();
    expect(await s.run('kubectl rollout status deploy/web')).toEqual({ stdout: 'deployment "web" successfully rolled out\n', stderr: '', exitCode: 0 });
  });

  it('kubectl rollout history lists revisions, undo goes back, restart stamps restartedAt', async () => {
    const s = await session();
    await s.run('kubectl set image deploy/web nginx=nginx:1.26');
    s.cluster.advance(60_000);
    expect(await s.run('kubectl rollout history deploy/web')).toEqual({
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await s.run('kubectl rollout undo deploy/web')).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.get<Deploy>('deployments', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    s.cluster.advance(60_000);
    expect((await s.run('kubectl rollout restart deploy/web')).stdout).toBe('deployment.apps/web restarted\n');
    const at = s.cluster.store.get<Deploy>('deployments', 'default', 'web').spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(at).toBe(new Date(Math.floor(s.cluster.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('kubectl rollout undo without history says so', async () => {
    const s = await session();
    expect((await s.run('kubectl rollout undo deploy/web')).stderr).toBe('error: no rollout history found for deployment "web"\n');
  });
});

describe('kubectl rollout argument handling', () => {
  it('kubectl rollout history without arguments and with a type only', async () => {
    const s = await session();
    expect((await s.run('kubectl rollout history')).stderr).toBe('error: required resource not specified\n');
    expect((await s.run('kubectl rollout history deploy')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
  });
});
