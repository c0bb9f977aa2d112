import { describe, expect, test } from 'vitest';
import { rfc3339 } from '../../../k8s/duration';
import type { KubeObject, Pod } from '../../../k8s/types';
import { cellsFor, columnsFor, hasPrinter, partialObjectMetadata, printerFor, tableFor, tableForObject } from './index';
import { DAY, HOUR, MINUTE, NOW, ago } from './testing';

function pod(name: string, creationTimestamp: string | undefined, phase: 'Running' | 'Succeeded' = 'Running'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '42',
      ...(creationTimestamp === undefined ? {} : { creationTimestamp }),
      labels: { run: name },
    },
    spec: { containers: [{ name, image: 'nginx' }], nodeName: 'node-1' },
    status: { phase, podIP: '10.244.0.9', containerStatuses: [{ name, ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: {} } }] },
  };
}

describe('tableFor', () => {
  test('builds a meta.k8s.io/v1 Table whose JSON has the apiserver field order', () => {
    const table = tableFor('pods', [pod('nginx', ago(5 * MINUTE))], NOW, { resourceVersion: '1234' });
    const json = JSON.stringify(table);
    expect(json.startsWith('{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1234"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace.')).toBe(true);
    expect(json).toContain('{"name":"Ready","type":"string","format":"","description":"The aggregate readiness state of this pod for accepting traffic.","priority":0}');
    expect(table.rows).toEqual([
      {
        cells: ['nginx', '1/1', 'Running', '0', '5m', '10.244.0.9', 'node-1', '<none>', '<none>'],
        object: {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { name: 'nginx', namespace: 'default', uid: 'uid-nginx', resourceVersion: '42', creationTimestamp: ago(5 * MINUTE), labels: { run: 'nginx' } },
        },
      },
    ]);
  });

  test('rows carry the full object for includeObject=Object and null for None', () => {
    const p = pod('nginx', ago(1));
    expect(tableFor('pods', [p], NOW, { includeObject: 'Object' }).rows[0].object).toBe(p);
    expect(tableFor('pods', [p], NOW, { includeObject: 'None' }).rows[0].object).toBeNull();
    expect(JSON.stringify(tableFor('pods', [p], NOW, { includeObject: 'None' }).rows[0])).toBe(
      '{"cells":["nginx","1/1","Running","0","1s","10.244.0.9","node-1","<none>","<none>"],"object":null}',
    );
  });

  test('a full object without kind and apiVersion gets them from the resource, first in key order', () => {
    const bare = { metadata: { name: 'web', creationTimestamp: ago(60) }, spec: { replicas: 1, selector: {}, template: { spec: { containers: [] } } } } as KubeObject;
    const obj = tableFor('deployments.apps', [bare], NOW, { includeObject: 'Object' }).rows[0].object as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(['kind', 'apiVersion', 'metadata', 'spec']);
    expect([obj.kind, obj.apiVersion]).toEqual(['Deployment', 'apps/v1']);
  });

  test('an unrecognized includeObject value is the apiserver BadRequest message', () => {
    expect(() => tableFor('pods', [], NOW, { includeObject: 'All' as never })).toThrow('unrecognized includeObject value: "All"');
  });

  test('a Succeeded pod row carries the Completed condition', () => {
    const table = tableFor('pods', [pod('job', ago(10), 'Succeeded')], NOW);
    expect(table.rows[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  test('noHeaders (watch events after the first) sends null column definitions; list metadata is copied', () => {
    const table = tableFor('pods', [], NOW, { noHeaders: true, resourceVersion: '7', continue: 'abc', remainingItemCount: 3 });
    expect(table).toEqual({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7', continue: 'abc', remainingItemCount: 3 }, columnDefinitions: null, rows: [] });
    expect(tableFor('pods', [], NOW).metadata).toEqual({});
  });

  test('tableForObject uses the object resourceVersion, as a GET of one object does', () => {
    expect(tableForObject('pods', pod('nginx', ago(1)), NOW).metadata).toEqual({ resourceVersion: '42' });
  });

  test('PartialObjectMetadata writes ObjectMeta in Go field order and a zero creationTimestamp as null', () => {
    const obj = { metadata: { labels: { a: 'b' }, namespace: 'ns', name: 'x' } } as KubeObject;
    expect(JSON.stringify(partialObjectMetadata(obj))).toBe(
      '{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"x","namespace":"ns","creationTimestamp":null,"labels":{"a":"b"}}}',
    );
  });
});

describe('printer lookup', () => {
  test('finds printers by plural name, with or without the right group', () => {
    expect(printerFor('pods').kind).toBe('Pod');
    expect(printerFor('deployments.apps').kind).toBe('Deployment');
    expect(printerFor('ReplicaSets').kind).toBe('ReplicaSet');
    expect(printerFor('events.events.k8s.io').kind).toBe('Event');
    expect(printerFor('endpointslices.discovery.k8s.io').kind).toBe('EndpointSlice');
    expect(hasPrinter('jobs.batch')).toBe(true);
    expect(hasPrinter('jobs.example.com')).toBe(false);
    expect(hasPrinter('leases.coordination.k8s.io')).toBe(true);
    expect(hasPrinter('widgets.example.com')).toBe(false);
  });

  test('columnsFor returns copies and cellsFor a row', () => {
    const cols = columnsFor('services');
    cols[0].name = 'changed';
    expect(columnsFor('services')[0].name).toBe('Name');
    expect(cellsFor('namespaces', { metadata: { name: 'default', creationTimestamp: ago(2 * DAY) }, status: { phase: 'Active' } }, NOW)).toEqual(['default', 'Active', '2d']);
  });
});

describe('the default table for types without a printer', () => {
  test('has Name and a date-typed Created At column with RFC 3339 UTC cells', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'podbook-control-plane', creationTimestamp: '2026-02-28T21:00:00+09:00' } } as KubeObject;
    const table = tableFor('widgets.example.com', [widget], NOW);
    expect(table.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ]);
    expect(table.rows[0].cells).toEqual(['podbook-control-plane', '2026-02-28T12:00:00Z']);
  });

  test('an object without a creation time shows Go zero time', () => {
    expect(tableFor('widgets.example.com', [{ metadata: { name: 'w' } } as KubeObject], NOW).rows[0].cells).toEqual(['w', '0001-01-01T00:00:00Z']);
  });
});

describe('AGE at the HumanDuration boundaries', () => {
  // [seconds since creation, AGE]
  const cases: [number, string][] = [
    [0, '0s'],
    [-1.5, '0s'],
    [-2, '<invalid>'],
    [1, '1s'],
    [119, '119s'],
    [120, '2m'],
    [150, '2m30s'],
    [9 * MINUTE + 59, '9m59s'],
    [10 * MINUTE, '10m'],
    [179 * MINUTE + 59, '179m'],
    [3 * HOUR, '3h'],
    [3 * HOUR + 5 * MINUTE, '3h5m'],
    [7 * HOUR + 59 * MINUTE, '7h59m'],
    [8 * HOUR, '8h'],
    [47 * HOUR + 59 * MINUTE, '47h'],
    [48 * HOUR, '2d'],
    [51 * HOUR, '2d3h'],
    [191 * HOUR, '7d23h'],
    [8 * DAY, '8d'],
    [729 * DAY, '729d'],
    [730 * DAY, '2y'],
    [735 * DAY, '2y5d'],
    [8 * 365 * DAY, '8y'],
  ];
  test.each(cases)('a pod created %s seconds before the response is %s old', (seconds, age) => {
    // the creation time is a whole second; "now" moves, so fractions of a second are possible
    expect(cellsFor('pods', pod('p', rfc3339(NOW)), NOW + seconds * 1000)[4]).toBe(age);
  });

  test('a missing creationTimestamp is <unknown>', () => {
    expect(cellsFor('pods', pod('p', undefined), NOW)[4]).toBe('<unknown>');
  });

  test('a fraction in a stored timestamp is dropped, as metav1.Time keeps whole seconds', () => {
    // created 2.5 s before now: the apiserver sees …:57Z, 3 s ago
    expect(cellsFor('pods', pod('p', new Date(NOW - 2500).toISOString()), NOW)[4]).toBe('3s');
  });
});
