import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterCommand } from './cluster';
import { kubectlHome, runRealKubectl } from '../../tests/support/real-kubectl';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const until = new Promise<void>((r) => (stop = r));
  let ready!: (info: { url: string; kubeconfig: string }) => void;
  const started = new Promise<{ url: string; kubeconfig: string }>((r) => (ready = r));
  return { out, err, stop, started, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), until, onReady: ready } };
}

describe('podbook cluster', () => {
  it('serves a cluster real kubectl can use through the kubeconfig it writes, with a learner context confined to its namespace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podbook-cluster-'));
    const file = path.join(dir, 'kc.yaml');
    const t = io();
    const done = clusterCommand(['--port', '0', '--kubeconfig', file, '--learner', 'study1', '--seed', '5'], t.io);
    const { url } = await t.started;
    try {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(t.out.join('')).toContain(`export KUBECONFIG=${file}`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const home = kubectlHome(readFileSync(file, 'utf8'));
      const nodes = await runRealKubectl(['get', 'nodes', '-o', 'name'], home);
      expect(nodes.stdout).toBe('node/docker-desktop\n');
      const ns = await runRealKubectl(['--context', 'study1', 'get', 'pods'], home);
      expect(ns.stderr).toBe('No resources found in study1 namespace.\n');
      const denied = await runRealKubectl(['--context', 'study1', 'delete', 'namespace', 'default'], home);
      expect(denied.stderr).toBe(
        'Error from server (Forbidden): namespaces "default" is forbidden: User "system:serviceaccount:study1:learner" cannot delete resource "namespaces" in API group "" at the cluster scope\n',
      );
    } finally {
      t.stop();
      expect(await done).toBe(0);
    }
  });

  it('rejects bad flags with its usage and exit status 2', async () => {
    const t = io();
    expect(await clusterCommand(['--port', 'x'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('--port needs a port number');
    expect(await clusterCommand(['--learner', 'Bad_Name'], t.io)).toBe(2);
    expect(await clusterCommand(['--frobnicate'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('unknown flag: --frobnicate');
  });
});
