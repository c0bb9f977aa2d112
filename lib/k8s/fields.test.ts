import { describe, expect, it } from 'vitest';
import {
  checkFieldSelectorSupported,
  convertFieldLabel,
  escapeFieldValue,
  fieldSelectorMatchesObject,
  fieldsForObject,
  parseFieldSelector,
  transformFieldSelector,
  type FieldSelector,
} from './fields';
import type { KubeObject } from './types';

function sel(s: string): FieldSelector {
  const r = parseFieldSelector(s);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
}

function err(s: string): string {
  const r = parseFieldSelector(s);
  if (r.ok) throw new Error(`expected failure for ${s}`);
  return r.error;
}

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { containers: [], nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
  status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }] },
};

describe('parseFieldSelector', () => {
  it('parses =, == and != and prints == as =', () => {
    const s = sel('status.phase==Running,spec.nodeName!=node-2');
    expect(s.requirements).toEqual([
      { field: 'spec.nodeName', op: '!=', value: 'node-2' },
      { field: 'status.phase', op: '=', value: 'Running' },
    ]);
    expect(s.toString()).toBe('spec.nodeName!=node-2,status.phase=Running');
  });

  it('unescapes values and escapes them again when printing', () => {
    const s = sel('metadata.name=a\\,b\\=c\\\\d');
    expect(s.requirements[0].value).toBe('a,b=c\\d');
    expect(s.toString()).toBe('metadata.name=a\\,b\\=c\\\\d');
    expect(escapeFieldValue('x=y')).toBe('x\\=y');
  });

  it('gives an empty selector for the empty string and skips empty terms', () => {
    expect(sel('').empty()).toBe(true);
    expect(sel('a=b,').toString()).toBe('a=b');
  });

  it('reports a term without an operator', () => {
    expect(err('status.phase')).toBe("invalid selector: 'status.phase'; can't understand 'status.phase'");
  });

  it('reports an unescaped = in a value by its code point', () => {
    expect(err('a=b=c')).toBe('invalid field selector: unescaped character in value: 61');
  });

  it('reports an unknown escape sequence', () => {
    expect(err('a=b\\x')).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(err('a=b\\')).toBe('invalid field selector: invalid escape sequence: \\');
  });

  it('treats a missing field as the empty string when matching', () => {
    expect(sel('spec.nodeName=').matches(() => undefined)).toBe(true);
    expect(sel('spec.nodeName!=').matches(() => undefined)).toBe(false);
  });
});

describe('fieldsForObject', () => {
  it('exposes the pod fields the registry selects on', () => {
    expect(fieldsForObject('pods', pod)).toEqual({
      'metadata.name': 'web-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.0.5',
      'status.nominatedNodeName': '',
    });
  });

  it('exposes event fields, with source falling back to reportingComponent', () => {
    const ev: KubeObject = {
      metadata: { name: 'web-1.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' },
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      type: 'Normal',
    };
    const f = fieldsForObject('events', ev)!;
    expect(f['involvedObject.name']).toBe('web-1');
    expect(f['involvedObject.fieldPath']).toBe('');
    expect(f.source).toBe('default-scheduler');
    expect(f.reason).toBe('Scheduled');
  });

  it('gives cluster-scoped objects no metadata.namespace', () => {
    expect(fieldsForObject('nodes', { metadata: { name: 'node-1' }, spec: { unschedulable: true } })).toEqual({
      'metadata.name': 'node-1',
      'spec.unschedulable': 'true',
    });
    expect(fieldsForObject('namespaces', { metadata: { name: 'default' }, status: { phase: 'Active' } })).toEqual({
      'metadata.name': 'default',
      'status.phase': 'Active',
    });
  });

  it('exposes secret type and replica set replicas', () => {
    expect(fieldsForObject('secrets', { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' })!.type).toBe('Opaque');
    expect(fieldsForObject('replicasets', { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 3 } })!['status.replicas']).toBe('3');
  });

  it('returns null for a resource it does not know', () => {
    expect(fieldsForObject('widgets', { metadata: { name: 'w' } })).toBeNull();
  });
});

describe('field selector support', () => {
  it('accepts the fields a pod conversion function knows', () => {
    expect(checkFieldSelectorSupported('pods', sel('status.phase=Running,spec.nodeName=node-1'))).toBeNull();
  });

  it('rejects an unknown pod field as the pod conversion function words it', () => {
    expect(checkFieldSelectorSupported('pods', sel('spec.foo=bar'))).toBe('field label not supported: spec.foo');
  });

  it('rejects non-metadata fields on kinds without a conversion function', () => {
    expect(checkFieldSelectorSupported('deployments', sel('spec.replicas=1'))).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(checkFieldSelectorSupported('configmaps', sel('metadata.name=x'))).toBeNull();
  });

  it('rejects status.replicas on apps/v1 replica sets like a 1.32 server', () => {
    expect(checkFieldSelectorSupported('replicasets', sel('status.replicas=1'))).toBe(
      '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('rejects metadata.namespace on nodes', () => {
    expect(checkFieldSelectorSupported('nodes', sel('metadata.namespace=x'))).toBe('field label not supported: metadata.namespace');
  });

  it('maps the legacy spec.host pod field to spec.nodeName', () => {
    expect(convertFieldLabel('pods', 'spec.host')).toEqual({ ok: true, field: 'spec.nodeName' });
    const t = transformFieldSelector('pods', sel('spec.host=node-1'));
    expect(t.ok && t.selector.toString()).toBe('spec.nodeName=node-1');
  });

  it('matches objects by their selectable fields', () => {
    expect(fieldSelectorMatchesObject('pods', sel('status.phase=Running'), pod)).toBe(true);
    expect(fieldSelectorMatchesObject('pods', sel('spec.nodeName!=node-1'), pod)).toBe(false);
    expect(fieldSelectorMatchesObject('pods', sel('metadata.name=web-1,metadata.namespace=default'), pod)).toBe(true);
  });
});
