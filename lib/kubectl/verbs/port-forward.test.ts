import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '..';
import type { PortForwardHost } from '..';

function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const opened: [string, string, number, number][] = [];
  const portForwards: PortForwardHost = {
    open: (ns, pod, local, remote) => {
      opened.push([ns, pod, local, remote]);
      return local === 9999 ? undefined : local || 32768;
    },
  };
  return { cluster, client, opened, run: (line: string) => runKubectl(line, { client, portForwards }) };
}

describe('kubectl port-forward', () => {
  it('a service port is forwarded to its pod’s targetPort', async () => {
    const x = setup();
    await x.run('kubectl create deployment web --image=kiamol/ch02-hello-kiamol');
    x.cluster.store.create('services', 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ port: 8088, targetPort: 80 }] },
    } as KubeObject);
    x.cluster.advance(30_000);
    expect(await x.run('kubectl port-forward svc/web 8080:8088')).toEqual({
      stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
      stderr: '',
      exitCode: 0,
    });
    expect(x.opened[0][1]).toMatch(/^web-[0-9a-f]+-[a-z0-9]{5}$/);
    expect(x.opened[0].slice(2)).toEqual([8080, 80]);
  });

  it('without ports it prints the usage error', async () => {
    const x = setup();
    expect(await x.run('kubectl port-forward pod/x')).toEqual({
      stdout: '',
      stderr: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n",
      exitCode: 1,
    });
  });

  it('a missing pod is the server’s NotFound', async () => {
    const x = setup();
    expect((await x.run('kubectl port-forward hello 8080:80')).stderr).toBe('Error from server (NotFound): pods "hello" not found\n');
    expect((await x.run('kubectl port-forward deploy/hello 8080:80')).stderr).toBe('Error from server (NotFound): deployments.apps "hello" not found\n');
  });

  it('--address 0.0.0.0 and a random local port', async () => {
    const x = setup();
    await x.run('kubectl run hello --image=kiamol/ch02-hello-kiamol');
    x.cluster.advance(10_000);
    expect((await x.run('kubectl port-forward hello :80 --address 0.0.0.0')).stdout).toBe('Forwarding from 0.0.0.0:32768 -> 80\n');
    expect((await x.run('kubectl port-forward hello 8080:http')).stderr).toBe("error: Pod 'hello' does not have a named port 'http'\n");
    expect((await x.run('kubectl port-forward hello 8080:0')).stderr).toBe('error: remote port must be > 0\n');
  });

  it('a port in use on every address fails with kubectl’s listener errors', async () => {
    const x = setup();
    await x.run('kubectl run hello --image=kiamol/ch02-hello-kiamol');
    x.cluster.advance(10_000);
    expect(await x.run('kubectl port-forward hello 9999:80')).toEqual({
      stdout: '',
      stderr:
        'Unable to listen on port 9999: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:9999: bind: address already in use unable to create listener: Error listen tcp6 [::1]:9999: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{9999 80}]\n',
      exitCode: 1,
    });
  });
});
