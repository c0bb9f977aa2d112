// Expected strings marked "kubectl 1.32" were printed by the real kubectl 1.32 for the same data
// (`kubectl label --local -f obj.json x=y -o 'jsonpath=…' --kubeconfig=/dev/null`, which is why
// several fixtures carry the label x=y) and are hard-coded here; kubectl is not run by the tests.
import { describe, expect, it } from 'vitest';
import {
  executeTemplate,
  findResults,
  formatExecuteError,
  formatParseError,
  parseTemplate,
  type Template,
} from './index';

function tmpl(t: string): Template {
  const p = parseTemplate(t);
  if (!p.ok) throw new Error(`template ${t} did not parse: ${p.error}`);
  return p.template;
}

/** What `kubectl … -o jsonpath=<t>` prints (AllowMissingKeys on, as kubectl sets it). */
function kubectlJSONPath(t: string, data: unknown): string {
  const r = executeTemplate(tmpl(t), data, { allowMissingKeys: true });
  if (!r.ok) throw new Error(r.error);
  return r.output;
}

const helloKiamolPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hello-kiamol', namespace: 'default', labels: { run: 'hello-kiamol', x: 'y' } },
  spec: {
    containers: [
      { name: 'hello-kiamol', image: 'kiamol/ch02-hello-kiamol', ports: [{ containerPort: 80, protocol: 'TCP' }] },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '192.168.65.3',
    podIP: '10.1.0.43',
    containerStatuses: [
      {
        name: 'hello-kiamol',
        ready: true,
        restartCount: 0,
        image: 'kiamol/ch02-hello-kiamol:latest',
        containerID: 'docker://5bd1f6e3c7a0a8f2b4d9e1c3a5b7d9f1e3c5a7b9d1f3e5c7a9b1d3f5e7c9a1b3',
      },
    ],
  },
};

const helloKiamol2Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello-kiamol-2', namespace: 'default', labels: { app: 'hello-kiamol-2', x: 'y' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'hello-kiamol-2' } },
    template: {
      metadata: { labels: { app: 'hello-kiamol-2' } },
      spec: { containers: [{ name: 'ch02-hello-kiamol', image: 'kiamol/ch02-hello-kiamol' }] },
    },
  },
};

// The oracle cannot print a List as one object (kubectl label --local splits anything with an
// `items` field), so these outputs were taken with the array under another key and the same
// templates; the JSONPath engine does not treat `items` specially.
const podList = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      metadata: { name: 'hello-kiamol', labels: { run: 'hello-kiamol' } },
      status: { phase: 'Running', podIP: '10.1.0.43', containerStatuses: [{ restartCount: 1 }] },
    },
    {
      metadata: { name: 'hello-kiamol-2-7cb44d9bdd-xfgns', labels: { app: 'hello-kiamol-2', 'pod-template-hash': '7cb44d9bdd' } },
      status: { phase: 'Running', podIP: '10.1.0.44', containerStatuses: [{ restartCount: 0 }] },
    },
    { metadata: { name: 'sleep-5d8c9b7f6-abcde', labels: { app: 'sleep' } }, status: { phase: 'Pending' } },
  ],
};

describe('kiamol chapter 2 templates', () => {
  it('{.status.containerStatuses[0].containerID} prints the container ID with no newline', () => {
    expect(kubectlJSONPath('{.status.containerStatuses[0].containerID}', helloKiamolPod)).toBe(
      'docker://5bd1f6e3c7a0a8f2b4d9e1c3a5b7d9f1e3c5a7b9d1f3e5c7a9b1d3f5e7c9a1b3',
    );
  });

  it('{.spec.template.metadata.labels} prints the map as compact JSON', () => {
    expect(kubectlJSONPath('{.spec.template.metadata.labels}', helloKiamol2Deployment)).toBe('{"app":"hello-kiamol-2"}');
    expect(kubectlJSONPath('{.metadata.labels}', helloKiamolPod)).toBe('{"run":"hello-kiamol","x":"y"}');
  });

  it('scalars print with Go formatting: an int64 port, a boolean, a number from spec', () => {
    expect(kubectlJSONPath('{.spec.containers[0].ports[0].containerPort}', helloKiamolPod)).toBe('80');
    expect(kubectlJSONPath('{.status.containerStatuses[0].ready}', helloKiamolPod)).toBe('true');
    expect(kubectlJSONPath('{.spec.replicas}', helloKiamol2Deployment)).toBe('1');
    expect(kubectlJSONPath('{.spec.selector}', helloKiamol2Deployment)).toBe('{"matchLabels":{"app":"hello-kiamol-2"}}');
  });

  it('{range .items[*]}{.metadata.name}{"\\n"}{end} prints one name per line', () => {
    expect(kubectlJSONPath('{range .items[*]}{.metadata.name}{"\\n"}{end}', podList)).toBe(
      'hello-kiamol\nhello-kiamol-2-7cb44d9bdd-xfgns\nsleep-5d8c9b7f6-abcde\n',
    );
  });

  it('a filter on status.phase keeps the running pods, names separated by one space', () => {
    expect(kubectlJSONPath('{.items[?(@.status.phase=="Running")].metadata.name}', podList)).toBe(
      'hello-kiamol hello-kiamol-2-7cb44d9bdd-xfgns',
    );
    expect(kubectlJSONPath('{range .items[?(@.status.phase!="Running")]}{.metadata.name}{end}', podList)).toBe(
      'sleep-5d8c9b7f6-abcde',
    );
  });

  it('a tab-separated range prints missing fields as nothing', () => {
    expect(
      kubectlJSONPath(
        '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\t"}{.status.containerStatuses[0].restartCount}{"\\n"}{end}',
        podList,
      ),
    ).toBe(
      'hello-kiamol\t10.1.0.43\t1\nhello-kiamol-2-7cb44d9bdd-xfgns\t10.1.0.44\t0\nsleep-5d8c9b7f6-abcde\t\t\n',
    );
  });

  it('[*] over items skips the ones without the field, and an existence filter selects by label', () => {
    expect(kubectlJSONPath('{.items[*].metadata.labels.app}', podList)).toBe('hello-kiamol-2 sleep');
    expect(kubectlJSONPath('{.items[?(@.metadata.labels.app)].metadata.name}', podList)).toBe(
      'hello-kiamol-2-7cb44d9bdd-xfgns sleep-5d8c9b7f6-abcde',
    );
    expect(kubectlJSONPath('{.items[*].status.podIP}', podList)).toBe('10.1.0.43 10.1.0.44');
  });
});

describe('printing values', () => {
  // kubectl 1.32 on {"n":[1,2.5,-3,1e21,0.0000025], …}
  const obj = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { labels: { x: 'y' }, name: 's' },
    ctl: 'a\b\f\u0001\u007f\u2028\u00a0é😀\\/<>&',
    n: [1, 2.5, -3, 1e21, 0.0000025],
    nums: { mid: 1500000.5, small: 0.00001, hund: 100000.5 },
    flags: { t: true, f: false, nul: null },
  };

  it('numbers print as Go prints int64 and float64 values', () => {
    expect(kubectlJSONPath('{.n[*]}', obj)).toBe('1 2.5 -3 1e+21 2.5e-06');
    expect(kubectlJSONPath('{.nums.mid} {.nums.small} {.nums.hund}', obj)).toBe('1.5000005e+06 1e-05 100000.5');
  });

  it('inside JSON, numbers use encoding/json forms instead', () => {
    expect(kubectlJSONPath('{.metadata}{.n}', obj)).toBe('{"labels":{"x":"y"},"name":"s"}[1,2.5,-3,1e+21,0.0000025]');
  });

  it('strings print raw, and JSON escapes <, >, & and control characters as Go does', () => {
    expect(kubectlJSONPath('{.ctl}', obj)).toBe('a\b\f\u0001\u007f\u2028\u00a0é😀\\/<>&');
    const { nums: _n, flags: _f, ...rest } = obj;
    expect(kubectlJSONPath('{@}', rest)).toBe(
      '{"apiVersion":"v1","ctl":"a\\b\\f\\u0001\u007f\\u2028\u00a0é😀\\\\/\\u003c\\u003e\\u0026","kind":"ConfigMap","metadata":{"labels":{"x":"y"},"name":"s"},"n":[1,2.5,-3,1e+21,0.0000025]}',
    );
  });

  it('booleans print as true and false, and a JSON null as null', () => {
    expect(kubectlJSONPath('{.flags.t}{.flags.f}|{.flags.nul}|{.flags}', obj)).toBe(
      'truefalse|null|{"f":false,"nul":null,"t":true}',
    );
  });

  it('a range body sees a null element as the invalid value and prints <no value>', () => {
    expect(kubectlJSONPath('{range .arr[*]}[{@}]{end}', { arr: [1, null, 'x'] })).toBe('[1][<no value>][x]');
  });

  it('literals in actions print as written: strings, int and float literals, booleans', () => {
    expect(kubectlJSONPath('{"a"}{\'b\'}{"c" "d"}', obj)).toBe('abd');
    expect(kubectlJSONPath('{1}{2.5}{1.}{007}{-0}{+0.5}', obj)).toBe('12.51700.5');
    expect(kubectlJSONPath('{true} {false}', obj)).toBe('true false');
  });

  it('-o jsonpath-as-json prints each action as an indented JSON array and a newline', () => {
    const asJSON = (t: string) => {
      const r = executeTemplate(tmpl(t), obj, { allowMissingKeys: true, outputJSON: true });
      return r.ok ? r.output : r.error;
    };
    // kubectl 1.32
    expect(asJSON('{.n[*]}')).toBe('[\n    1,\n    2.5,\n    -3,\n    1e+21,\n    0.0000025\n]\n');
    expect(asJSON('{.metadata.name}{.n}')).toBe(
      '[\n    "s"\n]\n[\n    [\n        1,\n        2.5,\n        -3,\n        1e+21,\n        0.0000025\n    ]\n]\n',
    );
    expect(asJSON('lit{.nosuch}')).toBe('[\n    "lit"\n]\n[]\n');
  });
});

describe('map iteration order', () => {
  // Go visits map keys in random order here; kubectl printed e.g. `a b c demo` and `demo a b c`
  // on different runs. We always use sorted key order.
  const obj = {
    metadata: { name: 'demo', labels: { b: '2', a: '1' } },
    pods: [{ name: 'a' }, { name: 'b' }],
  };

  it('recursive descent visits map keys in sorted order, depth first', () => {
    expect(kubectlJSONPath('{..name}', obj)).toBe('demo a b');
    expect(kubectlJSONPath('{@..name}', obj)).toBe('demo a b');
  });

  it('.* and [*] on a map yield the values in sorted key order', () => {
    expect(kubectlJSONPath('{.metadata.labels.*}', obj)).toBe('1 2');
    expect(kubectlJSONPath("{.metadata.labels['*']}", obj)).toBe('1 2');
    expect(kubectlJSONPath('{range .metadata.labels.*}<{@}>{end}', obj)).toBe('<1><2>');
  });

  it('recursive descent includes every map, array and non-empty string, but no other leaves', () => {
    expect(kubectlJSONPath('{..}', { b: [1, 'x', ''], a: { c: true } })).toBe('{"a":{"c":true},"b":[1,"x",""]} {"c":true} [1,"x",""] x');
  });
});

describe('missing keys', () => {
  const obj = { metadata: { name: 'demo' }, items: [{ n: 1 }, { m: 2 }] };

  it('a missing field prints nothing when AllowMissingKeys is on', () => {
    expect(kubectlJSONPath('{.nosuch}', obj)).toBe('');
    expect(kubectlJSONPath('[{.metadata.nosuch}]', obj)).toBe('[]');
  });

  it('without AllowMissingKeys (the client-go default) a missing field is an error', () => {
    expect(executeTemplate(tmpl('{.nosuch}'), obj)).toEqual({ ok: false, error: 'nosuch is not found' });
    expect(executeTemplate(tmpl('{.items[*].n}'), obj)).toEqual({ ok: true, output: '1' });
  });

  it('an index out of range is an error either way', () => {
    expect(executeTemplate(tmpl('{.items[5]}'), obj, { allowMissingKeys: true })).toEqual({
      ok: false,
      error: 'array index out of bounds: index 5, length 2',
    });
  });

  it('an existence filter whose path fails keeps the item, as client-go hands back its input', () => {
    const pods = { pods: [{ name: 'a', tags: ['x'] }, { name: 'b' }] };
    // kubectl 1.32 printed `a` for this
    expect(kubectlJSONPath('{.pods[?(@.tags[5])].name}', pods)).toBe('a');
  });
});

describe('findResults', () => {
  it('returns one list per top-level node, literal text included', () => {
    expect(findResults(tmpl('x{.items[*].n}{"y"}'), { items: [{ n: 1 }, { n: 2.5 }] })).toEqual({
      ok: true,
      results: [['x'], [1, 2.5], ['y']],
    });
  });

  it('returns the values themselves, maps and nulls included', () => {
    const labels = { app: 'web' };
    const r = findResults(tmpl('{.metadata.labels}{.spec.x}'), { metadata: { labels }, spec: { x: null } });
    expect(r).toEqual({ ok: true, results: [[labels], [null]] });
  });

  it('returns an empty list for a missing field with AllowMissingKeys', () => {
    expect(findResults(tmpl('{.status.podIP}'), { status: {} }, { allowMissingKeys: true })).toEqual({
      ok: true,
      results: [[]],
    });
  });

  it('reports execution errors with the client-go message', () => {
    expect(findResults(tmpl('{.a[0]}'), { a: 'str' })).toEqual({ ok: false, error: 'string is not array or slice' });
  });
});

describe('kubectl error messages', () => {
  it('formatParseError is what kubectl prints after "error: " for a bad template', () => {
    const p = parseTemplate('{.a[}');
    expect(p).toEqual({ ok: false, error: 'unterminated array' });
    // kubectl 1.32: error: error parsing jsonpath {.a[}, unterminated array
    expect(formatParseError('{.a[}', 'unterminated array')).toBe('error parsing jsonpath {.a[}, unterminated array\n');
  });

  it('formatExecuteError quotes the template and dumps the object with %#v', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 's', labels: { x: 'y' } },
      data: { k: 'v\n"<' },
      arr: [1, 2.5, null, true, { a: [] }, []],
      e: {},
    };
    const r = executeTemplate(tmpl('{.nosuch}'), obj);
    expect(r).toEqual({ ok: false, error: 'nosuch is not found' });
    // kubectl 1.32 with --allow-missing-template-keys=false, after "error: "
    expect(formatExecuteError('{.nosuch}', 'nosuch is not found', obj)).toBe(
      'error executing jsonpath "{.nosuch}": Error executing template: nosuch is not found. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.nosuch}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"apiVersion":"v1", "arr":[]interface {}{1, 2.5, interface {}(nil), true, map[string]interface {}{"a":[]interface {}{}}, []interface {}{}}, "data":map[string]interface {}{"k":"v\\n\\"<"}, "e":map[string]interface {}{}, "kind":"ConfigMap", "metadata":map[string]interface {}{"labels":map[string]interface {}{"x":"y"}, "name":"s"}}\n\n\n',
    );
  });

  it('formatExecuteError quotes control characters and quotes in the template as Go %q does', () => {
    // kubectl 1.32: error executing jsonpath "\t\"é\x01\\{.nosuch}": …
    expect(formatExecuteError('\t"é\u0001\\{.nosuch}', 'nosuch is not found', {})).toMatch(
      /^error executing jsonpath "\\t\\"é\\x01\\\\\{\.nosuch\}": Error executing template: nosuch is not found\./,
    );
  });
});
