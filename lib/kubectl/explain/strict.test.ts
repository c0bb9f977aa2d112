import { describe, expect, it } from 'vitest';
import { strictDecodingErrors, unknownFields } from './strict';

const deployment = (spec: object, metadata: object = { name: 'x' }) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec });

describe('unknownFields', () => {
  it('accepts a well-formed deployment', () => {
    const d = deployment({
      replicas: 2,
      selector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: { containers: [{ name: 'x', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] },
      },
    });
    expect(unknownFields('apps/v1', 'Deployment', d)).toEqual([]);
  });

  it('reports a misspelt field in a nested object by its dotted path', () => {
    expect(unknownFields('apps/v1', 'Deployment', deployment({ replica: 2, selector: {} }))).toEqual(['spec.replica']);
  });

  it('reports fields inside arrays of objects with the element index', () => {
    const d = deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'b', imagee: 'x', ports: [{ containerPort: 1, protocl: 'TCP' }] }] } } });
    expect(unknownFields('apps/v1', 'Deployment', d)).toEqual(['spec.template.spec.containers[1].imagee', 'spec.template.spec.containers[1].ports[0].protocl']);
  });

  it('lets maps such as labels, annotations and configmap data hold any key', () => {
    expect(unknownFields('v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'any/key': 'v' }, annotations: { x: 'y' } }, data: { 'a.b': '1' } })).toEqual([]);
  });

  it('checks metadata fields and top-level fields', () => {
    expect(unknownFields('v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', label: { a: 'b' } }, sepc: {} })).toEqual(['metadata.label', 'sepc']);
  });

  it('matches field names case-sensitively, as the apiserver strict decoder does', () => {
    expect(unknownFields('apps/v1', 'Deployment', deployment({ Replicas: 1 }))).toEqual(['spec.Replicas']);
  });

  it('does not look inside an unknown field nor below x-kubernetes-preserve-unknown-fields', () => {
    expect(unknownFields('apps/v1', 'Deployment', deployment({ extra: { deeper: 1 } }))).toEqual(['spec.extra']);
    // Node's spec is stubbed as preserve-unknown-fields: anything goes below it
    expect(unknownFields('v1', 'Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { anything: true }, extra: 1 })).toEqual(['extra']);
  });

  it('ignores values of the wrong JSON type (a decode error, not a field error)', () => {
    expect(unknownFields('apps/v1', 'Deployment', deployment('oops' as unknown as object))).toEqual([]);
  });

  it('knows nothing about kinds the server has no schema for, nor about a kind under the wrong group', () => {
    expect(unknownFields('batch/v1', 'Job', { spec: { nope: 1 } })).toEqual([]);
    expect(unknownFields('v1', 'Deployment', { spec: { nope: 1 } })).toEqual([]);
  });

  it('checks the top-level fields of the stubbed kinds', () => {
    expect(unknownFields('v1', 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'v' }, strngData: {} })).toEqual(['strngData']);
    expect(unknownFields('discovery.k8s.io/v1', 'EndpointSlice', { addressType: 'IPv4', endpoints: [], port: [] })).toEqual(['port']);
  });
});

describe('strictDecodingErrors', () => {
  it('reports unknown and duplicate fields of a raw body in document order', () => {
    const body = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"},"spec":{"unknownField":"foo","replicas":1,"replicas":2}}';
    expect(strictDecodingErrors('apps/v1', 'Deployment', body)).toEqual(['unknown field "spec.unknownField"', 'duplicate field "spec.replicas"']);
  });

  it('reports a duplicate key inside a map and inside a list element', () => {
    const body = '{"metadata":{"labels":{"a":"1","a":"2"}},"spec":{"containers":[{"name":"c","image":"x","image":"y"}]}}';
    expect(strictDecodingErrors('v1', 'Pod', body)).toEqual(['duplicate field "metadata.labels.a"', 'duplicate field "spec.containers[0].image"']);
  });

  it('handles escaped strings, numbers and literals', () => {
    const body = '{"metadata":{"name":"a\\"b","annotations":{"k":"\\u00e9"}},"spec":{"replicas":1e0,"paused":false,"minReadySeconds":null,"x":[1,-2.5]}}';
    expect(strictDecodingErrors('apps/v1', 'Deployment', body)).toEqual(['unknown field "spec.x"']);
  });

  it('throws SyntaxError on malformed JSON', () => {
    expect(() => strictDecodingErrors('v1', 'Pod', '{"spec":')).toThrow(SyntaxError);
  });
});
