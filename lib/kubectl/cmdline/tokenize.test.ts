import { describe, expect, it } from 'vitest';
import {
  expandStage,
  expandStageAsync,
  expandWord,
  parseCommandLine,
  stripPrompt,
  stripZshEolMark,
  type Pipeline,
  type Stage,
  type WordPart,
} from './tokenize';

function pipelines(text: string, env: Record<string, string> = {}): Pipeline[] {
  const r = parseCommandLine(text, { env });
  if (!r.ok) throw new Error(`${r.line}: ${r.error}`);
  return r.pipelines;
}

function argvOf(text: string, env: Record<string, string> = {}): string[] | null {
  const p = pipelines(text, env);
  expect(p).toHaveLength(1);
  expect(p[0].stages).toHaveLength(1);
  return p[0].stages[0].argv;
}

function stages(text: string): Stage[] {
  const p = pipelines(text);
  expect(p).toHaveLength(1);
  return p[0].stages;
}

function error(text: string): { error: string; line: number } {
  const r = parseCommandLine(text);
  if (r.ok) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
  return { error: r.error, line: r.line };
}

// Expected argv vectors below were checked against bash 5.2 (`p(){ printf '%s\0' "$@"; }; p …`).
describe('parseCommandLine splits words as bash does', () => {
  it('keeps single-quoted text literal', () => {
    expect(argvOf(`kubectl get pod hello-kiamol -o jsonpath='{.status.containerStatuses[0].containerID}'`)).toEqual([
      'kubectl',
      'get',
      'pod',
      'hello-kiamol',
      '-o',
      'jsonpath={.status.containerStatuses[0].containerID}',
    ]);
    expect(argvOf(`echo '$HOME' 'a\\b' '"'`, { HOME: '/h' })).toEqual(['echo', '$HOME', 'a\\b', '"']);
  });

  it('keeps sh -c with a quoted redirection as one argv word', () => {
    expect(argvOf(`kubectl exec deploy/hello-kiamol-4 -- sh -c 'wget -O - http://localhost > /dev/null'`)).toEqual([
      'kubectl',
      'exec',
      'deploy/hello-kiamol-4',
      '--',
      'sh',
      '-c',
      'wget -O - http://localhost > /dev/null',
    ]);
  });

  it('handles escapes inside double quotes and leaves other backslashes alone', () => {
    expect(argvOf(String.raw`echo "\$x" "\`" "\"q\"" "a\\b" "a\b"`)).toEqual(['echo', '$x', '`', '"q"', 'a\\b', 'a\\b']);
  });

  it('handles backslash escapes outside quotes', () => {
    expect(argvOf(String.raw`echo a\ b \# \$HOME a\\b`)).toEqual(['echo', 'a b', '#', '$HOME', 'a\\b']);
  });

  it('joins adjacent quoted and unquoted pieces into one word', () => {
    expect(argvOf(`echo "a b"'c d'e\\ f`)).toEqual(['echo', 'a bc de f']);
  });

  it('keeps empty quoted arguments', () => {
    expect(argvOf(`echo "" '' a""`)).toEqual(['echo', '', '', 'a']);
  });

  it('reads ANSI-C $\'…\' escapes and $"…" as double quotes', () => {
    expect(argvOf(`echo $'a\\tb\\n' $'it\\'s' $"x"`)).toEqual(['echo', 'a\tb\n', "it's", 'x']);
  });

  it('joins \\+newline continuations, inside double quotes too', () => {
    expect(argvOf('kubectl get pods \\\n  -n kube-system \\\n  -o wide')).toEqual([
      'kubectl',
      'get',
      'pods',
      '-n',
      'kube-system',
      '-o',
      'wide',
    ]);
    expect(argvOf('echo "a\\\nb" c\\\nd')).toEqual(['echo', 'ab', 'cd']);
    expect(argvOf("echo 'a\\\nb'")).toEqual(['echo', 'a\\\nb']);
  });

  it('starts a comment only at a word start', () => {
    expect(argvOf('kubectl get pods # 모든 파드')).toEqual(['kubectl', 'get', 'pods']);
    expect(argvOf('echo a#b "#" x;#c')).toEqual(['echo', 'a#b', '#', 'x']);
    expect(pipelines('# 파드 목록\n\n# 끝')).toEqual([]);
  });

  it('expands $VAR and ${VAR} from the caller’s environment, unknown names to nothing', () => {
    const env = { NS: 'kube-system', POD: 'a b' };
    expect(argvOf('kubectl get pods -n $NS ${NS}x "$NOPE" $NOPE', env)).toEqual([
      'kubectl',
      'get',
      'pods',
      '-n',
      'kube-system',
      'kube-systemx',
      '',
    ]);
    // unquoted results are split on blanks, quoted ones are not
    expect(argvOf('echo $POD "$POD"', env)).toEqual(['echo', 'a', 'b', 'a b']);
    expect(argvOf('echo ${NOPE:-def ault} "${NOPE:-x y}" ${NS:+set} ${NS-unset}', env)).toEqual([
      'echo',
      'def',
      'ault',
      'x y',
      'set',
      'kube-system',
    ]);
    expect(argvOf('echo $ "$" a$ $?', { '?': '0' })).toEqual(['echo', '$', '$', 'a$', '0']);
  });

  it('performs brace expansion but no globbing and no tilde expansion', () => {
    expect(argvOf('kubectl delete pod/{a,b} x{1..3} {a} "{a,b}" * ~')).toEqual([
      'kubectl',
      'delete',
      'pod/a',
      'pod/b',
      'x1',
      'x2',
      'x3',
      '{a}',
      '{a,b}',
      '*',
      '~',
    ]);
    expect(argvOf('echo {05..10..2} {a..c}{1,2}')).toEqual(['echo', '05', '07', '09', 'a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
  });

  it('records NAME=value words before the command as assignments', () => {
    const [s] = stages('KUBECONFIG=/tmp/k NS=x kubectl get pods A=1');
    expect(s.assignments.map((a) => [a.name, a.value.text])).toEqual([
      ['KUBECONFIG', '/tmp/k'],
      ['NS', 'x'],
    ]);
    expect(s.argv).toEqual(['kubectl', 'get', 'pods', 'A=1']);
    const [only] = stages('export NS=kube-system');
    expect(only.argv).toEqual(['export', 'NS=kube-system']);
    const [bare] = stages('NS=kube-system');
    expect([bare.argv, bare.assignments[0].name]).toEqual([[], 'NS']);
  });

  it('keeps the original text of each stage and pipeline, without a trailing comment', () => {
    const [p] = pipelines('  kubectl get pods  |  head -n 4   # 앞의 4줄');
    expect(p.text).toBe('kubectl get pods  |  head -n 4');
    expect(p.stages.map((s) => s.text)).toEqual(['kubectl get pods', 'head -n 4']);
    expect([p.start, p.end]).toEqual([2, 32]);
  });
});

describe('parseCommandLine builds pipelines and lists', () => {
  it('splits | head -n 4 into stages', () => {
    const s = stages('wget -O - http://localhost | head -n 4');
    expect(s.map((x) => x.argv)).toEqual([
      ['wget', '-O', '-', 'http://localhost'],
      ['head', '-n', '4'],
    ]);
  });

  it('parses pipes to grep and wc -l', () => {
    const s = stages("kubectl get pods | grep 'hello-kiamol' | wc -l");
    expect(s.map((x) => x.argv)).toEqual([['kubectl', 'get', 'pods'], ['grep', 'hello-kiamol'], ['wc', '-l']]);
  });

  it('allows a newline after |, && and ||', () => {
    const p = pipelines('kubectl get pods |\n  grep web &&\n  echo found ||\n  echo none');
    expect(p.map((x) => [x.stages.map((s) => s.argv), x.runIf])).toEqual([
      [[['kubectl', 'get', 'pods'], ['grep', 'web']], 'always'],
      [[['echo', 'found']], 'success'],
      [[['echo', 'none']], 'failure'],
    ]);
  });

  it('separates commands by newlines and ;, and marks & as background', () => {
    const p = pipelines('mkdir -p /tmp/kiamol/ch02; cd ch02\nkubectl port-forward deploy/whoami 8080:80 &\ncurl http://localhost:8080');
    expect(p.map((x) => [x.stages[0].argv, x.runIf, x.background, x.line])).toEqual([
      [['mkdir', '-p', '/tmp/kiamol/ch02'], 'always', false, 1],
      [['cd', 'ch02'], 'always', false, 1],
      [['kubectl', 'port-forward', 'deploy/whoami', '8080:80'], 'always', true, 2],
      [['curl', 'http://localhost:8080'], 'always', false, 3],
    ]);
  });

  it('reads ! as negation of a pipeline', () => {
    const [p] = pipelines('! kubectl get pod gone');
    expect([p.negated, p.stages[0].argv]).toEqual([true, ['kubectl', 'get', 'pod', 'gone']]);
  });

  it('reads CRLF line ends as LF', () => {
    expect(pipelines('kubectl get pods\r\nkubectl get deploy\r\n').map((p) => p.stages[0].argv)).toEqual([
      ['kubectl', 'get', 'pods'],
      ['kubectl', 'get', 'deploy'],
    ]);
  });
});

describe('parseCommandLine reads redirections', () => {
  it('parses > /dev/null, > file, 2>&1 and 2>/dev/null', () => {
    const [s] = stages('kubectl get pods > /dev/null 2>&1 >pods.txt 2>/dev/null >> log');
    expect(s.argv).toEqual(['kubectl', 'get', 'pods']);
    expect(s.redirects.map((r) => [r.op, r.fd, r.value])).toEqual([
      ['>', 1, '/dev/null'],
      ['>&', 2, '1'],
      ['>', 1, 'pods.txt'],
      ['>', 2, '/dev/null'],
      ['>>', 1, 'log'],
    ]);
  });

  it('parses &>, < and a here-string', () => {
    const [s] = stages('kubectl apply -f - < pod.yaml &> out.txt <<< "x y"');
    expect(s.redirects.map((r) => [r.op, r.fd, r.value])).toEqual([
      ['<', 0, 'pod.yaml'],
      ['&>', 1, 'out.txt'],
      ['<<<', 0, 'x y'],
    ]);
  });

  it('treats 2&>x as the word 2 followed by &>', () => {
    const [s] = stages('echo 2&>x');
    expect([s.argv, s.redirects.map((r) => r.op)]).toEqual([['echo', '2'], ['&>']]);
  });

  it('turns |& into 2>&1 on the left stage', () => {
    const s = stages('kubectl logs web |& grep error');
    expect(s[0].redirects.map((r) => [r.op, r.fd, r.value])).toEqual([['>&', 2, '1']]);
    expect(s[1].argv).toEqual(['grep', 'error']);
  });

  it('reads a here-document into the stage’s stdin, expanding it when the delimiter is unquoted', () => {
    const text = 'cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: $NS\nEOF\nkubectl get ns';
    const r = parseCommandLine(text, { env: { NS: 'lab' } });
    if (!r.ok) throw new Error(r.error);
    expect(r.pipelines).toHaveLength(2);
    const [cat, apply] = r.pipelines[0].stages;
    expect(cat.argv).toEqual(['cat']);
    expect(cat.redirects[0].op).toBe('<<');
    expect(cat.redirects[0].heredoc).toEqual({ delimiter: 'EOF', quoted: false, stripTabs: false });
    expect(cat.redirects[0].value).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: lab\n');
    expect(apply.argv).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(r.pipelines[1].stages[0].argv).toEqual(['kubectl', 'get', 'ns']);
  });

  it('keeps a quoted-delimiter here-document literal and strips tabs for <<-', () => {
    const r = parseCommandLine("cat <<'EOF'\nname: $NS \"q\"\nEOF\ncat <<-END\n\t\tindented\n\tEND\n", { env: { NS: 'x' } });
    if (!r.ok) throw new Error(r.error);
    expect(r.pipelines[0].stages[0].redirects[0].value).toBe('name: $NS "q"\n');
    expect(r.pipelines[1].stages[0].redirects[0].value).toBe('indented\n');
  });

  it('warns like bash about a here-document cut off by the end of the text', () => {
    const r = parseCommandLine('cat <<EOF\nabc');
    expect(r).toMatchObject({ ok: true, warnings: ["here-document at line 1 delimited by end-of-file (wanted `EOF')"] });
    if (r.ok) expect(r.pipelines[0].stages[0].redirects[0].value).toBe('abc\n');
  });
});

describe('parseCommandLine keeps command substitutions as structured nodes', () => {
  const line =
    'docker container rm -f $(docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol)';

  it('nests the inner command line of $(...)', () => {
    const [s] = stages(line);
    expect(s.argv).toBeNull();
    expect(s.words.map((w) => w.text)).toEqual([
      'docker',
      'container',
      'rm',
      '-f',
      '$(docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol)',
    ]);
    const sub = s.words[4].parts[0] as Extract<WordPart, { type: 'command' }>;
    expect(sub).toMatchObject({
      type: 'command',
      source: 'docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol',
      quoted: false,
      backquoted: false,
    });
    expect(sub.pipelines.map((p) => p.stages.map((x) => x.argv))).toEqual([
      [['docker', 'container', 'ls', '-q', '--filter', 'label=io.kubernetes.container.name=hello-kiamol']],
    ]);
  });

  it('splices the output, split on whitespace unless quoted, with trailing newlines removed', () => {
    const [s] = stages(line);
    const ran: string[] = [];
    const expanded = expandStage(s, {
      substitute: (part) => {
        ran.push(part.source);
        return '4f2a1c0e9b7d\n8c3b2a1f0e9d\n';
      },
    });
    expect(expanded.argv).toEqual(['docker', 'container', 'rm', '-f', '4f2a1c0e9b7d', '8c3b2a1f0e9d']);
    expect(ran).toHaveLength(1);
    const [q] = stages('echo "id=$(docker ps -q)" `echo a  b`');
    expect(expandStage(q, { substitute: (p) => (p.backquoted ? 'a  b\n' : 'x\ny\n\n') }).argv).toEqual([
      'echo',
      'id=x\ny',
      'a',
      'b',
    ]);
  });

  it('drops an unquoted substitution that prints nothing', () => {
    const [s] = stages('docker container rm -f $(docker container ls -q)');
    expect(expandStage(s, { substitute: () => '' }).argv).toEqual(['docker', 'container', 'rm', '-f']);
  });

  it('runs substitutions asynchronously in order', async () => {
    const [s] = stages('echo $(echo one) "$(echo two)" > $(echo file)');
    const order: string[] = [];
    const out = await expandStageAsync(s, {
      substitute: async (p) => {
        order.push(p.source);
        return `${p.source.slice(5)}\n`;
      },
    });
    expect(order).toEqual(['echo one', 'echo two', 'echo file']);
    expect(out.argv).toEqual(['echo', 'one', 'two']);
    expect(out.redirects).toEqual([{ op: '>', fd: 1, target: 'file' }]);
  });

  it('parses quotes, pipes and nested substitutions inside $(...)', () => {
    const [s] = stages(`kubectl logs $(kubectl get pods -l 'app=web' -o name | head -n 1) -c "$(echo "web")"`);
    const sub = s.words[2].parts[0] as Extract<WordPart, { type: 'command' }>;
    expect(sub.pipelines[0].stages.map((x) => x.argv)).toEqual([
      ['kubectl', 'get', 'pods', '-l', 'app=web', '-o', 'name'],
      ['head', '-n', '1'],
    ]);
    const quoted = s.words[4].parts.find((p) => p.type === 'command') as Extract<WordPart, { type: 'command' }>;
    expect([quoted.quoted, quoted.source]).toEqual([true, 'echo "web"']);
  });

  it('expands a single word on its own', () => {
    const [s] = stages('echo "$A"x$B');
    expect(expandWord(s.words[1], { env: { A: '1 2', B: '3 4' } })).toEqual(['1 2x3', '4']);
  });
});

// Messages and line numbers checked against `bash -n -c '…'` (bash 5.2).
describe('parseCommandLine reports syntax errors as bash does', () => {
  it('reports unterminated quotes at the line they open on', () => {
    expect(error("echo 'abc")).toEqual({ error: "unexpected EOF while looking for matching `''", line: 1 });
    expect(error('x\necho "abc\nd\ne')).toEqual({ error: 'unexpected EOF while looking for matching `"\'', line: 2 });
    expect(error('x\necho `abc\nd')).toEqual({ error: "unexpected EOF while looking for matching ``'", line: 2 });
    expect(error('x\necho ${abc\nd')).toEqual({ error: "unexpected EOF while looking for matching `}'", line: 2 });
  });

  it('reports an unterminated $( at the end of the text', () => {
    expect(error('echo $(abc')).toEqual({ error: "unexpected EOF while looking for matching `)'", line: 2 });
    expect(error('x\necho $(abc\nd')).toEqual({ error: "unexpected EOF while looking for matching `)'", line: 4 });
  });

  it('reports misplaced operators', () => {
    expect(error('| head')).toEqual({ error: "syntax error near unexpected token `|'", line: 1 });
    expect(error('a | | b')).toEqual({ error: "syntax error near unexpected token `|'", line: 1 });
    expect(error('a && && b')).toEqual({ error: "syntax error near unexpected token `&&'", line: 1 });
    expect(error('a ;; b')).toEqual({ error: "syntax error near unexpected token `;;'", line: 1 });
    expect(error('; a')).toEqual({ error: "syntax error near unexpected token `;'", line: 1 });
    expect(error('a & & b')).toEqual({ error: "syntax error near unexpected token `&'", line: 1 });
    expect(error('echo a)')).toEqual({ error: "syntax error near unexpected token `)'", line: 1 });
    expect(error('echo a (b)')).toEqual({ error: "syntax error near unexpected token `('", line: 1 });
    expect(error('x\n| a')).toEqual({ error: "syntax error near unexpected token `|'", line: 2 });
    expect(error('then')).toEqual({ error: "syntax error near unexpected token `then'", line: 1 });
  });

  it('reports a redirection without a target', () => {
    expect(error('a > ')).toEqual({ error: "syntax error near unexpected token `newline'", line: 1 });
    expect(error('a 2>&')).toEqual({ error: "syntax error near unexpected token `newline'", line: 1 });
    expect(error('x\na > \nb')).toEqual({ error: "syntax error near unexpected token `newline'", line: 2 });
    expect(error('a > | b')).toEqual({ error: "syntax error near unexpected token `|'", line: 1 });
  });

  it('reports a pipe or list left open at the end as an unexpected end of file', () => {
    expect(error('a |')).toEqual({ error: 'syntax error: unexpected end of file', line: 2 });
    expect(error('a &&\n\n\n')).toEqual({ error: 'syntax error: unexpected end of file', line: 4 });
  });

  it('refuses compound commands and arithmetic instead of half-parsing them', () => {
    expect(error('for p in a b; do kubectl delete pod $p; done').error).toBe(
      "shell compound commands (`for') are not supported",
    );
    expect(error('while true; do kubectl get pods; sleep 1; done').error).toBe(
      "shell compound commands (`while') are not supported",
    );
    expect(error('(cd ch02 && kubectl apply -f pod.yaml)').error).toBe("subshells `( … )' are not supported");
    expect(error('echo $((1+2))').error).toBe("arithmetic expansion `$(( … ))' is not supported");
    expect(error('echo ${}').error).toBe('${}: bad substitution');
  });
});

describe('stripPrompt', () => {
  it('removes the prompts notes copy in front of commands', () => {
    expect(stripPrompt('$ kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('% kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('PS C:\\Users\\me\\kiamol\\ch02> kubectl apply -f pod.yaml')).toBe('kubectl apply -f pod.yaml');
    expect(stripPrompt('PS> kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('C:\\kiamol>kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('user@ubuntu:~/kiamol/ch02$ kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('root@hello-kiamol:/# hostname -i')).toBe('hostname -i');
    expect(stripPrompt('me@MacBook-Pro ch02 % kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('[ec2-user@ip-10-0-0-1 ~]$ kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('/ # wget -O - http://localhost | head -n 4')).toBe('wget -O - http://localhost | head -n 4');
    expect(stripPrompt('/usr/share/nginx/html # ls')).toBe('ls');
    expect(stripPrompt('➜  ch02 git:(master) ✗ kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('❯ kubectl get pods')).toBe('kubectl get pods');
  });

  it('leaves commands without a prompt alone', () => {
    expect(stripPrompt('kubectl get pods')).toBe('kubectl get pods');
    expect(stripPrompt('$(docker ps -q)')).toBe('$(docker ps -q)');
    expect(stripPrompt('# 주석')).toBe('# 주석');
  });

  it('strips zsh’s end-of-line mark from captured output', () => {
    expect(stripZshEolMark('{"app":"hello-kiamol-2"}%')).toEqual({ text: '{"app":"hello-kiamol-2"}', hadMark: true });
    expect(stripZshEolMark('pod/x created\n')).toEqual({ text: 'pod/x created\n', hadMark: false });
  });
});
