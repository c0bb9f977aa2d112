import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { isApiError } from '../k8s/errors';
import type { KubeObject } from '../k8s/types';
import { runKubectl } from '../kubectl';
import { DOCKER_DESKTOP_SERVER, SimulatedClient } from './simulated-client';

const helloPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hello-kiamol', labels: { run: 'hello-kiamol' } },
  spec: { containers: [{ name: 'hello-kiamol', image: 'kiamol/ch02-hello-kiamol' }] },
} as KubeObject;

describe('SimulatedClient', () => {
  it("reports docker-desktop's API server and the cluster's Kubernetes version", async () => {
    const client = new SimulatedClient(createCluster({ seed: 1 }));
    expect(client.server).toBe(DOCKER_DESKTOP_SERVER);
    expect((await client.version()).gitVersion).toBe('v1.32.2');
  });

  it("throws the store's ApiErrors as they are", async () => {
    const client = new SimulatedClient(createCluster({ seed: 1 }));
    const e = await client.get('pods', 'default', 'nope').catch((x: unknown) => x);
    expect(isApiError(e, 'NotFound')).toBe(true);
  });

  it('builds tables at the virtual clock, so sleeping ages the rows', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    await client.create('pods', 'default', helloPod);
    const before = await client.table('pods', 'default', { name: 'hello-kiamol' });
    await client.sleep(125_000);
    const after = await client.table('pods', 'default', { name: 'hello-kiamol' });
    expect(before.rows[0].cells[4]).toBe('0s');
    expect(after.rows[0].cells.slice(1, 5)).toEqual(['1/1', 'Running', '0', '2m5s']);
  });

  it('serves logs and HTTP from the container runtime, the HTTP client being 127.0.0.1', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    await client.create('pods', 'default', helloPod);
    await client.sleep(30_000);
    const res = await client.podHttp('default', 'hello-kiamol', 80, { path: '/' });
    expect(res.status).toBe(200);
    expect(await client.logs('default', 'hello-kiamol', { tailLines: 1 })).toMatch(/^127\.0\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 353 /);
    await expect(client.podHttp('default', 'hello-kiamol', 8080, {})).rejects.toThrow('connection refused');
  });
});

describe('kubectl get -w on the simulated cluster', () => {
  it('prints the table, then one headerless row per change while virtual time runs for 30 s', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    cluster.store.create('pods', 'default', helloPod);
    const start = cluster.now();
    const r = await runKubectl('kubectl get pods -w', { client });
    // the rows keep the widths of the first ones (tabwriter RememberWidths), as real kubectl does
    expect(r).toEqual({
      stdout:
        'NAME           READY   STATUS    RESTARTS   AGE\n' +
        'hello-kiamol   0/1     Pending   0          0s\n' +
        'hello-kiamol   0/1     Pending   0          0s\n' +
        'hello-kiamol   0/1     ContainerCreating   0          0s\n' +
        'hello-kiamol   1/1     Running             0          6s\n',
      stderr: '',
      exitCode: 0,
    });
    expect(cluster.now() - start).toBe(30_000);
  });

  it('watches one named object for --request-timeout without repeating its current row', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    cluster.store.create('pods', 'default', helloPod);
    cluster.advance(10_000);
    const r = await runKubectl('kubectl get pod hello-kiamol -w --request-timeout=5s', { client });
    expect(r.stdout).toBe('NAME           READY   STATUS    RESTARTS   AGE\nhello-kiamol   1/1     Running   0          10s\n');
  });
});

describe('kubectl version and api-resources', () => {
  it('prints the client, Kustomize and server versions', async () => {
    const client = new SimulatedClient(createCluster({ seed: 1 }));
    expect((await runKubectl('kubectl version', { client })).stdout).toBe('Client Version: v1.32.5\nKustomize Version: v5.5.0\nServer Version: v1.32.2\n');
  });

  it('lists the served resources sorted by group, then name', async () => {
    const client = new SimulatedClient(createCluster({ seed: 1 }));
    const lines = (await runKubectl('kubectl api-resources', { client })).stdout.split('\n');
    expect(lines[0]).toBe('NAME              SHORTNAMES   APIVERSION               NAMESPACED   KIND');
    expect(lines[1]).toBe('configmaps        cm           v1                       true         ConfigMap');
    expect(lines.at(-3)).toBe('leases                         coordination.k8s.io/v1   true         Lease');
    expect(lines.at(-2)).toBe('endpointslices                 discovery.k8s.io/v1      true         EndpointSlice');
  });
});
