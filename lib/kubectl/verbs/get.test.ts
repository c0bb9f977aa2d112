// `kubectl get` over an in-memory client (no cluster): messages, list wrapping, errors. The
// chapter-2 transcript against the simulated cluster is lib/runtime/kubectl-get-ch02.test.ts.
// Expected strings were checked against the real kubectl 1.32.
import { describe, expect, it } from 'vitest';
import { notFound } from '../../k8s/errors';
import { parseSelector } from '../../k8s/labels';
import { RESOURCES, resourceInfo } from '../../k8s/resources';
import type { KubeObject, WatchEvent } from '../../k8s/types';
import type { ClusterClient, ListOptions, ObjectListResult, ServerVersion, Watch } from '../client';
import { runKubectl } from '../index';
import { tableFor, tableForObject } from '../printers/tables';
import type { Table } from '../printers/tables';
import { NOW, ago } from '../printers/tables/testing';

function pod(name: string, opts: { ns?: string; age?: number; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.ns ?? 'default', uid: `uid-${name}`, resourceVersion: '7', creationTimestamp: ago(opts.age ?? 90), labels: opts.labels },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeName: 'docker-desktop' },
    status: {
      phase: 'Running',
      podIP: '10.1.0.9',
      podIPs: [{ ip: '10.1.0.9' }],
      containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: ago(80) } } }],
    },
  } as unknown as KubeObject;
}

/** A read-only ClusterClient over fixed objects, at a fixed time. */
class FakeClient implements ClusterClient {
  readonly backend = 'simulated' as const;
  readonly server = 'https://kubernetes.docker.internal:6443';
  private t = NOW;
  constructor(private readonly objects: Record<string, KubeObject[]>) {}
  async resources() {
    return [...RESOURCES];
  }
  async version(): Promise<ServerVersion> {
    return { major: '1', minor: '32', gitVersion: 'v1.32.2', gitCommit: '', gitTreeState: 'clean', buildDate: '', goVersion: '', compiler: 'gc', platform: 'linux/amd64' };
  }
  now() {
    return this.t;
  }
  async sleep(ms: number) {
    this.t += ms;
  }
  private items(resource: string, ns: string | undefined, opts: ListOptions = {}): KubeObject[] {
    const sel = opts.labelSelector ? parseSelector(opts.labelSelector) : undefined;
    return (this.objects[resource] ?? []).filter(
      (o) => (ns === undefined || o.metadata.namespace === ns) && (!sel || !sel.ok || sel.selector.matches(o.metadata.labels)),
    );
  }
  async get<T extends KubeObject>(resource: string, ns: string | undefined, name: string): Promise<T> {
    const o = this.items(resource, ns).find((x) => x.metadata.name === name);
    if (!o) throw notFound(resourceInfo(resource)!, name);
    return o as T;
  }
  async list<T extends KubeObject>(resource: string, ns: string | undefined, opts?: ListOptions): Promise<ObjectListResult<T>> {
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '9' }, items: this.items(resource, ns, opts) as T[] };
  }
  async table(resource: string, ns: string | undefined, opts: ListOptions & { name?: string; includeObject?: 'Metadata' | 'Object' } = {}): Promise<Table> {
    if (opts.name !== undefined) return tableForObject(resource, await this.get(resource, ns, opts.name), this.t, { includeObject: opts.includeObject });
    return tableFor(resource, this.items(resource, ns, opts), this.t, { includeObject: opts.includeObject, resourceVersion: '9' });
  }
  async watch(_r: string, _n: string | undefined, _o: ListOptions, _on: (e: WatchEvent) => void): Promise<Watch> {
    return { stop() {} };
  }
  create(): never {
    throw new Error('read-only');
  }
  update(): never {
    throw new Error('read-only');
  }
  patch(): never {
    throw new Error('read-only');
  }
  delete(): never {
    throw new Error('read-only');
  }
  logs(): never {
    throw new Error('read-only');
  }
  exec(): never {
    throw new Error('read-only');
  }
  podHttp(): never {
    throw new Error('read-only');
  }
}

const run = (line: string, objects: Record<string, KubeObject[]> = {}) => runKubectl(line, { client: new FakeClient(objects) });

describe('kubectl get with nothing to show', () => {
  it('get pods in an empty namespace prints "No resources found in default namespace." on stderr and exits 0', async () => {
    expect(await run('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('names the namespace given with -n', async () => {
    expect((await run('kubectl get deploy -n kube-system')).stderr).toBe('No resources found in kube-system namespace.\n');
  });

  it('says just "No resources found" for cluster-scoped types and with -A', async () => {
    expect((await run('kubectl get nodes')).stderr).toBe('No resources found\n');
    expect((await run('kubectl get pods -A')).stderr).toBe('No resources found\n');
  });

  it('-o json of an empty list prints an empty kind: List and no message', async () => {
    expect(await run('kubectl get pods -o json')).toEqual({
      stdout: '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('custom-columns still prints the header line for an empty list', async () => {
    expect((await run('kubectl get pods -o custom-columns=NAME:.metadata.name')).stdout).toBe('NAME\n');
  });
});

describe('kubectl get errors', () => {
  it('without a type prints the usage error kubectl prints', async () => {
    expect(await run('kubectl get')).toEqual({
      stdout: '',
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
      exitCode: 1,
    });
  });

  it('an unknown type is "the server doesn\'t have a resource type"', async () => {
    expect(await run('kubectl get foo,bar')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
  });

  it('mixing a type argument with type/name arguments is refused before any request', async () => {
    expect((await run('kubectl get pods pod/x')).stderr).toBe(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    );
  });

  it('a missing name is NotFound on stderr while the names that exist still print', async () => {
    expect(await run('kubectl get pods nope web', { pods: [pod('web')] })).toEqual({
      stdout: 'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          90s\n',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
  });

  it('--ignore-not-found drops NotFound and prints nothing else', async () => {
    expect(await run('kubectl get pods nope --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('a resource cannot be retrieved by name across all namespaces', async () => {
    expect((await run('kubectl get pod web -A')).stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
  });

  it('an unknown output format lists the formats get allows', async () => {
    expect((await run('kubectl get pods -o foo', { pods: [pod('web')] })).stderr).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('-o jsonpath without a template says so', async () => {
    expect((await run('kubectl get pods -o jsonpath', { pods: [pod('web')] })).stderr).toBe('error: template format specified but no template given\n');
  });

  it('go templates are reported as not run by Podbook, in Korean and English', async () => {
    expect(await run("kubectl get pods -o go-template='{{.}}'", { pods: [pod('web')] })).toEqual({
      stdout: '',
      stderr: "Podbook은 아직 'kubectl get -o go-template'을(를) 실행하지 않습니다. (Podbook does not run 'kubectl get -o go-template' yet.)\n",
      exitCode: 1,
    });
  });
});

describe('kubectl get output modes', () => {
  const objects = { pods: [pod('web', { labels: { app: 'web' } }), pod('db', { age: 3600, labels: { app: 'db', tier: 'data' } })] };

  it('-o name prints kind/name per object', async () => {
    expect((await run('kubectl get pods,nodes -o name', objects)).stdout).toBe('pod/web\npod/db\n');
  });

  it('--show-labels and -L add LABELS and per-key columns', async () => {
    expect((await run('kubectl get pods --show-labels -L tier', objects)).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   TIER   LABELS\n' + 'web    1/1     Running   0          90s          app=web\n' + 'db     1/1     Running   0          60m   data   app=db,tier=data\n',
    );
  });

  it('--sort-by sorts the rows by a JSONPath on the full objects', async () => {
    expect((await run('kubectl get pods --sort-by=.metadata.name --no-headers', objects)).stdout).toBe(
      'db    1/1   Running   0     60m\nweb   1/1   Running   0     90s\n',
    );
  });

  it('a single named object prints as itself with -o yaml, several as a kind: List', async () => {
    const one = await run('kubectl get pod web -o jsonpath={.kind}', objects);
    expect(one.stdout).toBe('Pod');
    const two = await run('kubectl get pod web db -o jsonpath={.kind}/{.items[*].metadata.name}', objects);
    expect(two.stdout).toBe('List/web db');
  });

  it('-o wide shows the priority-1 columns', async () => {
    expect((await run('kubectl get pod web -o wide', objects)).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   IP         NODE             NOMINATED NODE   READINESS GATES\n' +
        'web    1/1     Running   0          90s   10.1.0.9   docker-desktop   <none>           <none>\n',
    );
  });
});
