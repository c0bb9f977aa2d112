import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../k8s/resources';
import { KubectlError } from './invocation';
import { findResource, resolveResourceArgs } from './resources';

const names = (args: string[]) =>
  resolveResourceArgs(RESOURCES, args).map((v) => (v.names ? `${v.info.resource}:${v.names.join('+')}` : v.info.resource));

describe('resource arguments', () => {
  it('finds a type by plural, singular, short name, kind and qualified forms', () => {
    for (const arg of ['pods', 'pod', 'po', 'PODS', 'Pod', 'pods.v1.', 'pod.v1.']) expect(findResource(RESOURCES, arg)?.resource).toBe('pods');
    for (const arg of ['deployments', 'deploy', 'deployments.apps', 'deployments.v1.apps', 'Deployment', 'Deployment.apps', 'Deployment.v1.apps', 'deploy.apps']) {
      expect(findResource(RESOURCES, arg)?.resource).toBe('deployments');
    }
  });

  it('does not find a type in the wrong group', () => {
    expect(findResource(RESOURCES, 'pods.apps')).toBeUndefined();
    expect(findResource(RESOURCES, 'po.apps')).toBeUndefined();
  });

  it('expands the all category in discovery order and drops duplicate types', () => {
    expect(names(['all'])).toEqual(['pods', 'services', 'deployments', 'replicasets']);
    expect(names(['po,pods,svc'])).toEqual(['pods', 'services']);
  });

  it('pairs every name with every type, and type/name arguments one by one', () => {
    expect(names(['pods,svc', 'web'])).toEqual(['pods:web', 'services:web']);
    expect(names(['pod/web', 'deploy/api'])).toEqual(['pods:web', 'deployments:api']);
    expect(names(['pod', 'a', 'b'])).toEqual(['pods:a+b']);
  });

  it('reports the first unknown type by its resource part', () => {
    expect(() => resolveResourceArgs(RESOURCES, ['foo.bar,baz'])).toThrow(new KubectlError('the server doesn\'t have a resource type "foo"'));
  });

  it('refuses a bare type next to type/name arguments, naming kubectl in the example', () => {
    expect(() => resolveResourceArgs(RESOURCES, ['pods', 'pod/x'])).toThrow(/^there is no need to specify a resource type as a separate argument/);
  });

  it('refuses type/name arguments without a name', () => {
    expect(() => resolveResourceArgs(RESOURCES, ['pod/'])).toThrow('arguments in resource/name form must have a single resource and name');
  });
});
