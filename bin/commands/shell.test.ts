import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox } from '../../lib/sandbox/testing';
import type { TestSandbox } from '../../lib/sandbox/testing';
import { shellCommand } from './shell';

function capture() {
  const io = { out: '', err: '' };
  return {
    io,
    shellIO: (stdinText: string) => ({ stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), stdinText, isTTY: false }),
  };
}

describe('podbook shell --kubeconfig', () => {
  let sb: TestSandbox;
  let file: string;

  beforeAll(async () => {
    sb = await startTestSandbox();
    const user = sb.server.namespaceToken('study');
    file = path.join(sb.dir, 'kubeconfig');
    writeFileSync(file, sb.server.kubeconfig([user]));
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('runs a script against the sandbox cluster in the context namespace, without virtual time', async () => {
    const { io, shellIO } = capture();
    const started = Date.now();
    const code = await shellCommand(['--kubeconfig', file, '--context', 'study', '--transcript'], shellIO('kubectl create configmap c1 --from-literal=a=1\nkubectl get cm c1 -o jsonpath={.metadata.namespace}\necho\nkubectl get pods -n default\n'));
    expect(io.out).toBe('$ kubectl create configmap c1 --from-literal=a=1\nconfigmap/c1 created\n$ kubectl get cm c1 -o jsonpath={.metadata.namespace}\nstudy$ echo\n\n$ kubectl get pods -n default\n');
    expect(io.err).toMatch(/^Error from server \(Forbidden\): pods is forbidden: /);
    expect(code).toBe(1);
    // nothing waited: a simulator script pauses 3 s of virtual time per line, a sandbox none
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sb.cluster.store.find('configmaps', 'study', 'c1')).toBeDefined();
  });

  it('uses the current context of the kubeconfig when --context is not given', async () => {
    const { io, shellIO } = capture();
    expect(await shellCommand([`--kubeconfig=${file}`], shellIO('kubectl get ns study -o name\n'))).toBe(0);
    expect(io.out).toBe('namespace/study\n');
  });

  it('prints kubectl\'s message when nothing listens at the server address', async () => {
    const { io, shellIO } = capture();
    const refused = path.join(sb.dir, 'refused');
    writeFileSync(refused, 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:1\n  name: c\ncontexts:\n- context:\n    cluster: c\n    user: u\n  name: c\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n');
    expect(await shellCommand(['--kubeconfig', refused], shellIO('kubectl get pods\n'))).toBe(1);
    expect(io.err).toBe('The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?\n');
  });

  it('rejects --seed with --kubeconfig, an unknown context and a missing value', async () => {
    let c = capture();
    expect(await shellCommand(['--kubeconfig', file, '--seed', '1'], c.shellIO(''))).toBe(1);
    expect(c.io.err).toContain('--seed is for the simulated cluster, not with --kubeconfig');
    c = capture();
    expect(await shellCommand(['--kubeconfig', file, '--context', 'nope'], c.shellIO(''))).toBe(1);
    expect(c.io.err).toBe('podbook shell: context was not found for specified context: nope\n');
    c = capture();
    expect(await shellCommand(['--kubeconfig'], c.shellIO(''))).toBe(1);
    expect(c.io.err).toContain('--kubeconfig needs a value');
    expect(c.io.err).toContain('podbook shell --kubeconfig FILE [--context NAME] [--transcript]');
  });
});
