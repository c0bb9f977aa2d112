import { describe, expect, it } from 'vitest';
import { lookupFlag, noOptDefaultOf, type FlagTable } from './flags';
import { GLOBAL_FLAGS, KUBECTL_LOCAL_FLAGS, flagTableFor } from './kubectl-flags';
import { findCommand, resolveKubectl, suggestCommands } from './resolve';

function run(argv: string[]) {
  const inv = resolveKubectl(argv);
  if (inv.kind !== 'run') throw new Error(`${inv.kind}: ${inv.kind === 'error' ? inv.stderr : ''}`);
  return inv;
}

function stderr(argv: string[]): string {
  const inv = resolveKubectl(argv);
  if (inv.kind !== 'error') throw new Error(`expected an error, got ${inv.kind}`);
  expect(inv.exitCode).toBe(1);
  return inv.stderr;
}

// Every stderr below is byte for byte what kubectl v1.32.5 printed with KUBECONFIG=/dev/null.
describe('resolveKubectl prints kubectl’s parse errors', () => {
  it('kubectl get pods --foo', () => {
    expect(stderr(['get', 'pods', '--foo'])).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
  });

  it('kubectl get pods -z', () => {
    expect(stderr(['get', 'pods', '-z'])).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it('kubectl get pods -n and --namespace without a value', () => {
    expect(stderr(['get', 'pods', '-n'])).toBe(
      "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
    );
    expect(stderr(['get', 'pods', '--namespace'])).toBe(
      "error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n",
    );
  });

  it('kubectl scale deploy x --replicas=x and kubectl create deployment x --replicas=abc name the flag differently', () => {
    expect(stderr(['scale', 'deploy', 'x', '--replicas=x'])).toBe(
      'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\n' +
        "See 'kubectl scale --help' for usage.\n",
    );
    expect(stderr(['create', 'deployment', 'x', '--image=a', '--replicas=abc'])).toBe(
      'error: invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\n' +
        "See 'kubectl create deployment --help' for usage.\n",
    );
  });

  it('kubectl get pods -w=maybe and kubectl logs -p=foo x', () => {
    expect(stderr(['get', 'pods', '-w=maybe'])).toBe(
      'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n' +
        "See 'kubectl get --help' for usage.\n",
    );
    expect(stderr(['logs', '-p=foo', 'x'])).toBe(
      'error: invalid argument "foo" for "-p, --previous" flag: strconv.ParseBool: parsing "foo": invalid syntax\n' +
        "See 'kubectl logs --help' for usage.\n",
    );
  });

  it('kubectl wait pod x --timeout=abc', () => {
    expect(stderr(['wait', 'pod', 'x', '--timeout=abc'])).toBe(
      'error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\n' +
        "See 'kubectl wait --help' for usage.\n",
    );
  });

  it('names the command, not the alias typed: kubectl create deploy x --foo', () => {
    expect(stderr(['create', 'deploy', 'x', '--foo'])).toBe(
      "error: unknown flag: --foo\nSee 'kubectl create deployment --help' for usage.\n",
    );
    expect(stderr(['create', 'svc', 'clusterip', 'x', '--foo'])).toBe(
      "error: unknown flag: --foo\nSee 'kubectl create service clusterip --help' for usage.\n",
    );
  });

  it('kubectl exec mypod ls -la parses -la as kubectl flags', () => {
    expect(stderr(['exec', 'mypod', 'ls', '-la'])).toBe(
      "error: unknown shorthand flag: 'l' in -la\nSee 'kubectl exec --help' for usage.\n",
    );
  });

  it('refuses flags in front of an unknown command as kubectl’s plugin handler does', () => {
    expect(stderr(['--foo', 'get', 'pods'])).toBe('Error: flags cannot be placed before plugin name: --foo\n');
    expect(stderr(['-z', 'get', 'pods'])).toBe('Error: flags cannot be placed before plugin name: -z\n');
    expect(stderr(['--namespace=x', 'foo'])).toBe('Error: flags cannot be placed before plugin name: --namespace=x\n');
  });

  it('reports flag errors on the root as kubectl --help', () => {
    expect(stderr(['-n'])).toBe("error: flag needs an argument: 'n' in -n\nSee 'kubectl --help' for usage.\n");
    expect(stderr(['--all_namespaces', 'version'])).toBe(
      "error: unknown flag: --all_namespaces\nSee 'kubectl --help' for usage.\n",
    );
  });

  it('suggests commands for an unknown one, in kubectl’s registration order', () => {
    expect(stderr(['foo'])).toBe('error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n');
    expect(stderr(['gte'])).toBe('error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n');
    expect(stderr(['deploy'])).toBe('error: unknown command "deploy" for "kubectl"\n');
    expect(suggestCommands('rm')).toEqual(['run', 'delete', 'cp']);
    expect(suggestCommands('ps')).toEqual(['get', 'cp', 'wait']);
    expect(suggestCommands('a')).toEqual([
      'autoscale',
      'attach',
      'cp',
      'auth',
      'apply',
      'annotate',
      'api-versions',
      'api-resources',
    ]);
    expect(suggestCommands('e')).toEqual(['expose', 'set', 'explain', 'get', 'edit', 'exec', 'cp', 'events']);
    expect(suggestCommands('DESCRIBE')).toEqual(['describe']);
    expect(suggestCommands('alph')).toEqual(['auth']);
  });

  it('rejects unknown words after a group command', () => {
    expect(stderr(['rollout', 'foo', 'bar'])).toBe(
      "error: unknown command \"foo bar\"\nSee 'kubectl rollout -h' for help and examples\n",
    );
    expect(stderr(['create', 'secret', 'foo'])).toBe(
      "error: unknown command \"foo\"\nSee 'kubectl create secret -h' for help and examples\n",
    );
    expect(stderr(['config', 'foo'])).toBe("error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n");
  });

  it('prints no deprecation notice when parsing fails', () => {
    expect(stderr(['create', '--record', '--foo'])).toBe("error: unknown flag: --foo\nSee 'kubectl create --help' for usage.\n");
  });
});

describe('resolveKubectl finds the command the way cobra does', () => {
  it('finds the verb after global flags and their values', () => {
    const inv = run(['-n', 'kube-system', 'get', 'pods']);
    expect([inv.cmdPath, inv.args, inv.flags.namespace]).toEqual(['kubectl get', ['pods'], 'kube-system']);
    expect(run(['-o', 'yaml', 'get', 'pods']).flags.output).toBe('yaml');
    expect(run(['--kubeconfig=/tmp/k', 'get', 'pods']).flags.kubeconfig).toBe('/tmp/k');
  });

  it('follows aliases and reports the command names', () => {
    expect(run(['create', 'deploy', 'web', '--image=nginx']).path).toEqual(['create', 'deployment']);
    expect(run(['create', 'ns', 'lab']).path).toEqual(['create', 'namespace']);
    expect(run(['create', 'cm', 'cfg', '--from-literal=a=1']).flags['from-literal']).toEqual(['a=1']);
  });

  it('removes only the first occurrence of a subcommand name', () => {
    expect(run(['create', 'deployment', 'deployment', '--image=x']).args).toEqual(['deployment']);
  });

  it('takes -h before the verb as the root’s help, as cobra does', () => {
    const inv = run(['-h', 'get']);
    expect([inv.path, inv.flags.help]).toEqual([[], true]);
    expect(run(['get', 'pods', '--help']).flags.help).toBe(true);
  });

  it('reads underscores in flag names as dashes', () => {
    expect(run(['get', 'pods', '--all_namespaces']).flags['all-namespaces']).toBe(true);
  });

  it('passes deprecation notices for --record', () => {
    expect(run(['scale', 'deploy/x', '--replicas=2', '--record']).warnings).toEqual([
      'Flag --record has been deprecated, --record will be removed in the future',
    ]);
  });

  it('marks a group given nothing as its help (exit 1)', () => {
    expect(run(['rollout'])).toMatchObject({ cmdPath: 'kubectl rollout', groupHelp: true });
  });

  it('keeps the position of -- for exec and run', () => {
    expect(run(['exec', 'deploy/hello-kiamol-4', '--', 'sh', '-c', 'hostname'])).toMatchObject({
      args: ['deploy/hello-kiamol-4', 'sh', '-c', 'hostname'],
      dashDashAt: 1,
    });
    expect(run(['run', 'bb', '--image=busybox', '--restart=Never', '--', 'sleep', '3600'])).toMatchObject({
      args: ['bb', 'sleep', '3600'],
      dashDashAt: 1,
    });
  });

  it('reports real commands Podbook does not model as unsupported', () => {
    expect(resolveKubectl(['cordon', 'docker-desktop'])).toEqual({ kind: 'unsupported', path: ['cordon'], cmdPath: 'kubectl cordon', args: ['docker-desktop'] });
    expect(resolveKubectl(['create', 'job', 'x', '--image=busybox'])).toMatchObject({ kind: 'unsupported', path: ['create', 'job'] });
    expect(resolveKubectl(['edit', 'deploy/x'])).toMatchObject({ kind: 'unsupported', cmdPath: 'kubectl edit' });
  });

  it('stops at the deepest command named', () => {
    expect(findCommand(['rollout', 'status', 'deploy/x', '-w=false']).path).toEqual(['rollout', 'status']);
    expect(findCommand(['get', 'rollout']).path).toEqual(['get']);
  });
});

describe('kubectl 1.32 flag tables', () => {
  it('model the verbs Podbook runs', () => {
    expect(Object.keys(KUBECTL_LOCAL_FLAGS).sort()).toEqual(
      [
        'annotate',
        'api-resources',
        'api-versions',
        'apply',
        'cluster-info',
        'config current-context',
        'config get-contexts',
        'config set-context',
        'config use-context',
        'config view',
        'cp',
        'create',
        'create configmap',
        'create deployment',
        'create namespace',
        'create secret',
        'create secret generic',
        'create service',
        'create service clusterip',
        'create service nodeport',
        'create serviceaccount',
        'config',
        'delete',
        'describe',
        'events',
        'exec',
        'explain',
        'expose',
        'get',
        'label',
        'logs',
        'port-forward',
        'rollout',
        'rollout history',
        'rollout restart',
        'rollout status',
        'rollout undo',
        'run',
        'scale',
        'set',
        'set image',
        'top node',
        'top pod',
        'version',
        'wait',
      ].sort(),
    );
  });

  it('list the global flags of `kubectl options`', () => {
    expect(GLOBAL_FLAGS.map((f) => (f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`))).toEqual([
      '--as',
      '--as-group',
      '--as-uid',
      '--cache-dir',
      '--certificate-authority',
      '--client-certificate',
      '--client-key',
      '--cluster',
      '--context',
      '--disable-compression',
      '--insecure-skip-tls-verify',
      '--kubeconfig',
      '--log-flush-frequency',
      '--match-server-version',
      '-n, --namespace',
      '--password',
      '--profile',
      '--profile-output',
      '--request-timeout',
      '-s, --server',
      '--tls-server-name',
      '--token',
      '--user',
      '--username',
      '-v, --v',
      '--vmodule',
      '--warnings-as-errors',
    ]);
  });

  it('have unique names and shorthands in every merged table, with --help added', () => {
    for (const key of Object.keys(KUBECTL_LOCAL_FLAGS)) {
      const table = flagTableFor(key.split(' ')) as FlagTable;
      const names = table.map((f) => f.name);
      const shorts = table.map((f) => f.shorthand).filter(Boolean);
      expect(new Set(names).size, key).toBe(names.length);
      expect(new Set(shorts).size, key).toBe(shorts.length);
      expect(lookupFlag(table, 'help')?.shorthand, key).toBe('h');
    }
  });

  it('carry the NoOptDefVals kubectl sets', () => {
    const get = (path: string, name: string) => lookupFlag(flagTableFor(path.split(' '))!, name)!;
    expect(noOptDefaultOf(get('create deployment', 'dry-run'))).toBe('unchanged');
    expect(noOptDefaultOf(get('apply', 'validate'))).toBe('strict');
    expect(noOptDefaultOf(get('delete', 'cascade'))).toBe('background');
    expect(noOptDefaultOf(get('get', 'output'))).toBe('');
    expect(noOptDefaultOf(get('exec', 'stdin'))).toBe('true');
  });

  it('carry defaults and types as kubectl 1.32 prints them', () => {
    const exec = flagTableFor(['exec'])!;
    expect(exec.slice(0, 6).map((f) => [f.shorthand ?? '', f.name, f.type])).toEqual([
      ['c', 'container', 'string'],
      ['f', 'filename', 'stringSlice'],
      ['', 'pod-running-timeout', 'duration'],
      ['q', 'quiet', 'bool'],
      ['i', 'stdin', 'bool'],
      ['t', 'tty', 'bool'],
    ]);
    expect(run(['port-forward', 'pod/x', '8080:80']).flags.address).toEqual(['localhost']);
    expect(run(['logs', 'x']).flags).toMatchObject({ tail: -1, 'pod-running-timeout': 20e9, 'max-log-requests': 5 });
    expect(run(['wait', 'pod/x']).flags).toMatchObject({ timeout: 30e9, recursive: true });
    expect(run(['create', 'deployment', 'x']).flags).toMatchObject({ replicas: 1, port: -1, image: [] });
    expect(run(['explain', 'pods']).flags.output).toBe('plaintext');
    expect(run(['config', 'view']).flags).toMatchObject({ output: 'yaml', merge: true });
    expect(run(['get', 'pods']).flags).toMatchObject({ 'chunk-size': 500, 'server-print': true, 'cache-dir': '/root/.kube/cache' });
  });
});
