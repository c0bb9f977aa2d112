// `kubectl config` and `kubectl cluster-info` over the simulated docker-desktop session. Expected
// text was checked against the real kubectl 1.32.5 with a docker-desktop style kubeconfig
// (`--kubeconfig=<file>`, offline); cluster-info's colours follow go-colortext (see cluster-info.ts).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import type { KubeconfigContext } from '../index';

function session() {
  const client = new SimulatedClient(createCluster({ seed: 1 }));
  let ns = '';
  const context: KubeconfigContext = {
    get namespace() {
      return ns;
    },
    setNamespace(v) {
      ns = v;
    },
  };
  return { run: (line: string) => runKubectl(line, { client, context }), namespace: () => ns };
}

const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://kubernetes.docker.internal:6443
  name: docker-desktop
contexts:
- context:
    cluster: docker-desktop
    user: docker-desktop
  name: docker-desktop
current-context: docker-desktop
kind: Config
preferences: {}
users:
- name: docker-desktop
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

describe('kubectl config', () => {
  it('kubectl config view prints the docker-desktop kubeconfig with credentials redacted', async () => {
    const s = session();
    expect(await s.run('kubectl config view')).toEqual({ stdout: VIEW, stderr: '', exitCode: 0 });
    expect(await s.run('kubectl config view --minify')).toEqual({ stdout: VIEW, stderr: '', exitCode: 0 });
  });

  it('kubectl config view -o json keeps the Go struct field order', async () => {
    const r = await session().run('kubectl config view -o json');
    expect(r.stdout).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "docker-desktop",
            "cluster": {
                "server": "https://kubernetes.docker.internal:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "docker-desktop",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "docker-desktop",
            "context": {
                "cluster": "docker-desktop",
                "user": "docker-desktop"
            }
        }
    ],
    "current-context": "docker-desktop"
}
`);
  });

  it('kubectl config view -o jsonpath prints the selected value without a newline', async () => {
    expect(await session().run('kubectl config view -o jsonpath={.contexts[0].name}')).toEqual({ stdout: 'docker-desktop', stderr: '', exitCode: 0 });
  });

  it('kubectl config current-context and get-contexts show docker-desktop as current', async () => {
    const s = session();
    expect((await s.run('kubectl config current-context')).stdout).toBe('docker-desktop\n');
    expect((await s.run('kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME             CLUSTER          AUTHINFO         NAMESPACE\n*         docker-desktop   docker-desktop   docker-desktop   \n',
    );
    expect((await s.run('kubectl config get-contexts --no-headers')).stdout).toBe('*     docker-desktop   docker-desktop   docker-desktop   \n');
    expect((await s.run('kubectl config get-contexts -o name')).stdout).toBe('docker-desktop\n');
  });

  it('kubectl config get-contexts of an unknown name prints the empty table and an error', async () => {
    expect(await session().run('kubectl config get-contexts nope')).toEqual({
      stdout: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n',
      stderr: 'error: context nope not found\n',
      exitCode: 1,
    });
  });

  it('kubectl config use-context switches only to the existing context', async () => {
    const s = session();
    expect(await s.run('kubectl config use-context docker-desktop')).toEqual({ stdout: 'Switched to context "docker-desktop".\n', stderr: '', exitCode: 0 });
    expect(await s.run('kubectl config use nope')).toEqual({ stdout: '', stderr: 'error: no context exists with the name: "nope"\n', exitCode: 1 });
  });

  it('kubectl config set-context --current --namespace changes the namespace later commands use', async () => {
    const s = session();
    await s.run('kubectl create namespace kiamol');
    expect(await s.run('kubectl config set-context --current --namespace=kiamol')).toEqual({ stdout: 'Context "docker-desktop" modified.\n', stderr: '', exitCode: 0 });
    expect(s.namespace()).toBe('kiamol');
    expect((await s.run('kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME             CLUSTER          AUTHINFO         NAMESPACE\n*         docker-desktop   docker-desktop   docker-desktop   kiamol\n',
    );
    expect((await s.run('kubectl config view --minify -o jsonpath={..namespace}')).stdout).toBe('kiamol');
    expect(await s.run('kubectl run web --image=nginx')).toEqual({ stdout: 'pod/web created\n', stderr: '', exitCode: 0 });
    expect((await s.run('kubectl get pods -o name')).stdout).toBe('pod/web\n');
    expect((await s.run('kubectl get pods -n default -o name')).stdout).toBe('');
  });
});

describe('kubectl cluster-info', () => {
  it('kubectl cluster-info prints the control plane in plain text (no colour codes, as real 1.32.5) and the dump hint', async () => {
    expect(await session().run('kubectl cluster-info')).toEqual({
      stdout:
        "Kubernetes control plane is running at https://kubernetes.docker.internal:6443\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
      stderr: '',
      exitCode: 0,
    });
  });
});
