import { describe, expect, it } from 'vitest';
import { importNote } from './importer';
import type { CommandCell, Notebook } from './schema';

function imported(text: string, fileName?: string): Notebook {
  const r = importNote(text, { fileName });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

const cmds = (nb: Notebook) => nb.cells.filter((c): c is CommandCell => c.type === 'command');
const pick = (c: CommandCell) => ({ source: c.source, lang: c.lang, expected: c.expected });

describe('importNote: command blocks', () => {
  it('splits a `$ ` transcript into one cell per command with the unprompted lines as its output', () => {
    const nb = imported('```console\n$ kubectl get pods\nNo resources found in default namespace.\n$ kubectl run web --image=nginx\npod/web created\n```\n');
    expect(cmds(nb).map(pick)).toEqual([
      { source: 'kubectl get pods', lang: 'kubectl', expected: 'No resources found in default namespace.\n' },
      { source: 'kubectl run web --image=nginx', lang: 'kubectl', expected: 'pod/web created\n' },
    ]);
  });

  it('reads PowerShell and zsh prompts in an unlabeled block, and drops zsh\'s `%` after output without a newline', () => {
    const nb = imported(
      [
        '```',
        'PS C:\\Users\\me\\kiamol\\ch02> kubectl get pod hello -o jsonpath=\'{.status.podIP}\'',
        '10.1.0.43%',
        'me@MacBook-Pro ch02 % kubectl get pods',
        'NAME    READY   STATUS    RESTARTS   AGE',
        'hello   1/1     Running   0          5m',
        '```',
      ].join('\n'),
    );
    expect(cmds(nb).map(pick)).toEqual([
      { source: "kubectl get pod hello -o jsonpath='{.status.podIP}'", lang: 'kubectl', expected: '10.1.0.43' },
      {
        source: 'kubectl get pods',
        lang: 'kubectl',
        expected: 'NAME    READY   STATUS    RESTARTS   AGE\nhello   1/1     Running   0          5m\n',
      },
    ]);
  });

  it('keeps a `%` that ends a percentage column of ordinary output', () => {
    const nb = imported('```\n$ kubectl top node\nNAME   CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%\nnode   250m         12%    1000Mi          25%\n```\n');
    expect(cmds(nb)[0].expected).toBe('NAME   CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%\nnode   250m         12%    1000Mi          25%\n');
  });

  it('splits a block with two commands, each under its own `# 결과`, into two cells with their comments', () => {
    const nb = imported(
      '```\n# 파드 실행\nkubectl run a --image=nginx\n\n# 결과\npod/a created\n\n# 목록\nkubectl get pods\n\n# 결과\nNAME   READY\na      1/1\n```\n',
    );
    expect(cmds(nb).map(pick)).toEqual([
      { source: '# 파드 실행\nkubectl run a --image=nginx', lang: 'kubectl', expected: 'pod/a created\n' },
      { source: '# 목록\nkubectl get pods', lang: 'kubectl', expected: 'NAME   READY\na      1/1\n' },
    ]);
  });

  it('makes a block with shims or pipes an `sh` cell and keeps `\\` continuations in one command', () => {
    const nb = imported('```bash\nkubectl get pods \\\n  -o wide\ncurl localhost:8080 | grep Hello\n```\n');
    expect(cmds(nb).map(pick)).toEqual([{ source: 'kubectl get pods \\\n  -o wide\ncurl localhost:8080 | grep Hello', lang: 'sh', expected: undefined }]);
  });

  it('reads an interactive exec transcript: container-prompt lines become `interactive`, their output `expected`', () => {
    const nb = imported(
      [
        '```',
        'kubectl run web --image=nginx',
        '# 파드 안으로 들어간다',
        'kubectl exec -it web -- bash',
        'root@web:/# hostname',
        'web',
        'root@web:/# exit',
        'kubectl get pods',
        '```',
      ].join('\n'),
    );
    expect(cmds(nb).map((c) => ({ ...pick(c), interactive: c.interactive }))).toEqual([
      { source: 'kubectl run web --image=nginx', lang: 'kubectl', expected: undefined, interactive: undefined },
      { source: '# 파드 안으로 들어간다\nkubectl exec -it web -- bash', lang: 'kubectl', expected: 'web\n', interactive: ['hostname', 'exit'] },
      { source: 'kubectl get pods', lang: 'kubectl', expected: undefined, interactive: undefined },
    ]);
  });

  it('leaves an unlabeled block of prose in the markdown, even when a line mentions kubectl', () => {
    const nb = imported('```\n예시)\nkubectl을 쓰면 파드를 볼 수 있다.\n```\n');
    expect(nb.cells).toEqual([{ type: 'markdown', id: 'md-1', source: '```\n예시)\nkubectl을 쓰면 파드를 볼 수 있다.\n```' }]);
  });

  it('treats the fence after a `Cmd` marker as code even when it mixes commands with other lines', () => {
    const nb = imported('Cmd **실행**\n*ref.* [[책.pdf#page=66]]\n```\ncd ch02\nvi pod.yaml\nkubectl apply -f pod.yaml\n```\n');
    expect(cmds(nb).map((c) => c.source)).toEqual(['cd ch02\nvi pod.yaml\nkubectl apply -f pod.yaml']);
    expect(nb.cells[0]).toMatchObject({ type: 'markdown', source: 'Cmd **실행**\n*ref.* [[책.pdf#page=66]]' });
  });
});

describe('importNote: manifests', () => {
  it('names a manifest after the file a later command applies, and keeps its YAML comments', () => {
    const nb = imported('```yaml\n# 웹 파드\napiVersion: v1\nkind: Pod # 종류\nmetadata:\n  name: web\n```\n\n```sh\nkubectl apply -f web.yaml\n```\n');
    expect(nb.cells[0]).toEqual({
      type: 'manifest',
      id: 'manifest-1-web',
      file: 'web.yaml',
      source: '# 웹 파드\napiVersion: v1\nkind: Pod # 종류\nmetadata:\n  name: web',
      outputs: [],
    });
  });

  it('names a manifest no command applies after its name and kind', () => {
    const nb = imported('```\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: whoami\n```\n');
    expect(nb.cells[0]).toMatchObject({ type: 'manifest', file: 'whoami-deployment.yaml', id: 'manifest-1-whoami-deployment' });
  });

  it('keeps a `yaml` block that is not a Kubernetes object in the prose', () => {
    const nb = imported('```yaml\nservices:\n  web:\n    image: nginx\n```\n');
    expect(nb.cells.map((c) => c.type)).toEqual(['markdown']);
  });
});

describe('importNote: inline commands in prose', () => {
  it('adds a command cell after the paragraph or whole list that mentions a complete kubectl command', () => {
    const nb = imported('파드를 보려면\n\n- `kubectl get pods`를 쓴다\n- `kubectl get pods -o wide`도 있다\n\n다음 문단\n');
    expect(nb.cells.map((c) => [c.type, c.type === 'markdown' ? c.source : c.type === 'command' ? c.source : ''])).toEqual([
      ['markdown', '파드를 보려면\n\n- `kubectl get pods`를 쓴다\n- `kubectl get pods -o wide`도 있다'],
      ['command', 'kubectl get pods'],
      ['command', 'kubectl get pods -o wide'],
      ['markdown', '다음 문단'],
    ]);
  });

  it('skips verbs mentioned without arguments and commands the note already runs in a block', () => {
    const nb = imported('`kubectl run`과 `kubectl describe`, `kubectl wait --for=condition=Ready`를 보자. `kubectl get pods`\n\n```\nkubectl get pods\n```\n');
    expect(cmds(nb).map((c) => c.source)).toEqual(['kubectl get pods']);
  });

  it('leaves a command whose placeholder names no pod of the note in the prose and warns about it', () => {
    const r = importNote('`kubectl logs <pod-name>`으로 로그를 본다\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.cells.map((c) => c.type)).toEqual(['markdown']);
    expect(r.warnings).toEqual([
      {
        line: 1,
        message:
          '본문의 `kubectl logs <pod-name>`에는 채울 수 없는 자리표시자가 있어 셀로 만들지 않았습니다 / inline `kubectl logs <pod-name>` keeps a placeholder and was not made a cell',
      },
    ]);
  });

  it('fills `<pod-name>` with the pod a `kubectl run` created earlier', () => {
    const nb = imported('```\nkubectl run web --image=nginx\n```\n\n`kubectl logs <pod-name>`\n');
    expect(cmds(nb).map((c) => c.source)).toEqual(['kubectl run web --image=nginx', '# 노트 본문: kubectl logs <pod-name>\nkubectl logs web']);
  });
});

describe('importNote: fences nested in lists and callouts', () => {
  it('adds the commands of a fence inside a list item after the list, with their output, and keeps the list whole', () => {
    const note = '- 파드 목록\n  ```\n  kubectl get pods\n\n  # 결과\n  No resources found in default namespace.\n  ```\n- 다음 항목\n';
    const nb = imported(note);
    expect(nb.cells.map((c) => c.type)).toEqual(['markdown', 'command']);
    expect(nb.cells[0]).toMatchObject({ source: note.trimEnd() });
    expect(pick(cmds(nb)[0])).toEqual({ source: 'kubectl get pods', lang: 'kubectl', expected: 'No resources found in default namespace.\n' });
  });

  it('reads a fence inside a callout, but leaves a callout fence of prose alone', () => {
    const nb = imported('> [!TIP] 해 보기\n> ```bash\n> kubectl get nodes\n> ```\n\n> ```\n> 예시)\n> 레이블 `release=20.04`\n> ```\n');
    expect(cmds(nb).map((c) => c.source)).toEqual(['kubectl get nodes']);
    expect(nb.cells.map((c) => c.type)).toEqual(['markdown', 'command', 'markdown']);
  });

  it('reads an inline command written with a prompt', () => {
    expect(cmds(imported('먼저 `$ kubectl get pods -A`를 실행한다\n')).map((c) => c.source)).toEqual(['kubectl get pods -A']);
  });
});

describe('importNote: the note around the cells', () => {
  it('maps Korean frontmatter keys to meta and keeps unknown keys as written', () => {
    const nb = imported('---\n챕터: 6.1 - 6.2\n발제: 유지민\n일자: 24.09.28\n장소: 온라인\n---\n## 6.1 시작\n', 'note.md');
    expect(nb.meta).toEqual({
      title: '6.1 시작',
      chapter: '6.1 - 6.2',
      presenter: '유지민',
      date: '24.09.28',
      extra: { 장소: '온라인' },
      source: 'note.md',
    });
  });

  it('keeps callouts, wikilinks, page references and images verbatim', () => {
    const prose = '> [!TIP] 그럼 외부에서는?\n>\n> ⇒ `서비스`\n\n*ref.* [[쿠버네티스-Ch1.pdf#page=51]]\n\n![[레이블.png]]\n![](./images/a.png)';
    expect(imported(prose).cells).toEqual([{ type: 'markdown', id: 'md-1', source: prose }]);
  });

  it('drops the `%` zsh printed after a note without a final newline, but keeps a final percentage', () => {
    expect(imported('파드라고 할 수 있음%').cells[0]).toMatchObject({ source: '파드라고 할 수 있음' });
    expect(imported('진도율 100%').cells[0]).toMatchObject({ source: '진도율 100%' });
  });

  it('uses the first H1, then the first heading, then the file name as the title', () => {
    expect(imported('## 둘\n\n# 하나\n').meta.title).toBe('하나');
    expect(imported('### 셋\n').meta.title).toBe('셋');
    expect(imported('글만 있다\n', 'notes/ch02-pods.md').meta).toMatchObject({ title: 'ch02-pods', source: 'notes/ch02-pods.md' });
  });

  it('gives the same ids when the same note is imported twice', () => {
    const note = '# 제목\n\n```\nkubectl get pods\n```\n\n```\nkubectl get pods\n```\n';
    const ids = imported(note).cells.map((c) => c.id);
    expect(ids).toEqual(['md-1', 'cmd-1-get-pods', 'cmd-2-get-pods']);
    expect(imported(note).cells.map((c) => c.id)).toEqual(ids);
  });

  it('never throws, whatever the note', () => {
    const odd = ['```', '---\n: [\n---\nx', '> ```\n> kubectl', '\u0000%', '`kubectl exec -it <pod-name>`', '```yaml\nkind: Pod\napiVersion: v1\nmetadata: [\n```', '- ```\n  $ kubectl get pods\n'];
    for (const t of odd) expect(() => importNote(t)).not.toThrow();
  });

  it('refuses an empty note and a note with nothing but frontmatter', () => {
    expect(importNote('  \n\n')).toEqual({ ok: false, errors: [{ message: '노트가 비어 있습니다 / the note is empty' }] });
    expect(importNote('---\n발제: 나\n---\n')).toEqual({
      ok: false,
      errors: [{ message: '노트에 내용이 없습니다 (frontmatter뿐입니다) / the note has nothing in it but frontmatter' }],
    });
  });
});
