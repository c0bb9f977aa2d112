// `kubectl create` (-f and the generators) against the simulated cluster. Generated bodies were
// checked against the real kubectl 1.32.5 with `--dry-run=client -o json|yaml`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import { KIAMOL_POD } from '../manifests';

function session(files: Record<string, string> = {}) {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  return { cluster, run: (line: string) => runKubectl(line, { client, files: { read: (p) => files[p] } }) };
}

describe('kubectl create deployment', () => {
  it('kubectl create deployment prints deployment.apps/NAME created and labels everything app=NAME', async () => {
    const s = session();
    expect(await s.run('kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol')).toEqual({
      stdout: 'deployment.apps/hello-kiamol-2 created\n',
      stderr: '',
      exitCode: 0,
    });
    const d = s.cluster.store.get<KubeObject & { spec: { replicas: number; selector: unknown; template: { metadata: unknown; spec: { containers: { name: string }[] } } } }>(
      'deployments',
      'default',
      'hello-kiamol-2',
    );
    expect(d.metadata.labels).toEqual({ app: 'hello-kiamol-2' });
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'hello-kiamol-2' } });
    expect(d.spec.template.spec.containers[0].name).toBe('ch02-hello-kiamol');
  });

  it('kubectl create deployment --dry-run=client -o json matches kubectl 1.32, command after --', async () => {
    const r = await session().run('kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80 --dry-run=client -o json -- sleep 1');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 2,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx:1.27",
                        "command": [
                            "sleep",
                            "1"
                        ],
                        "ports": [
                            {
                                "containerPort": 80
                            }
                        ],
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
`);
  });

  it('kubectl create deployment names one container per --image', async () => {
    const r = await session().run('kubectl create deployment web --image=a --image=b:1 --dry-run=client -o yaml');
    expect(r.stdout).toContain('      containers:\n      - image: a\n        name: a\n        resources: {}\n      - image: b:1\n        name: b\n        resources: {}\n');
  });

  it('kubectl create deployment errors: missing --image, missing name, image list with a command, AlreadyExists', async () => {
    const s = session();
    expect(await s.run('kubectl create deployment web')).toEqual({ stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(await s.run('kubectl create deployment --image=x')).toEqual({
      stdout: '',
      stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
      exitCode: 1,
    });
    expect((await s.run('kubectl create deployment web --image=a --image=b -- x')).stderr).toBe('error: cannot specify multiple --image options and command\n');
    await s.run('kubectl create deployment web --image=nginx');
    expect((await s.run('kubectl create deployment web --image=nginx')).stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
  });
});

describe('kubectl create namespace, configmap, secret, service', () => {
  it('kubectl create namespace prints namespace/NAME created', async () => {
    const s = session();
    expect((await s.run('kubectl create namespace ns1')).stdout).toBe('namespace/ns1 created\n');
    expect(s.cluster.store.find('namespaces', undefined, 'ns1')).toBeDefined();
    expect((await s.run('kubectl create ns ns2 --dry-run=client -o json')).stdout).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "ns2",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    );
  });

  it('kubectl create configmap takes literals and virtual files (key = basename or key=path)', async () => {
    const s = session({ 'conf/f.txt': 'hi\n' });
    expect((await s.run('kubectl create configmap cm --from-literal=a=1 --from-literal=b=x=y --from-file=conf/f.txt --from-file=k2=conf/f.txt')).stdout).toBe('configmap/cm created\n');
    expect(s.cluster.store.get<KubeObject & { data: unknown }>('configmaps', 'default', 'cm').data).toEqual({ a: '1', b: 'x=y', 'f.txt': 'hi\n', k2: 'hi\n' });
  });

  it('kubectl create configmap errors on a bad literal and on a duplicate key', async () => {
    const s = session();
    expect((await s.run('kubectl create configmap cm --from-literal=a')).stderr).toBe('error: invalid literal source a, expected key=value\n');
    expect((await s.run('kubectl create configmap cm --from-literal=a=1 --from-literal=a=2')).stderr).toBe(
      'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "cm"\n',
    );
  });

  it('kubectl create secret generic base64-encodes the values', async () => {
    const s = session();
    expect((await s.run('kubectl create secret generic s --from-literal=a=1')).stdout).toBe('secret/s created\n');
    expect(s.cluster.store.get<KubeObject & { data: unknown }>('secrets', 'default', 's').data).toEqual({ a: 'MQ==' });
  });

  it('kubectl create service clusterip builds the port name from --tcp', async () => {
    const s = session();
    const r = await s.run('kubectl create service clusterip svc --tcp=80:8080 --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: svc
  name: svc
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: svc
  type: ClusterIP
status:
  loadBalancer: {}
`);
    expect((await s.run('kubectl create service nodeport np --tcp=80')).stdout).toBe('service/np created\n');
    expect((await s.run('kubectl create service clusterip x')).stderr).toBe('error: at least one tcp port specifier must be provided\n');
  });
});

describe('kubectl create -f', () => {
  it('kubectl create -f creates each object of the file and AlreadyExists names the file', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    expect(await s.run('kubectl create -f pod.yaml')).toEqual({ stdout: 'pod/hello-kiamol-3 created\n', stderr: '', exitCode: 0 });
    expect(await s.run('kubectl create -f pod.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "hello-kiamol-3" already exists\n',
      exitCode: 1,
    });
  });

  it('kubectl create -f of a missing file says the path does not exist', async () => {
    expect(await session().run('kubectl create -f nope.yaml')).toEqual({ stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
  });

  it('kubectl create -f reads multi-document files and JSON', async () => {
    const s = session({
      'both.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n',
      'three.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"three"}}',
    });
    expect((await s.run('kubectl create -f both.yaml -f three.json')).stdout).toBe('configmap/one created\nconfigmap/two created\nconfigmap/three created\n');
  });

  it('kubectl create -f of a document without kind fails validation', async () => {
    const s = session({ 'nokind.yaml': 'apiVersion: v1\nmetadata:\n  name: a\n' });
    expect((await s.run('kubectl create -f nokind.yaml')).stderr).toBe(
      'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect((await s.run('kubectl create -f nokind.yaml --validate=false')).stderr).toBe(
      'error: unable to decode "nokind.yaml": Object \'Kind\' is missing in \'{"apiVersion":"v1","metadata":{"name":"a"}}\'\n',
    );
  });
});
