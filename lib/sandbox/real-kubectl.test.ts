// The referee: the real kubectl 1.32 and Podbook's kubectl (through SandboxClient) against the
// same lib/apiserver, on a learner session's namespace. Outputs must match after normalizing ages.

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../kubectl';
import { SandboxClient } from './client';
import { SandboxSessions } from './sessions';
import type { SandboxSession } from './sessions';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';
import { requireRealKubectl } from '../apiserver/openapi/test-server';

const exec = promisify(execFile);

function normalize(s: string): string {
  return s.replace(/(^|\s)\d+(?:s|m|h)(?=\s|$)/gm, '$1AGE').replace(/ {2,}/g, '  ');
}

describe('real kubectl and Podbook kubectl agree on a sandbox session', () => {
  let sb: TestSandbox;
  let session: SandboxSession;
  let adminFile: string;
  let tokenFile: string;
  let tokenClient: SandboxClient;

  beforeAll(async () => {
    requireRealKubectl();
    sb = await startTestSandbox();
    const mgr = new SandboxSessions({ kubeconfig: sb.server.kubeconfig(), sweepIntervalMs: 0 });
    session = await mgr.open('referee');
    adminFile = path.join(sb.dir, 'admin');
    writeFileSync(adminFile, mgr.kubeconfigFor(session));
    const user = sb.server.namespaceToken(session.namespace);
    tokenFile = path.join(sb.dir, 'token');
    const text = sb.server.kubeconfig([user]).replace(/^current-context: .*$/m, `current-context: ${user.name}`);
    writeFileSync(tokenFile, text);
    tokenClient = new SandboxClient({ kubeconfig: text });
    await runKubectl('kubectl run web --image=nginx', { client: session.client, namespace: session.namespace });
    await runKubectl('kubectl create configmap settings --from-literal=mode=study', { client: session.client, namespace: session.namespace });
    // the quota controller follows within milliseconds
    await new Promise((r) => setTimeout(r, 200));
  }, 30_000);

  afterAll(async () => {
    await sb?.close();
  });

  async function real(file: string, line: string, cache = 'cache'): Promise<string> {
    try {
      const r = await exec(requireRealKubectl(), ['--kubeconfig', file, '--cache-dir', path.join(sb.dir, cache), ...line.split(' ')], { encoding: 'utf8' });
      return `${r.stdout}${r.stderr}exit 0\n`;
    } catch (e) {
      const x = e as { stdout: string; stderr: string; code: number };
      return `${x.stdout}${x.stderr}exit ${x.code}\n`;
    }
  }

  async function podbook(client: SandboxClient, line: string): Promise<string> {
    const r = await runKubectl(`kubectl ${line}`, { client, namespace: client.namespace });
    return `${r.stdout}${r.stderr}exit ${r.exitCode}\n`;
  }

  it.each(['get quota,limits', 'get quota -o wide', 'get quota podbook-quota -o yaml', 'get limits -o json', 'get pods', 'get cm', 'get pod nope'])(
    'kubectl %s prints the same through the real kubectl and through SandboxClient',
    async (line) => {
      const [a, b] = await Promise.all([real(adminFile, line), podbook(session.client, line)]);
      expect(normalize(b)).toBe(normalize(a));
      expect(a).not.toBe('exit 0\n');
    },
    30_000,
  );

  it('the quota row counts what the session holds', async () => {
    expect(await real(adminFile, 'get quota')).toMatch(/configmaps: 2\/20, pods: 1\/10, requests\.cpu: 0\/2, requests\.memory: 0\/2Gi/);
  }, 30_000);

  it('an untrusted certificate and a bad token fail as with the real kubectl', async () => {
    const noCA = sb.server.kubeconfig().replace(/^ {4}certificate-authority-data: .*\n/m, '');
    const badToken = sb.server.kubeconfig().replace(/token: .*/, 'token: nope');
    for (const [name, text] of [
      ['no-ca', noCA],
      ['bad-token', badToken],
    ]) {
      const file = path.join(sb.dir, name);
      writeFileSync(file, text);
      // a fresh discovery cache, as a new SandboxClient has: with discovery cached, the real
      // kubectl's 401 comes from the GET and prints the server's message (`Unauthorized`) instead
      const [a, b] = await Promise.all([real(file, 'get pods', `cache-${name}`), podbook(new SandboxClient({ kubeconfig: text }), 'get pods')]);
      // the real kubectl logs each failed discovery attempt (memcache.go klog lines) before the
      // final message; Podbook's kubectl prints the final message only
      const last = a.split('\n').filter((l) => !/^E\d{4} /.test(l)).join('\n');
      expect(b).toBe(last);
    }
  }, 30_000);

  it.each(['get pods -n default', 'get ns', 'delete namespace default', 'get quota'])(
    'with a namespace token, kubectl %s prints the same through the real kubectl and through SandboxClient',
    async (line) => {
      const [a, b] = await Promise.all([real(tokenFile, line), podbook(tokenClient, line)]);
      expect(normalize(b)).toBe(normalize(a));
    },
    30_000,
  );
});
