import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../k8s/resources';
import { openApiDocument, openApiRoot } from './index';

interface Doc {
  paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: object; parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  components: { schemas: Record<string, Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> }> };
}

const doc = (gv: string) => JSON.parse(openApiDocument(gv)!.body) as Doc;

describe('openApiRoot', () => {
  it('lists every served group-version with a hash-addressed serverRelativeURL', () => {
    const root = openApiRoot() as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(root.paths)).toEqual(['api/v1', 'apis/apps/v1', 'apis/coordination.k8s.io/v1', 'apis/discovery.k8s.io/v1']);
    expect(root.paths['apis/apps/v1'].serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${openApiDocument('apis/apps/v1')!.hash}`);
    expect(openApiDocument('api/v1')!.hash).toMatch(/^[0-9A-F]{128}$/);
  });
});

describe('openApiDocument', () => {
  it('answers undefined for a group-version the server does not serve', () => {
    expect(openApiDocument('apis/batch/v1')).toBeUndefined();
  });

  it('gives every served kind a PATCH operation with its GVK and the fieldValidation query parameter', () => {
    for (const r of RESOURCES) {
      const gv = r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`;
      const prefix = `/${gv}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}/{name}`;
      const patch = doc(gv).paths[prefix]?.patch;
      expect(patch?.['x-kubernetes-group-version-kind'], r.kind).toEqual({ group: r.group, version: r.version, kind: r.kind });
      expect(patch?.parameters?.find((p) => p.name === 'fieldValidation')?.in, r.kind).toBe('query');
    }
  });

  it('declares no requestBody, so kubectl apply builds patches from its built-in types', () => {
    expect(openApiDocument('api/v1')!.body).not.toContain('requestBody');
    expect(openApiDocument('apis/apps/v1')!.body).not.toContain('requestBody');
  });

  it('names components as kube-apiserver does and marks root kinds with their GVK', () => {
    const s = doc('apis/apps/v1').components.schemas;
    expect(s['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(s['io.k8s.api.apps.v1.Deployment'].properties!.metadata).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
      description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    });
    // the apps document carries the core types its pod template reaches, as upstream's does
    expect(s['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(s['io.k8s.api.core.v1.PodSpec']['x-kubernetes-group-version-kind']).toBeUndefined();
    expect(s['io.k8s.api.core.v1.Pod']).toBeUndefined();
  });

  it('carries patch merge keys and enums on fields', () => {
    const s = doc('api/v1').components.schemas;
    expect(s['io.k8s.api.core.v1.PodSpec'].properties!.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(s['io.k8s.api.core.v1.ServicePort'].properties!.protocol.enum).toEqual(['SCTP', 'TCP', 'UDP']);
  });

  it('stubs the nested types of kinds explain has no schema for as preserve-unknown-fields objects', () => {
    const s = doc('api/v1').components.schemas;
    expect(s['io.k8s.api.core.v1.Node'].properties!.spec).toMatchObject({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.NodeSpec' }] });
    expect(s['io.k8s.api.core.v1.NodeSpec']).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });
});
