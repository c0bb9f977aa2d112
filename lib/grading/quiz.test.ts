import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { ShellSession } from '../runtime/shell';
import { SimulatedClient } from '../runtime/simulated-client';
import { gradeQuiz } from './quiz';
import type { Quiz } from './types';

const readyMeaning: Quiz = {
  id: 'ready-1-1',
  kind: 'single',
  question: '`READY 1/1`은 무엇을 뜻할까요?',
  choices: ['파드 1개 중 1개가 실행 중', '컨테이너 1개 중 1개가 준비됨', '노드 1개 중 1개가 준비됨'],
  answer: 1,
  explanation: '파드 안 컨테이너 중 준비된 컨테이너 수입니다.',
};

const createDeploymentLabels: Quiz = {
  id: 'labels',
  kind: 'multiple',
  question: '`kubectl create deployment web` 이 만든 파드에 붙는 레이블을 모두 고르세요.',
  choices: ['app=web', 'run=web', 'pod-template-hash=…', 'deployment=web'],
  answer: [0, 2],
  explanation: '디플로이먼트는 app 레이블을, 레플리카셋은 pod-template-hash를 붙입니다.',
  hint: 'kubectl get pods --show-labels',
};

const phases: Quiz = {
  id: 'phases',
  kind: 'ordering',
  question: '파드가 거치는 단계를 순서대로 놓으세요.',
  choices: ['Running', 'Pending', 'ContainerCreating'],
  answer: [1, 2, 0],
  explanation: '스케줄링을 기다리고(Pending), 이미지를 받아 컨테이너를 만들고, 실행합니다.',
};

const smallestUnit: Quiz = {
  id: 'unit',
  kind: 'short',
  question: '쿠버네티스가 스케줄링하는 가장 작은 단위는?',
  answer: ['Pod', '파드'],
  explanation: '컨테이너가 아니라 파드를 단위로 노드에 배치합니다.',
};

describe('single choice', () => {
  it('is correct for the right index and gives the right choice as expected', async () => {
    expect(await gradeQuiz(readyMeaning, 1)).toEqual({
      correct: true,
      feedback: '정답입니다.',
      explanation: '파드 안 컨테이너 중 준비된 컨테이너 수입니다.',
      expected: '컨테이너 1개 중 1개가 준비됨',
    });
  });

  it('names the chosen choice when it is wrong', async () => {
    const r = await gradeQuiz(readyMeaning, 0);
    expect(r.correct).toBe(false);
    expect(r.feedback).toBe('오답입니다. 1번 "파드 1개 중 1개가 실행 중"은 정답이 아닙니다.');
  });

  it('refuses an index outside the choices as a malformed answer', async () => {
    expect((await gradeQuiz(readyMeaning, 7)).feedback).toBe('답의 형식이 올바르지 않습니다: 보기 하나를 고르세요.');
  });
});

describe('multiple choice', () => {
  it('is correct only with exactly the right set, in any order', async () => {
    expect((await gradeQuiz(createDeploymentLabels, [2, 0])).correct).toBe(true);
  });

  it('is all or nothing and says which picks were wrong and which were missed, with the hint', async () => {
    const r = await gradeQuiz(createDeploymentLabels, [0, 1]);
    expect(r.correct).toBe(false);
    expect(r.feedback).toBe(
      '오답입니다. 정답이 아닌 보기를 골랐습니다: 2번 "run=web". 골라야 할 보기를 빠뜨렸습니다: 3번 "pod-template-hash=…". 힌트: kubectl get pods --show-labels',
    );
    expect(r.expected).toBe('app=web, pod-template-hash=…');
  });

  it('counts a subset of the right answers as wrong', async () => {
    const r = await gradeQuiz(createDeploymentLabels, [0]);
    expect(r.correct).toBe(false);
    expect(r.feedback).toContain('골라야 할 보기를 빠뜨렸습니다: 3번 "pod-template-hash=…".');
  });
});

describe('ordering', () => {
  it('is correct for the right order and shows it with arrows', async () => {
    const r = await gradeQuiz(phases, [1, 2, 0]);
    expect(r.correct).toBe(true);
    expect(r.expected).toBe('Pending → ContainerCreating → Running');
  });

  it('names the first misplaced step with what belonged there', async () => {
    const r = await gradeQuiz(phases, [1, 0, 2]);
    expect(r.feedback).toBe('오답입니다. 2번째 단계가 틀렸습니다 (기대: ContainerCreating, 실제: Running).');
  });

  it('refuses an answer that leaves a step out or repeats one', async () => {
    expect((await gradeQuiz(phases, [1, 1, 0])).feedback).toBe('답의 형식이 올바르지 않습니다: 보기 3개를 모두 한 번씩 순서대로 놓으세요.');
  });
});

describe('short answer', () => {
  it('accepts any listed answer regardless of case, spacing and full-width letters', async () => {
    expect((await gradeQuiz(smallestUnit, '  pod ')).correct).toBe(true);
    expect((await gradeQuiz(smallestUnit, 'ＰＯＤ')).correct).toBe(true);
    expect((await gradeQuiz(smallestUnit, '파드')).correct).toBe(true);
  });

  it('quotes the learner answer when it is not accepted', async () => {
    const r = await gradeQuiz(smallestUnit, 'container');
    expect(r).toMatchObject({ correct: false, feedback: '오답입니다. "container"는 인정되는 답이 아닙니다.', expected: 'Pod' });
  });

  it('says so when nothing was typed', async () => {
    expect((await gradeQuiz(smallestUnit, '   ')).feedback).toBe('답을 입력하지 않았습니다.');
  });
});

describe('a malformed quiz', () => {
  it('is reported instead of throwing', async () => {
    const broken: Quiz = { ...phases, answer: [0, 1] };
    expect((await gradeQuiz(broken, [1, 2, 0])).feedback).toBe(
      '문제 phases의 정답 정의가 올바르지 않아 채점할 수 없습니다: 모든 보기를 한 번씩 담은 순서가 필요합니다.',
    );
  });
});

/**
 * Runs setup and command on a fresh simulated cluster, letting a few virtual seconds pass after
 * each line as `podbook shell` does (a learner types the next command a moment later).
 */
async function predictOnSimulator(setup: string[], command: string): Promise<string> {
  const cluster = createCluster({ seed: 1 });
  const shell = new ShellSession({ client: new SimulatedClient(cluster), cluster });
  for (const line of setup) {
    await shell.run(line);
    cluster.advance(3000);
  }
  const r = await shell.run(command);
  return r.stdout + r.stderr;
}

describe('predict the output', () => {
  const getPods: Quiz = {
    id: 'predict-get-pods',
    kind: 'predict',
    question: '디플로이먼트를 만들고 파드가 준비된 뒤 `kubectl get pods`는 무엇을 출력할까요?',
    setup: ['kubectl create deployment whoami --image=kiamol/ch02-whoami', 'kubectl wait --for=condition=Ready pod -l app=whoami'],
    command: 'kubectl get pods',
    explanation: '디플로이먼트의 파드 이름은 <디플로이먼트>-<해시>-<접미사>입니다.',
  };

  it('accepts the simulator output with any age and the generated suffixes written as x', async () => {
    const typed = 'NAME                      READY   STATUS    RESTARTS   AGE\nwhoami-xxxxxxxxx-xxxxx    1/1     Running   0          30s\n';
    const r = await gradeQuiz(getPods, typed, { predict: predictOnSimulator });
    expect(r.correct).toBe(true);
    expect(r.expected).toMatch(/^NAME {3,}READY {3}STATUS {4}RESTARTS {3}AGE\nwhoami-[a-z0-9]+-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}\d+s$/);
  });

  it('names the first differing line when a predictable cell is wrong', async () => {
    const typed = 'NAME READY STATUS RESTARTS AGE\nwhoami-xxxxxxxxx-xxxxx 0/1 ContainerCreating 0 2s';
    const r = await gradeQuiz(getPods, typed, { predict: predictOnSimulator });
    expect(r.correct).toBe(false);
    expect(r.feedback).toBe(
      '출력이 다릅니다. 2번째 줄부터 다릅니다 (기대: "whoami-<hash>-<suffix> 1/1 Running 0 <age>", 실제: "whoami-<hash>-<suffix> 0/1 ContainerCreating 0 <age>").',
    );
  });

  it('compares error output too, since the learner predicts what the terminal shows', async () => {
    const notFound: Quiz = { id: 'nf', kind: 'predict', question: '?', command: 'kubectl get pod nope', explanation: '' };
    const r = await gradeQuiz(notFound, 'Error from server (NotFound): pods "nope" not found', { predict: predictOnSimulator });
    expect(r.correct).toBe(true);
  });

  it('cannot be graded without a simulator to run the command', async () => {
    expect((await gradeQuiz(getPods, 'x')).feedback).toBe('출력 예측 문제는 명령을 실행해 볼 시뮬레이터가 있어야 채점할 수 있습니다.');
  });

  it('reports a failing predict run instead of throwing', async () => {
    const r = await gradeQuiz(getPods, 'x', {
      predict: () => Promise.reject(new Error('boom')),
    });
    expect(r).toMatchObject({ correct: false, feedback: '명령을 실행해 정답 출력을 만들지 못했습니다: boom' });
  });
});
