import { describe, expect, it } from 'vitest';
import { formatFlagError, formatUsageError, parseFlags, wordSepNormalize, type FlagTable } from './flags';

// A small table in the shape of kubectl's: get-like flags plus the globals that matter here.
const TABLE: FlagTable = [
  { name: 'namespace', shorthand: 'n', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'stdin', shorthand: 'i', type: 'bool', default: false },
  { name: 'tty', shorthand: 't', type: 'bool', default: false },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'replicas', type: 'int', default: 0 },
  { name: 'port', type: 'int32', default: -1 },
  { name: 'env', type: 'stringArray', default: [] },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'address', type: 'stringSlice', default: ['localhost'] },
  { name: 'timeout', type: 'duration', default: '30s' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'v', shorthand: 'v', type: 'klogLevel', default: 0 },
  { name: 'log-flush-frequency', type: 'goDuration', default: '5s' },
  { name: 'vmodule', type: 'vmodule', default: '' },
  { name: 'help', shorthand: 'h', type: 'bool', default: false },
];

function ok(args: string[], opts = {}) {
  const r = parseFlags(args, TABLE, opts);
  if (!r.ok) throw new Error(r.error);
  return r;
}

function err(args: string[], opts = {}) {
  const r = parseFlags(args, TABLE, opts);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(args)}`);
  return r.error;
}

describe('parseFlags reads values in every pflag spelling', () => {
  it('takes -n ns, -nns, -n=ns, --namespace ns and --namespace=ns alike', () => {
    for (const args of [['-n', 'ns'], ['-nns'], ['-n=ns'], ['--namespace', 'ns'], ['--namespace=ns']]) {
      expect(ok(args).flags.namespace).toBe('ns');
    }
  });

  it('keeps an empty value after = and takes `-n=` as the value "="', () => {
    expect(ok(['--namespace=']).flags.namespace).toBe('');
    expect(ok(['-n=']).flags.namespace).toBe('=');
  });

  it('lets a flag take a value that looks like a flag', () => {
    expect(ok(['-n', '--foo']).flags.namespace).toBe('--foo');
    expect(ok(['-o', '-']).flags.output).toBe('-');
  });

  it('combines bool shorthands and lets the last one take the rest of the group as its value', () => {
    const r = ok(['-it']);
    expect([r.flags.stdin, r.flags.tty]).toEqual([true, true]);
    const s = ok(['-itnfoo', 'pod']);
    expect([s.flags.stdin, s.flags.tty, s.flags.namespace, s.args]).toEqual([true, true, 'foo', ['pod']]);
    const t = ok(['-itn', 'foo', 'pod']);
    expect([t.flags.namespace, t.args]).toEqual(['foo', ['pod']]);
    expect(ok(['-oyaml']).flags.output).toBe('yaml');
  });

  it('sets bools with =false and never takes the next word as a bool value', () => {
    expect(ok(['--server-print=false']).flags['server-print']).toBe(false);
    expect(ok(['-i=false']).flags.stdin).toBe(false);
    expect(ok(['-it=false']).flags).toMatchObject({ stdin: true, tty: false });
    const r = ok(['--stdin', 'false']);
    expect([r.flags.stdin, r.args]).toEqual([true, ['false']]);
    expect(ok(['-A=F']).flags['all-namespaces']).toBe(false);
  });

  it('uses the NoOptDefVal of a string flag given alone (--dry-run means "unchanged")', () => {
    const r = ok(['--dry-run', 'client']);
    expect([r.flags['dry-run'], r.args]).toEqual(['unchanged', ['client']]);
    expect(ok(['--dry-run=client']).flags['dry-run']).toBe('client');
  });

  it('accepts flags anywhere among the arguments', () => {
    const r = ok(['pods', '-n', 'ns', 'web', '-o', 'wide']);
    expect(r.args).toEqual(['pods', 'web']);
    expect(r.flags).toMatchObject({ namespace: 'ns', output: 'wide' });
  });

  it('stops at the first argument when not interspersed', () => {
    const r = ok(['-i', 'pod', '-n', 'ns'], { interspersed: false });
    expect(r.args).toEqual(['pod', '-n', 'ns']);
    expect(r.flags.namespace).toBe('');
    expect(r.dashDashAt).toBe(-1);
  });

  it('ends flag parsing at -- and records how many arguments came before it', () => {
    const r = ok(['deploy/web', '-i', '--', 'sh', '-c', 'ls -l', '--', '-n']);
    expect(r.args).toEqual(['deploy/web', 'sh', '-c', 'ls -l', '--', '-n']);
    expect(r.dashDashAt).toBe(1);
    expect(ok(['--', 'a']).dashDashAt).toBe(0);
    expect(ok(['a']).dashDashAt).toBe(-1);
  });

  it('treats a lone - and an empty string as arguments', () => {
    expect(ok(['-', '']).args).toEqual(['-', '']);
  });

  it('appends repeated stringArray values and replaces the default on first use', () => {
    expect(ok(['--env', 'A=1', '--env=B=2,3']).flags.env).toEqual(['A=1', 'B=2,3']);
  });

  it('splits stringSlice values as CSV, appends repeats, and replaces a non-empty default', () => {
    expect(ok(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml']).flags.filename).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(ok(['-f', '"a,b.yaml",c']).flags.filename).toEqual(['a,b.yaml', 'c']);
    expect(ok([]).flags.address).toEqual(['localhost']);
    expect(ok(['--address=0.0.0.0']).flags.address).toEqual(['0.0.0.0']);
    expect(ok(['--address=']).flags.address).toEqual([]);
  });

  it('parses ints with Go base prefixes and durations into nanoseconds', () => {
    expect(ok(['--replicas=0x10']).flags.replicas).toBe(16);
    expect(ok(['--replicas', '010']).flags.replicas).toBe(8);
    expect(ok(['--port=8080']).flags.port).toBe(8080);
    expect(ok([]).flags.timeout).toBe(30e9);
    expect(ok(['--timeout=1m']).flags.timeout).toBe(60e9);
    expect(ok(['-v', '5']).flags.v).toBe(5);
  });

  it('fills every flag with its default and lists the changed ones in order', () => {
    const r = ok(['-o', 'yaml', '-n', 'a', '-o', 'json']);
    expect(r.changed).toEqual(['output', 'namespace']);
    expect(r.flags['server-print']).toBe(true);
    expect(r.flags.output).toBe('json');
  });

  it('collects a deprecation notice each time a deprecated flag is set', () => {
    expect(ok(['--record', '--record=false']).warnings).toEqual([
      'Flag --record has been deprecated, --record will be removed in the future',
      'Flag --record has been deprecated, --record will be removed in the future',
    ]);
  });

  it('normalizes underscores to dashes when given kubectl’s normalize func', () => {
    expect(ok(['--all_namespaces'], { normalize: wordSepNormalize }).flags['all-namespaces']).toBe(true);
    expect(err(['--all_namespaces'])).toBe('unknown flag: --all_namespaces');
  });
});

// Every message below was produced by kubectl v1.32.5 (run with KUBECONFIG=/dev/null) and is the
// part after "error: " on its first line.
describe('parseFlags words errors exactly as pflag', () => {
  it('reports unknown long and shorthand flags', () => {
    // kubectl get pods --foo
    expect(err(['pods', '--foo'])).toBe('unknown flag: --foo');
    // kubectl get pods --foo=bar
    expect(err(['--foo=bar'])).toBe('unknown flag: --foo');
    // kubectl get pods -z
    expect(err(['pods', '-z'])).toBe("unknown shorthand flag: 'z' in -z");
    // kubectl get pods -hz / -zh
    expect(err(['-hz'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(err(['-zh'])).toBe("unknown shorthand flag: 'z' in -zh");
    // kubectl get -한
    expect(err(['-한'])).toBe("unknown shorthand flag: 'í' in -한");
    // kubectl get --foo_bar
    expect(err(['--foo_bar'], { normalize: wordSepNormalize })).toBe('unknown flag: --foo_bar');
  });

  it('reports a missing value', () => {
    // kubectl get pods --namespace
    expect(err(['pods', '--namespace'])).toBe('flag needs an argument: --namespace');
    // kubectl get pods -n
    expect(err(['pods', '-n'])).toBe("flag needs an argument: 'n' in -n");
    // kubectl get pods -oyaml -o
    expect(err(['-oyaml', '-o'])).toBe("flag needs an argument: 'o' in -o");
    // kubectl get -in
    expect(err(['-in'])).toBe("flag needs an argument: 'n' in -n");
  });

  it('reports bad flag syntax', () => {
    // kubectl get pods ---foo / --=x
    expect(err(['---foo'])).toBe('bad flag syntax: ---foo');
    expect(err(['--=x'])).toBe('bad flag syntax: --=x');
  });

  it('reports invalid values with the flag spelled as -s, --name when it has a shorthand', () => {
    // kubectl scale deploy x --replicas=x
    expect(err(['--replicas=x'])).toBe(
      'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax',
    );
    // kubectl get pods -w=maybe (here -i)
    expect(err(['-i=maybe'])).toBe(
      'invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    // kubectl create deployment x --port=2147483648
    expect(err(['--port=2147483648'])).toBe(
      'invalid argument "2147483648" for "--port" flag: strconv.ParseInt: parsing "2147483648": value out of range',
    );
    // kubectl wait pod x --timeout=abc
    expect(err(['--timeout=abc'])).toBe('invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"');
    // kubectl wait --timeout=1
    expect(err(['--timeout=1'])).toBe('invalid argument "1" for "--timeout" flag: time: missing unit in duration "1"');
    // kubectl get -f '"a'
    expect(err(['-f', '"a'])).toBe(
      'invalid argument "\\"a" for "-f, --filename" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field',
    );
    // kubectl get -v=0x1 (klog's level is base 10)
    expect(err(['-v=0x1'])).toBe('invalid argument "0x1" for "-v, --v" flag: strconv.ParseInt: parsing "0x1": invalid syntax');
    // kubectl get --log-flush-frequency=x
    expect(err(['--log-flush-frequency=x'])).toBe('invalid argument "x" for "--log-flush-frequency" flag: parse error');
    // kubectl get --vmodule=a / --vmodule=a=-1
    expect(err(['--vmodule=a'])).toBe(
      'invalid argument "a" for "--vmodule" flag: syntax error: expect comma-separated list of filename=N',
    );
    expect(err(['--vmodule=a=-1'])).toBe('invalid argument "a=-1" for "--vmodule" flag: negative value for vmodule level');
    // kubectl get pods --help=x
    expect(err(['--help=x'])).toBe(
      'invalid argument "x" for "-h, --help" flag: strconv.ParseBool: parsing "x": invalid syntax',
    );
  });

  it('stops at the first error and reports no deprecation notice', () => {
    // kubectl create --record --foo prints only the error
    expect(parseFlags(['--record', '--foo'], TABLE)).toEqual({ ok: false, error: 'unknown flag: --foo' });
  });
});

describe('kubectl’s error wrappers', () => {
  it('formats a flag error as kubectl prints it on stderr', () => {
    expect(formatFlagError('kubectl get', 'unknown flag: --foo')).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
    );
    expect(formatFlagError('kubectl create deployment', "unknown shorthand flag: 'z' in -z")).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl create deployment --help' for usage.\n",
    );
  });

  it('formats a usage error with the -h hint', () => {
    // kubectl exec -it hello-kiamol sh
    expect(
      formatUsageError('kubectl exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'),
    ).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
  });
});
