// `kubectl explain` over the bundled 1.32 schemas, rendered as explain/v2's plaintext.tmpl does.
// Argument errors were checked against the real kubectl 1.32.5 offline (`--kubeconfig=/dev/null`);
// the layout follows the template and funcs.go (1.32's wrap drops line breaks, then word-wraps).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { wrapString } from '../explain';
import { runKubectl } from '../index';

const run = (line: string) => runKubectl(line, { client: new SimulatedClient(createCluster({ seed: 1 })) });

describe('kubectl explain', () => {
  it('kubectl explain pods prints KIND, VERSION, the description and each field with its type', async () => {
    const r = await run('kubectl explain pods');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith(
      'KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n',
    )).toBe(true);
    expect(r.stdout).toContain('  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
  });

  it('kubectl explain deployment.spec.replicas prints GROUP and the FIELD line', async () => {
    expect(await run('kubectl explain deployment.spec.replicas')).toEqual({
      stdout:
        'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods. This is a pointer to distinguish between explicit\n    zero and not specified. Defaults to 1.\n    \n\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('kubectl explain svc.spec.ports marks required fields and lists enums', async () => {
    const r = await run('kubectl explain svc.spec.ports');
    expect(r.stdout).toContain('FIELD: ports <[]ServicePort>\n');
    expect(r.stdout).toContain('  port\t<integer> -required-\n');
    expect(r.stdout).toContain('  protocol\t<string>\n  enum: SCTP, TCP, UDP\n');
    expect(r.stdout).toContain('  targetPort\t<IntOrString>\n');
  });

  it('kubectl explain --recursive lists nested fields without descriptions', async () => {
    const r = await run('kubectl explain pods.spec.containers --recursive');
    expect(r.stdout).toContain('  ports\t<[]ContainerPort>\n    containerPort\t<integer> -required-\n    hostIP\t<string>\n');
  });

  it('kubectl explain --api-version picks the group version', async () => {
    expect((await run('kubectl explain deployments --api-version=apps/v1')).exitCode).toBe(0);
  });

  it.each([
    // real kubectl 1.32.5, offline
    ['kubectl explain', 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n'],
    ['kubectl explain a b', 'error: We accept only this format: explain RESOURCE\n'],
  ])('%s fails', async (line, stderr) => {
    expect(await run(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it.each([
    // real kubectl 1.32.5 against `podbook cluster` (server-dependent: the REST mapper's error
    // has no `error: ` prefix; the template writes KIND/VERSION before its `throw`)
    ['kubectl explain foo', '', 'the server doesn\'t have a resource type "foo"\n'],
    ['kubectl explain pods.spec.foo', 'KIND:       Pod\nVERSION:    v1\n\n', 'error: field "foo" does not exist\n'],
    ['kubectl explain pods.foo.bar', 'KIND:       Pod\nVERSION:    v1\n\n', 'error: field "bar" does not exist\n'],
  ])('%s fails as the real kubectl does against a server', async (line, stdout, stderr) => {
    expect(await run(line)).toEqual({ stdout, stderr, exitCode: 1 });
  });
});

describe('wrapString (go-wordwrap)', () => {
  it('breaks at spaces within the limit and keeps long words whole', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('a https://example.com/very/long b', 10)).toBe('a\nhttps://example.com/very/long\nb');
  });
});
