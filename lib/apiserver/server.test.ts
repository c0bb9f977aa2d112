import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import { startApiServer } from './index';
import type { RunningApiServer } from './index';
import { AGGREGATED_V2_CONTENT_TYPE } from './discovery';
import { kubectlHome, runRealKubectl } from '../../tests/support/real-kubectl';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => Record<string, unknown>;
}

function call(srv: RunningApiServer, method: string, path: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(path, srv.url);
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const token = opts.token === undefined ? srv.adminToken : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const req = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = req(url, { method, headers, ca: srv.certPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as Record<string, unknown> });
      });
    });
    r.on('error', reject);
    r.end(payload);
  });
}

/** Reads a watch stream until `n` events arrived. */
function watchEvents(srv: RunningApiServer, path: string, n: number, headers: Record<string, string> = {}): Promise<{ type: string; object: Record<string, unknown> }[]> {
  const url = new URL(path, srv.url);
  return new Promise((resolve, reject) => {
    const r = httpsRequest(url, { headers: { Authorization: `Bearer ${srv.adminToken}`, ...headers }, ca: srv.certPem }, (res) => {
      let buf = '';
      const events: { type: string; object: Record<string, unknown> }[] = [];
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)) as { type: string; object: Record<string, unknown> });
          buf = buf.slice(i + 1);
          if (events.length === n) {
            res.destroy();
            resolve(events);
          }
        }
      });
    });
    r.on('error', reject);
    r.end();
  });
}

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name, image: 'nginx:1.27' }] },
});

describe('the simulated cluster as an HTTPS Kubernetes API', () => {
  let cluster: Cluster;
  let srv: RunningApiServer;

  beforeAll(async () => {
    cluster = createCluster({ seed: 7 });
    srv = await startApiServer({ cluster });
  });
  afterAll(() => srv.close());

  it('answers /version without a token, with minor 32 for kubectl’s dispatcher', async () => {
    const r = await call(srv, 'GET', '/version?timeout=5s', { token: null });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.2' });
  });

  it('refuses an API request without a valid token with the 401 Status', async () => {
    const r = await call(srv, 'GET', '/api/v1/namespaces/default/pods', { token: 'wrong' });
    expect(r.status).toBe(401);
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized', code: 401 });
  });

  it('serves aggregated discovery with the exact content type client-go checks', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const core = await call(srv, 'GET', '/api?timeout=32s', { headers: { Accept: accept } });
    expect(core.headers['content-type']).toBe(AGGREGATED_V2_CONTENT_TYPE);
    const body = core.json() as { items: { versions: { resources: { resource: string; shortNames?: string[]; categories?: string[] }[] }[] }[] };
    expect(body.items).toHaveLength(1);
    const pods = body.items[0].versions[0].resources.find((r) => r.resource === 'pods');
    expect(pods).toMatchObject({ shortNames: ['po'], categories: ['all'] });
    const groups = (await call(srv, 'GET', '/apis', { headers: { Accept: accept } })).json() as { items: { metadata: { name: string } }[] };
    expect(groups.items.map((g) => g.metadata.name)).toEqual(['apps', 'coordination.k8s.io', 'discovery.k8s.io']);
  });

  it('serves legacy discovery to clients that do not ask for the aggregated form', async () => {
    expect((await call(srv, 'GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apps = (await call(srv, 'GET', '/apis/apps/v1')).json() as { resources: { name: string; kind: string; group?: string }[] };
    expect(apps.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling' });
  });

  it('creates, reads and conflicts like the apiserver, with its Status errors', async () => {
    const created = await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web', { app: 'web' }) });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'Pod', metadata: { name: 'web', namespace: 'default' } });
    const again = await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web') });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', message: 'pods "web" already exists' });
    const missing = await call(srv, 'GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ reason: 'NotFound', message: 'deployments.apps "nope" not found', details: { name: 'nope', group: 'apps', kind: 'deployments' } });
  });

  it('rejects a body whose name differs from the URL', async () => {
    const r = await call(srv, 'PUT', '/api/v1/namespaces/default/pods/other', { body: pod('web') });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ message: 'the name of the object (web) does not match the name on the URL (other)' });
  });

  it('answers an unknown resource with the generic 404', async () => {
    const r = await call(srv, 'GET', '/api/v1/namespaces/default/widgets');
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ message: 'the server could not find the requested resource' });
  });

  it('lists with a label selector and pages with limit and continue', async () => {
    await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: pod('api-1', { app: 'api' }) });
    await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: pod('api-2', { app: 'api' }) });
    const sel = (await call(srv, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dapi')).json() as { items: { metadata: { name: string } }[] };
    expect(sel.items.map((p) => p.metadata.name)).toEqual(['api-1', 'api-2']);
    const page1 = (await call(srv, 'GET', '/api/v1/namespaces/default/pods?limit=2')).json() as { items: unknown[]; metadata: { continue?: string } };
    expect(page1.items).toHaveLength(2);
    expect(page1.metadata.continue).toBeTruthy();
    const page2 = (await call(srv, 'GET', `/api/v1/namespaces/default/pods?limit=2&continue=${encodeURIComponent(page1.metadata.continue!)}`)).json() as { items: { metadata: { name: string } }[] };
    expect(page2.items.map((p) => p.metadata.name)).toEqual(['web']);
  });

  it('builds server-side Tables with the wide columns and partial object metadata', async () => {
    const r = await call(srv, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb', {
      headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    const t = r.json() as { kind: string; columnDefinitions: { name: string; priority: number }[]; rows: { cells: unknown[]; object: { kind: string } }[] };
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    // RESTARTS is a string since 1.22 ("0", "2 (5m ago)")
    expect(t.rows[0].cells.slice(0, 4)).toEqual(['web', '0/1', 'Pending', '0']);
    expect(t.rows[0].object.kind).toBe('PartialObjectMetadata');
  });

  it('replays a watch from a resourceVersion, so nothing between list and watch is lost', async () => {
    const list = (await call(srv, 'GET', '/api/v1/namespaces/default/pods')).json() as { metadata: { resourceVersion: string } };
    await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: pod('late') });
    await call(srv, 'DELETE', '/api/v1/namespaces/default/pods/late', { body: { gracePeriodSeconds: 0 } });
    const events = await watchEvents(srv, `/api/v1/namespaces/default/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}&fieldSelector=metadata.name%3Dlate`, 2);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect((events[0].object.metadata as { name: string }).name).toBe('late');
  });

  it('sends too old a watch resourceVersion as an ERROR event with 410 Expired', async () => {
    const small = createCluster({ historySize: 2 });
    const s2 = await startApiServer({ cluster: small });
    try {
      // the store compacts its history in batches (historySize + 1024)
      for (let i = 0; i < 1100; i++) small.store.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } });
      const [ev] = await watchEvents(s2, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1', 1);
      expect(ev.type).toBe('ERROR');
      expect(ev.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    } finally {
      await s2.close();
    }
  });

  it('gives only the first event of a Table watch its column definitions', async () => {
    const events = await watchEvents(srv, '/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dapi', 2, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect((events[0].object.columnDefinitions as unknown[]).length).toBeGreaterThan(0);
    expect(events[1].object.columnDefinitions).toBeNull();
  });

  it('patches with merge, JSON and strategic merge patches and scales through the scale subresource', async () => {
    await call(srv, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api' },
        spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] } } },
      },
    });
    const smp = await call(srv, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/api', {
      headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
      body: { spec: { template: { spec: { $setElementOrder: undefined, containers: [{ name: 'api', image: 'nginx:1.28' }] } } } },
    });
    expect(smp.status).toBe(200);
    expect(smp.json()).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'api', image: 'nginx:1.28' }] } } } });
    const scale = await call(srv, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/api/scale', {
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: { spec: { replicas: 3 } },
    });
    expect(scale.json()).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 } });
    const json = await call(srv, 'PATCH', '/api/v1/namespaces/default/pods/web', {
      headers: { 'Content-Type': 'application/json-patch+json' },
      body: [{ op: 'add', path: '/metadata/labels/tier', value: 'front' }],
    });
    expect(json.json()).toMatchObject({ metadata: { labels: { app: 'web', tier: 'front' } } });
    const unsupported = await call(srv, 'PATCH', '/api/v1/namespaces/default/pods/web', { headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(unsupported.status).toBe(415);
  });

  it('refuses a body over the request size limit with 413', async () => {
    const big = { ...pod('big'), metadata: { name: 'big', annotations: { a: 'x'.repeat(3 * 1024 * 1024) } } };
    const r = await call(srv, 'POST', '/api/v1/namespaces/default/pods', { body: big });
    expect(r.status).toBe(413);
    expect(r.json()).toMatchObject({ reason: 'RequestEntityTooLarge' });
  });

  it('confines a namespace token to its namespace with RBAC’s Forbidden wording', async () => {
    const learner = srv.namespaceToken('learner-a');
    const own = await call(srv, 'GET', '/api/v1/namespaces/learner-a/pods', { token: learner.token });
    expect(own.status).toBe(200);
    const other = await call(srv, 'GET', '/api/v1/namespaces/default/pods/web', { token: learner.token });
    expect(other.status).toBe(403);
    expect(other.json()).toMatchObject({
      reason: 'Forbidden',
      message: 'pods "web" is forbidden: User "system:serviceaccount:learner-a:learner" cannot get resource "pods" in API group "" in the namespace "default"',
      details: { name: 'web', kind: 'pods' },
    });
    const nodes = await call(srv, 'GET', '/api/v1/nodes', { token: learner.token });
    expect(nodes.status).toBe(200);
    const ns = await call(srv, 'POST', '/api/v1/namespaces', { token: learner.token, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } } });
    expect(ns.json()).toMatchObject({
      message: 'namespaces is forbidden: User "system:serviceaccount:learner-a:learner" cannot create resource "namespaces" in API group "" at the cluster scope',
    });
  });

  it('serves pod logs as text once the container runs', async () => {
    cluster.runUntil(() => cluster.store.get<{ status?: { phase?: string } } & import('../k8s/types').KubeObject>('pods', 'default', 'web').status?.phase === 'Running', 60_000);
    const r = await call(srv, 'GET', '/api/v1/namespaces/default/pods/web/log?tailLines=1', { headers: { Accept: '*/*' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.body).toMatch(/start worker process|Configuration complete/);
    const bad = await call(srv, 'GET', '/api/v1/namespaces/default/pods/web/log?container=nope');
    expect(bad.json()).toMatchObject({ code: 400, message: 'container nope is not valid for pod web' });
  });
});

describe('real kubectl 1.32 against podbook’s API server', () => {
  let cluster: Cluster;
  let srv: RunningApiServer;
  let home: ReturnType<typeof kubectlHome>;

  beforeAll(async () => {
    cluster = createCluster({ seed: 3 });
    srv = await startApiServer({ cluster });
    home = kubectlHome(srv.kubeconfig([srv.namespaceToken('learner')]));
  });
  afterAll(() => srv.close());

  it('prints the server version and the node table', async () => {
    const v = await runRealKubectl(['version'], home);
    expect(v.stdout).toContain('Server Version: v1.32.2');
    const nodes = await runRealKubectl(['get', 'nodes'], home);
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\ndocker-desktop\s+Ready\s+control-plane\s+\S+\s+v1\.32\.2\n$/);
  });

  it('runs a pod, lists it and says no resources in an empty namespace', async () => {
    expect((await runRealKubectl(['run', 'hello', '--image=nginx:1.27'], home)).stdout).toBe('pod/hello created\n');
    const pods = await runRealKubectl(['get', 'pods'], home);
    expect(pods.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nhello\s+0\/1\s+Pending\s+0\s+\S+\n$/);
    const empty = await runRealKubectl(['get', 'pods', '-n', 'kube-public'], home);
    expect(empty.stderr).toBe('No resources found in kube-public namespace.\n');
  });

  it('prints the server’s NotFound and Forbidden errors as kubectl does', async () => {
    const missing = await runRealKubectl(['get', 'pod', 'nope'], home);
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(missing.code).toBe(1);
    const denied = await runRealKubectl(['--context', 'learner', 'get', 'pods', '-n', 'default'], home);
    expect(denied.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:learner:learner" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
  });

  it('labels, shows labels and deletes', async () => {
    expect((await runRealKubectl(['label', 'pod', 'hello', 'tier=web'], home)).stdout).toBe('pod/hello labeled\n');
    const shown = await runRealKubectl(['get', 'pods', '--show-labels'], home);
    expect(shown.stdout).toContain('run=hello,tier=web');
    const del = await runRealKubectl(['delete', 'pod', 'hello', '--wait=false'], home);
    expect(del.stdout).toBe('pod "hello" deleted\n');
  });
});
