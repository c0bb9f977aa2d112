// The same whoami lab checks over the other backend: the sandbox ClusterClient
// (@kubernetes/client-node over HTTP) talking to lib/apiserver, which serves a wall-clock
// simulated cluster. The learner's solution is run with the REAL kubectl 1.32 against that API
// server, as on a real cluster; the grader sees only what the API server answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../k8s/types';
import { kubectlHome, runRealKubectl } from '../../tests/support/real-kubectl';
import { startTestSandbox } from '../sandbox/testing';
import type { TestSandbox } from '../sandbox/testing';
import { runChecks } from './checks';
import { withParticle } from './korean';
import type { Exercise } from './types';

const lab: Exercise = {
  id: 'lab-whoami',
  title: 'whoami 디플로이먼트',
  task: '',
  checks: [
    { id: 'deployed', kind: 'exists', resource: 'deployments', name: 'whoami', description: '' },
    { id: 'ready', kind: 'podsReady', selector: 'app=whoami', count: 1, description: '' },
    { id: 'answers', kind: 'http', target: 'deploy/whoami', port: 80, contains: "I'm", description: '' },
    { id: 'hostname', kind: 'hostnameIsPod', target: 'deploy/whoami', port: 80, description: '' },
  ],
};

describe('the whoami lab on the sandbox backend', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ seed: 7 });
  }, 30_000);
  afterAll(async () => {
    await sb?.close();
  });

  it('fails before the solution and passes after it, through the HTTP API', async () => {
    const before = await runChecks(lab, sb.client);
    expect(before.checks.map((c) => c.message)).toEqual([
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
      'app=whoami 셀렉터에 맞는 준비(Ready)된 파드가 부족합니다 (기대: 1개 이상, 실제: 0개 (맞는 파드 없음))',
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
    ]);

    const home = kubectlHome(sb.server.kubeconfig());
    const kubectl = async (...args: string[]) => {
      const r = await runRealKubectl(args, home, { timeoutMs: 60_000 });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    expect(await kubectl('create', 'deployment', 'whoami', '--image=kiamol/ch02-whoami')).toBe('deployment.apps/whoami created\n');
    await kubectl('rollout', 'status', 'deployment/whoami', '--timeout=60s');
    // Ready comes as the container starts; the app listens a moment later (620 ms).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await runChecks(lab, sb.client);
    const pods = (await sb.client.list<Pod>('pods', 'default', { labelSelector: 'app=whoami' })).items;
    expect(pods).toHaveLength(1);
    // the book's own cross-check: `hostname` in the pod is the pod's name
    expect(await kubectl('exec', 'deploy/whoami', '--', 'sh', '-c', 'hostname')).toBe(`${pods[0].metadata.name}\n`);
    expect(after.checks.map((c) => c.message)).toEqual([
      '디플로이먼트 whoami가 있습니다.',
      'app=whoami 셀렉터에 맞는 파드 1개가 준비(Ready)되었습니다.',
      `deploy/whoami (파드 ${pods[0].metadata.name}, 포트 80, 경로 /)의 HTTP 응답에 "I'm"이 있습니다.`,
      `HTTP 응답의 호스트 이름 ${withParticle(pods[0].metadata.name ?? '', '이/가')} 응답한 파드의 이름과 같습니다.`,
    ]);
    expect(after).toMatchObject({ passed: 4, total: 4, score: 100, allPassed: true });
  }, 90_000);
});
