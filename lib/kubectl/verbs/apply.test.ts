// `kubectl apply -f` (client side) against the simulated cluster: created / unchanged /
// configured, the last-applied-configuration annotation, bundled kiamol URLs and errors.
// Messages were checked against the real kubectl 1.32.5.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import { KIAMOL_DEPLOYMENT, KIAMOL_POD } from '../manifests';

function session(files: Record<string, string> = {}) {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  return { cluster, files, run: (line: string) => runKubectl(line, { client, files: { read: (p) => files[p] } }) };
}

type Deploy = KubeObject & { spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } } };

describe('kubectl apply', () => {
  it('kubectl apply -f creates the object with the last-applied-configuration annotation', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    expect(await s.run('kubectl apply -f pod.yaml')).toEqual({ stdout: 'pod/hello-kiamol-3 created\n', stderr: '', exitCode: 0 });
    const pod = s.cluster.store.get('pods', 'default', 'hello-kiamol-3');
    expect(pod.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"hello-kiamol-3","namespace":"default"},"spec":{"containers":[{"image":"kiamol/ch02-hello-kiamol","name":"web"}]}}\n',
    });
  });

  it('kubectl apply of the same manifest again is unchanged and writes nothing', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    await s.run('kubectl apply -f pod.yaml');
    s.cluster.advance(20_000);
    const rv = s.cluster.store.get('pods', 'default', 'hello-kiamol-3').metadata.resourceVersion;
    expect(await s.run('kubectl apply -f pod.yaml')).toEqual({ stdout: 'pod/hello-kiamol-3 unchanged\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.get('pods', 'default', 'hello-kiamol-3').metadata.resourceVersion).toBe(rv);
  });

  it('kubectl apply of a changed manifest is configured through a three-way strategic merge patch', async () => {
    const s = session({ 'deployment.yaml': KIAMOL_DEPLOYMENT });
    await s.run('kubectl apply -f deployment.yaml');
    s.files['deployment.yaml'] = KIAMOL_DEPLOYMENT.replace('spec:\r\n  selector', 'spec:\r\n  replicas: 2\r\n  selector').replace(
      'image: kiamol/ch02-hello-kiamol',
      'image: nginx:1.28',
    );
    expect(await s.run('kubectl apply -f deployment.yaml')).toEqual({ stdout: 'deployment.apps/hello-kiamol-4 configured\n', stderr: '', exitCode: 0 });
    const d = s.cluster.store.get<Deploy>('deployments', 'default', 'hello-kiamol-4');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers).toMatchObject([{ name: 'web', image: 'nginx:1.28' }]);
    expect(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"replicas":2');
  });

  it('kubectl apply removes a field the previous manifest had and the new one drops', async () => {
    const s = session({ 'cm.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{"x":"1"}}' });
    await s.run('kubectl apply -f cm.json');
    s.files['cm.json'] = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"x":"1"}}';
    expect((await s.run('kubectl apply -f cm.json')).stdout).toBe('configmap/c configured\n');
    expect(s.cluster.store.get('configmaps', 'default', 'c').metadata.labels).toEqual({ a: '1' });
  });

  it('kubectl apply on an object made by create warns about the missing annotation and patches it in', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    await s.run('kubectl create -f pod.yaml');
    expect(await s.run('kubectl apply -f pod.yaml')).toEqual({
      stdout: 'pod/hello-kiamol-3 configured\n',
      stderr:
        'Warning: resource pods/hello-kiamol-3 is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      exitCode: 0,
    });
    expect(s.cluster.store.get('pods', 'default', 'hello-kiamol-3').metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined();
  });

  it('kubectl apply -f of the book\'s raw GitHub URLs uses the bundled copies', async () => {
    const s = session();
    expect((await s.run('kubectl apply -f https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml')).stdout).toBe('pod/hello-kiamol-3 created\n');
    expect((await s.run('kubectl apply -f https://raw.githubusercontent.com/gilbutITbook/kiamol/master/ch02/lab/solution/deployment.yaml')).stdout).toBe(
      'deployment.apps/whoami created\n',
    );
  });

  it('kubectl apply -f of any other URL is refused in Korean and English, without fetching', async () => {
    const r = await session().run('kubectl apply -f https://example.com/app.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: Podbook은 인터넷에서 매니페스트를 내려받지 않습니다: https://example.com/app.yaml\n');
    expect(r.stderr).toContain('error: Podbook does not download manifests from the internet: https://example.com/app.yaml\n');
  });

  it('kubectl apply without -f says so', async () => {
    expect(await session().run('kubectl apply')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
  });

  it('kubectl apply of an unknown kind reports the missing resource mapping', async () => {
    const s = session({ 'w.json': '{"apiVersion":"v1","kind":"Widget","metadata":{"name":"a"}}' });
    expect((await s.run('kubectl apply -f w.json')).stderr).toBe(
      'error: resource mapping not found for name: "a" namespace: "" from "w.json": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n',
    );
  });

  it('kubectl apply --dry-run=client reports without creating', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    expect((await s.run('kubectl apply -f pod.yaml --dry-run=client')).stdout).toBe('pod/hello-kiamol-3 created (dry run)\n');
    expect(s.cluster.store.find('pods', 'default', 'hello-kiamol-3')).toBeUndefined();
  });

  it('kubectl apply -f - reads the notebook cell passed as stdin', async () => {
    const s = session({ '-': KIAMOL_POD });
    expect((await s.run('kubectl apply -f -')).stdout).toBe('pod/hello-kiamol-3 created\n');
  });
});

describe('kubectl apply -f with YAML errors', () => {
  it('kubectl apply -f of malformed YAML reports the line as kubectl does', async () => {
    const s = session({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  x: [\n' });
    expect(await s.run('kubectl apply -f bad.yaml')).toEqual({
      stdout: '',
      stderr: 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content\n',
      exitCode: 1,
    });
  });
});

describe('kubectl apply -f DIR', () => {
  it('kubectl apply -f on a directory applies its .yaml/.yml/.json files in name order and skips others', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    const files: Record<string, string> = {
      'ch02/pod.yaml': KIAMOL_POD,
      'ch02/deployment.yaml': KIAMOL_DEPLOYMENT,
      'ch02/README.md': '# notes',
    };
    // the kernel's VirtualFiles may list a directory (an optional `list`, see manifest-files.ts)
    const vf = { read: (p: string) => files[p], list: (d: string) => (d === 'ch02' ? ['pod.yaml', 'deployment.yaml', 'README.md'] : undefined) };
    expect(await runKubectl('kubectl apply -f ch02', { client, files: vf })).toEqual({
      stdout: 'deployment.apps/hello-kiamol-4 created\npod/hello-kiamol-3 created\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('kubectl create without -f says so', async () => {
    expect(await session().run('kubectl create')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
  });
});
