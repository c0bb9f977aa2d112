import { describe, expect, it } from 'vitest';
import { parseNotebookMarkdown, toMarkdown } from './markdown';
import type { Notebook } from './schema';

const DOC_EXAMPLE = `---
title: 2장 파드와 디플로이먼트로 컨테이너 실행하기
book: 쿠버네티스 교과서
chapter: 2
section: "2.1"
tags: [kiamol, pod]
---

Prose is markdown. Callouts: \`> [!NOTE]\`, \`> [!TIP] 제목\`. Wikilinks: \`[[…]]\`.

\`\`\`kubectl {"id":"run-hello"}
kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol
\`\`\`

\`\`\`output {"for":"run-hello"}
pod/hello-kiamol created
\`\`\`

\`\`\`yaml {"file":"pod.yaml","id":"pod-manifest"}
apiVersion: v1
kind: Pod
metadata:
  name: hello-kiamol
\`\`\`

\`\`\`sh {"id":"curl-it"}
curl http://localhost:8080
\`\`\`

\`\`\`quiz
id: phases
kind: ordering
question: 파드가 거치는 단계를 순서대로 놓으세요.
choices: [Running, Pending, ContainerCreating]
answer: [1, 2, 0]
explanation: 스케줄되기 전에는 Pending입니다.
\`\`\`

\`\`\`exercise
id: lab-whoami
title: whoami 디플로이먼트
task: whoami 디플로이먼트를 만드세요.
checks:
  - { id: deployed, kind: exists, resource: deployments, name: whoami, description: 디플로이먼트가 있어야 합니다 }
solution:
  - kubectl create deployment whoami --image=kiamol/ch02-whoami
\`\`\`
`;

function parsed(text: string): Notebook {
  const r = parseNotebookMarkdown(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.value;
}

function errorsOf(text: string): { line?: number; message: string }[] {
  const r = parseNotebookMarkdown(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseNotebookMarkdown', () => {
  it('reads the example of docs/notebook-format.md into cells of every type', () => {
    const nb = parsed(DOC_EXAMPLE);
    expect(nb.meta).toEqual({
      title: '2장 파드와 디플로이먼트로 컨테이너 실행하기',
      book: '쿠버네티스 교과서',
      chapter: 2,
      section: '2.1',
      tags: ['kiamol', 'pod'],
    });
    expect(nb.cells.map((c) => [c.type, c.id])).toEqual([
      ['markdown', 'md-1'],
      ['command', 'run-hello'],
      ['manifest', 'pod-manifest'],
      ['command', 'curl-it'],
      ['quiz', 'phases'],
      ['exercise', 'lab-whoami'],
    ]);
    expect(nb.cells[1]).toEqual({
      type: 'command',
      id: 'run-hello',
      lang: 'kubectl',
      source: 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol',
      expected: 'pod/hello-kiamol created\n',
      outputs: [],
    });
    expect(nb.cells[2]).toMatchObject({ type: 'manifest', file: 'pod.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello-kiamol' });
    expect(nb.cells[3]).toMatchObject({ lang: 'sh' });
    expect(nb.cells[4]).toMatchObject({ quiz: { kind: 'ordering', answer: [1, 2, 0] } });
  });

  it('keeps prose byte for byte, trailing hard-break spaces and callouts included', () => {
    const prose = '# 제목\n\n> [!NOTE]  \n> **Readiness Probe**란?  \n\n*ref.* [[쿠버네티스-Ch1.pdf#page=51]]\n![[그림.png]]';
    const nb = parsed(`${prose}\n\n\`\`\`kubectl\nkubectl get pods\n\`\`\`\n`);
    expect(nb.cells[0]).toEqual({ type: 'markdown', id: 'md-1', source: prose });
    expect(nb.meta.title).toBe('제목');
  });

  it('derives ids from content when a fence gives none: cmd-<n>-<words>, manifest-<n>-<file>, md-<n>-<heading>', () => {
    const nb = parsed(
      '## 2.1 파드\n\n```kubectl\nkubectl get pod hello-kiamol -o wide\n```\n\n```yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n```\n\n```kubectl\nkubectl get pods\n```\n',
    );
    expect(nb.cells.map((c) => c.id)).toEqual(['md-1-2-1', 'cmd-1-get-pod-hello-kiamol', 'manifest-1-web-pod', 'cmd-2-get-pods']);
    expect(nb.cells[2]).toMatchObject({ file: 'web-pod.yaml' });
  });

  it('makes a language-less block of kubectl lines a command cell and leaves any other one in the prose', () => {
    const nb = parsed('```\n# 목록\nkubectl get pods\n```\n\n```\n그냥 글입니다\n```\n');
    expect(nb.cells.map((c) => c.type)).toEqual(['command', 'markdown']);
    expect(nb.cells[1]).toMatchObject({ source: '```\n그냥 글입니다\n```' });
  });

  it('attaches an output block without "for" to the command cell just before it', () => {
    const nb = parsed('```kubectl\nkubectl get pods\n```\n```output\nNo resources found in default namespace.\n```\n');
    expect(nb.cells).toHaveLength(1);
    expect(nb.cells[0]).toMatchObject({ expected: 'No resources found in default namespace.\n' });
  });

  it('reports a quiz body that is not valid YAML with the note line of the problem', () => {
    const text = '# 퀴즈\n\n```quiz\nid: q1\nkind: single\nquestion: [unclosed\n```\n';
    expect(errorsOf(text)).toEqual([
      { line: 6, message: expect.stringMatching(/^quiz 본문이 올바른 YAML이 아닙니다 \/ the quiz body is not valid YAML: /) },
    ]);
  });

  it('reports an exercise check of unknown kind at the line of its kind', () => {
    const text = [
      '```exercise',
      'id: lab',
      'title: 실습',
      'task: 하세요',
      'checks:',
      '  - id: a',
      '    kind: exists',
      '    resource: pods',
      '    name: x',
      '    description: 있어야 함',
      '  - id: b',
      '    kind: teleport',
      '    description: 없음',
      '```',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      {
        line: 12,
        message:
          '알 수 없는 실습 검사 종류 "teleport" / exercise check of unknown kind "teleport" (known: exists, jsonpath, podsReady, selectorMatches, http, hostnameIsPod)',
      },
    ]);
  });

  it('reports a single-choice answer that names no choice at the answer line', () => {
    const text = '```quiz\nid: q\nkind: single\nquestion: 몇 개?\nchoices: [하나, 둘]\nanswer: 5\nexplanation: 둘입니다\n```\n';
    expect(errorsOf(text)).toEqual([{ line: 6, message: 'quiz answer: answer must be the index of one choice' }]);
  });

  it('reports fence attributes that are not JSON, an output with nothing to attach to, and duplicate ids', () => {
    expect(errorsOf('```kubectl {id: x}\nkubectl get pods\n```\n')[0]).toEqual({
      line: 1,
      message: '코드 블록 속성은 JSON 객체여야 합니다 / fence attributes must be a JSON object, e.g. {"id":"get-pods"}: {id: x}',
    });
    expect(errorsOf('# 글\n\n```output\nx\n```\n')[0]).toEqual({
      line: 3,
      message: 'output 블록 앞에 명령 셀이 없습니다 / an output block must follow a command cell',
    });
    expect(errorsOf('```kubectl {"id":"a"}\nkubectl get pods\n```\n\n```sh {"id":"a"}\nls\n```\n')[0]).toEqual({
      line: 5,
      message: '셀 id "a"가 중복됩니다 / duplicate cell id "a"',
    });
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '```', '---\n: :\n---', '```quiz\n', '<!-- cell {"id": -->', '\u0000\uFFFF', '```yaml {"file":"/etc/x"}\nkind: Pod\n```']) {
      expect(() => parseNotebookMarkdown(text)).not.toThrow();
    }
    expect(parseNotebookMarkdown('```yaml {"file":"/etc/x"}\nkind: Pod\n```').ok).toBe(false);
  });
});

describe('toMarkdown', () => {
  const nb: Notebook = {
    format: 'podbook/1',
    meta: {
      title: '6장: 파드',
      chapter: '6.1 - 6.2',
      presenter: '유지민',
      date: '24.09.28',
      tags: ['pod', 'sidecar'],
      source: 'note.md',
      extra: { 장소: '온라인', 'odd key': 'yes: no' },
    },
    cells: [
      { type: 'markdown', id: 'intro', source: '## 6.1 시작\n\n> [!TIP] 제목\n> 본문  ' },
      { type: 'markdown', id: 'md-2', source: '두 번째 마크다운 셀' },
      {
        type: 'command',
        id: 'exec-it',
        lang: 'kubectl',
        source: '# 셸\nkubectl exec -it my-nginx-pod -- sh',
        interactive: ['hostname', 'exit'],
        outputs: [],
      },
      {
        type: 'command',
        id: 'jp',
        lang: 'sh',
        source: "kubectl get pod x -o jsonpath='{.spec}' | grep a \\\n  && cat <<EOF\n```\nEOF",
        expected: 'docker://abc',
        outputs: [],
      },
      { type: 'command', id: 'nl', lang: 'kubectl', source: 'kubectl get pods', expected: 'NAME\n\nx\n', outputs: [] },
      { type: 'manifest', id: 'tabs', file: 'ch06/nginx-pod.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n\n', outputs: [] },
      { type: 'markdown', id: 'md-3', source: '```\n코드처럼 보이는 글\n```' },
      {
        type: 'quiz',
        id: 'quiz-cell',
        quiz: { id: 'ready', kind: 'multiple', question: 'READY 1/1은?', choices: ['a', 'b', 'c'], answer: [0, 2], explanation: '설명', hint: '힌트' },
      },
      { type: 'quiz', id: 'predict', quiz: { id: 'predict', kind: 'predict', question: '출력은?', command: 'kubectl get pods', setup: ['kubectl run x --image=nginx'], explanation: '…' } },
      {
        type: 'exercise',
        id: 'lab',
        exercise: {
          id: 'lab',
          title: 'whoami',
          task: '만드세요',
          hints: ['create deployment'],
          checks: [
            { id: 'c1', kind: 'jsonpath', resource: 'deploy', name: 'whoami', path: '{.spec.replicas}', op: 'ge', value: 2, description: '레플리카 2개 이상' },
            { id: 'c2', kind: 'hostnameIsPod', target: 'deploy/whoami', port: 8080, description: '호스트 이름이 파드 이름' },
          ],
          solution: ['kubectl create deployment whoami --image=kiamol/ch02-whoami'],
        },
      },
    ],
  };

  it('round-trips every cell type, id, expected output and meta through Podbook markdown', () => {
    const back = parseNotebookMarkdown(toMarkdown(nb));
    expect(back.ok && back.value).toEqual(nb);
  });

  it('drops outputs and execution records, which live in the .ipynb', () => {
    const ran: Notebook = {
      ...nb,
      cells: [
        {
          type: 'command',
          id: 'ran',
          lang: 'kubectl',
          source: 'kubectl get pods',
          outputs: [{ output_type: 'stream', name: 'stdout', text: 'No resources found\n' }],
          execution: { count: 1, durationMs: 12, exitCode: 0 },
        },
      ],
    };
    const back = parseNotebookMarkdown(toMarkdown(ran));
    expect(back.ok && back.value.cells).toEqual([{ type: 'command', id: 'ran', lang: 'kubectl', source: 'kubectl get pods', outputs: [] }]);
  });

  it('writes a cell marker only where a markdown id could not be derived back', () => {
    const md = toMarkdown(nb);
    expect(md.match(/<!-- cell .* -->/g)).toEqual(['<!-- cell {"id":"intro"} -->', '<!-- cell {"id":"md-2"} -->']);
    expect(md).toContain('````sh {"id":"jp"}\n');
    expect(md).toContain('```output {"for":"jp","newline":false}\ndocker://abc\n```');
    expect(md).toContain('```output {"for":"nl"}\nNAME\n\nx\n```');
    expect(md).toContain('```quiz {"id":"quiz-cell"}\n');
    expect(md).toContain('```quiz\nid: predict\n');
  });
});
