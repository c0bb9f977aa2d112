import { describe, expect, it } from 'vitest';
import {
  formatLabels,
  formatLabelSelector,
  labelSelectorAsSelector,
  parseSelector,
  selectorFromLabelSelector,
  selectorFromSet,
  type Selector,
} from './labels';

function sel(s: string): Selector {
  const r = parseSelector(s);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error}`);
  return r.selector;
}

function err(s: string): string {
  const r = parseSelector(s);
  if (r.ok) throw new Error(`expected ${s} to fail, got ${r.selector.toString()}`);
  return r.error;
}

describe('parseSelector', () => {
  it('parses equality requirements and prints them sorted by key', () => {
    const s = sel('tier=frontend,app==web');
    expect(s.toString()).toBe('app==web,tier=frontend');
    expect(s.requirements).toEqual([
      { key: 'app', operator: '==', values: ['web'] },
      { key: 'tier', operator: '=', values: ['frontend'] },
    ]);
  });

  it('prints set-based requirements with their values sorted', () => {
    expect(sel('tier in (b,a),env notin (prod, dev)').toString()).toBe('env notin (dev,prod),tier in (a,b)');
  });

  it('accepts whitespace around keys, operators and values', () => {
    expect(sel('  app = web , tier  in ( a , b ) ').toString()).toBe('app=web,tier in (a,b)');
  });

  it('parses exists, does-not-exist, greater-than and less-than', () => {
    const s = sel('!canary,app,replicas>2,version<10');
    expect(s.toString()).toBe('app,!canary,replicas>2,version<10');
    expect(s.requirements.map((r) => r.operator)).toEqual(['exists', '!', 'gt', 'lt']);
  });

  it('treats in and notin as plain words where a value is expected', () => {
    expect(sel('x in (in,notin)').toString()).toBe('x in (in,notin)');
    expect(sel('x=in').toString()).toBe('x=in');
  });

  it('reads an empty value after = and an empty set as the empty string', () => {
    expect(sel('a=,b in ()').requirements).toEqual([
      { key: 'a', operator: '=', values: [''] },
      { key: 'b', operator: 'in', values: [''] },
    ]);
    expect(sel('x in (foo,,baz)').requirements[0].values).toEqual(['', 'baz', 'foo']);
  });

  it('accepts a DNS prefix on keys', () => {
    expect(sel('app.kubernetes.io/name=web').toString()).toBe('app.kubernetes.io/name=web');
  });

  it('gives an empty selector for the empty string', () => {
    const s = sel('');
    expect(s.empty()).toBe(true);
    expect(s.toString()).toBe('');
    expect(s.matches({ a: 'b' })).toBe(true);
    expect(s.matches(undefined)).toBe(true);
  });

  it("reports a missing parenthesis after in as upstream words it", () => {
    expect(err('a in b')).toBe("unable to parse requirement: found 'b' expected: '('");
  });

  it('reports an unknown operator with the list of binary operators', () => {
    expect(err('a b')).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
  });

  it('reports a trailing comma', () => {
    expect(err('a=b,')).toBe("found '', expected: identifier after ','");
  });

  it('reports a selector that starts with an operator', () => {
    expect(err('=a')).toBe("found '=', expected: !, identifier, or 'end of string'");
  });

  it('reports junk after a complete requirement', () => {
    expect(err('!a=b')).toBe("found '=', expected: ',' or 'end of string'");
  });

  it('reports an unterminated value list', () => {
    expect(err('a in (b')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(err('a in (b c)')).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
  });

  it('reports an invalid key with a nil field path', () => {
    expect(err('-app=web')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  });

  it('reports an invalid key prefix', () => {
    expect(err('Example.com/app')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('reports an invalid value with its indexed and keyed field path', () => {
    expect(err('app=-web')).toBe(
      "unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  });

  it('reports a non-integer operand of > as upstream does', () => {
    expect(err('replicas>two')).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"two\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });

  it('reports a value longer than 63 characters', () => {
    const long = 'a'.repeat(64);
    expect(err(`app=${long}`)).toBe(`unable to parse requirement: values[0][app]: Invalid value: "${long}": must be no more than 63 characters`);
  });
});

describe('Selector.matches', () => {
  it('requires the key for = and in', () => {
    expect(sel('app=web').matches({ app: 'web' })).toBe(true);
    expect(sel('app=web').matches({ app: 'api' })).toBe(false);
    expect(sel('app=web').matches({})).toBe(false);
    expect(sel('app in (web,api)').matches({ app: 'api' })).toBe(true);
  });

  it('matches objects without the key for != and notin', () => {
    expect(sel('tier!=db').matches({ app: 'web' })).toBe(true);
    expect(sel('tier!=db').matches(undefined)).toBe(true);
    expect(sel('tier!=db').matches({ tier: 'db' })).toBe(false);
    expect(sel('tier notin (db,cache)').matches({})).toBe(true);
    expect(sel('tier notin (db,cache)').matches({ tier: 'cache' })).toBe(false);
  });

  it('checks presence for exists and !', () => {
    expect(sel('canary').matches({ canary: '' })).toBe(true);
    expect(sel('!canary').matches({ canary: '' })).toBe(false);
    expect(sel('!canary').matches({})).toBe(true);
  });

  it('compares integers for > and <, and fails on non-integer labels', () => {
    expect(sel('replicas>2').matches({ replicas: '3' })).toBe(true);
    expect(sel('replicas>2').matches({ replicas: '2' })).toBe(false);
    expect(sel('replicas<2').matches({ replicas: '-1' })).toBe(true);
    expect(sel('replicas>2').matches({ replicas: 'x' })).toBe(false);
    expect(sel('replicas>2').matches({})).toBe(false);
  });

  it('ANDs all requirements', () => {
    const s = sel('app=web,tier!=db');
    expect(s.matches({ app: 'web', tier: 'fe' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'db' })).toBe(false);
  });
});

describe('LabelSelector conversion', () => {
  it('turns a missing selector into one that matches nothing', () => {
    const s = selectorFromLabelSelector(undefined);
    expect(s.matches({ app: 'web' })).toBe(false);
    expect(s.empty()).toBe(false);
    expect(s.toString()).toBe('');
  });

  it('turns an empty selector into one that matches everything', () => {
    const s = selectorFromLabelSelector({});
    expect(s.matches({ app: 'web' })).toBe(true);
    expect(s.empty()).toBe(true);
  });

  it('combines matchLabels and matchExpressions sorted by key', () => {
    const s = selectorFromLabelSelector({
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'Exists' },
      ],
    });
    expect(s.toString()).toBe('app=web,!canary,env notin (dev,prod),tier=fe,zone');
    expect(s.matches({ app: 'web', tier: 'fe', zone: 'a' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'fe', zone: 'a', env: 'prod' })).toBe(false);
  });

  it('reports an In expression without values', () => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toEqual({
      ok: false,
      error: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    });
  });

  it('reports an unknown operator', () => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] })).toEqual({
      ok: false,
      error: '"Gt" is not a valid label selector operator',
    });
  });

  it('formats selectors as kubectl describe shows them', () => {
    expect(formatLabelSelector({ matchLabels: { app: 'web' } })).toBe('app=web');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toBe('<error>');
  });
});

describe('label sets', () => {
  it('formats labels sorted by key, or <none>', () => {
    expect(formatLabels({ run: 'x', app: 'web' })).toBe('app=web,run=x');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('builds an exact-match selector from a set', () => {
    const s = selectorFromSet({ run: 'x', app: 'web' });
    expect(s.toString()).toBe('app=web,run=x');
    expect(s.matches({ app: 'web', run: 'x', extra: '1' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(selectorFromSet(undefined).matches({ a: 'b' })).toBe(true);
  });
});
