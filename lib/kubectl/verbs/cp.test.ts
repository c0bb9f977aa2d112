// `kubectl cp` against the simulated cluster with an in-memory local filesystem: kiamol ch02
// §2.4 commands 38–40 (busybox tar's notice arrives on kubectl's stdout, as cp wires the exec's
// stderr there), copying into a pod, and kubectl's errors.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import type { LocalFs } from '../index';
import { HELLO_KIAMOL_HTML } from '../../cluster/kubelet/pages';

class MemFs implements LocalFs {
  files = new Map<string, string>();
  dirs = new Set<string>(['/', '/tmp']);
  read(p: string) {
    return this.files.get(p);
  }
  write(p: string, c: string) {
    this.files.set(p, c);
  }
  mkdirp(p: string) {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) this.dirs.add('/' + parts.slice(0, i).join('/'));
  }
  exists(p: string) {
    return this.files.has(p) || this.dirs.has(p);
  }
  isDir(p: string) {
    return this.dirs.has(p.replace(/\/+$/, '') || '/');
  }
  list(p: string) {
    const prefix = p.replace(/\/+$/, '') + '/';
    const names = new Set<string>();
    for (const k of [...this.files.keys(), ...this.dirs]) if (k.startsWith(prefix) && k !== prefix) names.add(k.slice(prefix.length).split('/')[0]);
    return [...names].sort();
  }
}

function ready(cluster: Cluster, name: string) {
  return () =>
    cluster.store.find<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>('pods', 'default', name)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

async function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const fs = new MemFs();
  const run = (cmd: string) => runKubectl(cmd, { client, fs });
  const expectRun = async (cmd: string, stdout: string, stderr: string, exitCode: number) => {
    const r = await run(cmd);
    expect({ cmd, ...r }).toEqual({ cmd, stdout, stderr, exitCode });
  };
  await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
  cluster.runUntil(ready(cluster, 'hello-kiamol'), 120_000);
  return { cluster, client, fs, run, expectRun };
}

describe('kubectl cp on the simulated cluster', () => {
  it('copies the hello-kiamol page out of the pod (kiamol ch02 commands 38–40)', async () => {
    const { fs, expectRun } = await setup();
    fs.mkdirp('/tmp/kiamol/ch02');
    await expectRun('kubectl cp hello-kiamol:/usr/share/nginx/html/index.html /tmp/kiamol/ch02/index.html', "tar: removing leading '/' from member names\n", '', 0);
    expect(fs.read('/tmp/kiamol/ch02/index.html')).toBe(HELLO_KIAMOL_HTML);
    // a directory's contents land under the destination
    await expectRun('kubectl cp hello-kiamol:/usr/share/nginx/html /tmp/html', "tar: removing leading '/' from member names\n", '', 0);
    expect(fs.list('/tmp/html')).toEqual(['50x.html', 'index.html']);
    // a file onto an existing directory fails as kubectl's os.Create does
    await expectRun('kubectl cp hello-kiamol:/etc/hostname /tmp', "tar: removing leading '/' from member names\n", 'error: open /tmp: is a directory\n', 1);
  });

  it('copies a local file into the pod, into a directory under its own name', async () => {
    const { fs, client, expectRun } = await setup();
    fs.write('/tmp/page.html', '<h1>안녕</h1>\n');
    await expectRun('kubectl cp /tmp/page.html hello-kiamol:/usr/share/nginx/html/', '', '', 0);
    expect((await client.exec('default', 'hello-kiamol', 'hello-kiamol', ['cat', '/usr/share/nginx/html/page.html'])).stdout).toBe('<h1>안녕</h1>\n');
    await expectRun('kubectl cp /tmp/page.html hello-kiamol:/tmp/renamed.html', '', '', 0);
    expect((await client.podHttp('default', 'hello-kiamol', 80, { path: '/page.html' })).body).toBe('<h1>안녕</h1>\n');
    expect((await client.exec('default', 'hello-kiamol', 'hello-kiamol', ['ls', '/tmp'])).stdout).toBe('renamed.html\n');
  });

  it('prints kubectl’s errors for bad specs and missing files', async () => {
    const { expectRun } = await setup();
    await expectRun('kubectl cp /tmp/nope hello-kiamol:/tmp/x', '', 'error: /tmp/nope doesn\'t exist in local filesystem\n', 1);
    await expectRun('kubectl cp a:/x b:/y', '', 'error: one of src or dest must be a local file specification\n', 1);
    await expectRun('kubectl cp /a /b', '', 'error: one of src or dest must be a remote file specification\n', 1);
    await expectRun('kubectl cp :/a /b', '', 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n', 1);
    await expectRun('kubectl cp nope:/etc/hosts /tmp/h', '', 'Error from server (NotFound): pods "nope" not found\n', 1);
    await expectRun('kubectl cp hello-kiamol:/nope /tmp/n', 'tar: /nope: No such file or directory\n', 'command terminated with exit code 1\n', 1);
  });
});
