// Chapter 2's `kubectl get` commands (kiamol-ch02-commands.md §2) against a fresh simulated
// cluster. Every expected output below was checked byte for byte against the real kubectl 1.32
// pointed at the same simulated cluster through a throwaway HTTP facade (AGE is computed from the
// virtual clock, as the apiserver computes it at response time).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import type { KubeObject } from '../k8s/types';
import { runKubectl } from '../kubectl';
import { SimulatedClient } from './simulated-client';

/** The pod `kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol` creates. */
function runPod(cluster: Cluster, name: string): void {
  cluster.store.create('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { run: name } },
    spec: { containers: [{ name, image: 'kiamol/ch02-hello-kiamol' }] },
  } as KubeObject);
}

/** The deployment `kubectl create deployment <name> --image=kiamol/ch02-hello-kiamol` creates. */
function createDeployment(cluster: Cluster, name: string): void {
  cluster.store.create('deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'ch02-hello-kiamol', image: 'kiamol/ch02-hello-kiamol' }] } },
    },
  } as KubeObject);
}

describe('chapter 2 kubectl get transcript on the simulated cluster', () => {
  it('prints what kubectl 1.32 prints for each get of the chapter, ages from the virtual clock', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    const ready = (name: string) => () =>
      cluster.store.find<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>('pods', 'default', name)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    const expectRun = async (cmd: string, stdout: string, stderr: string, exitCode: number) => {
      const r = await runKubectl(cmd, { client });
      expect({ cmd, ...r }).toEqual({ cmd, stdout, stderr, exitCode });
    };

    runPod(cluster, 'hello-kiamol');
    await expectRun("kubectl get pods", `NAME           READY   STATUS    RESTARTS   AGE
hello-kiamol   0/1     Pending   0          0s
`, ``, 0);
    cluster.runUntil(ready('hello-kiamol'), 120_000);
    await expectRun("kubectl get pods", `NAME           READY   STATUS    RESTARTS   AGE
hello-kiamol   1/1     Running   0          6s
`, ``, 0);
    await expectRun("kubectl get pod hello-kiamol", `NAME           READY   STATUS    RESTARTS   AGE
hello-kiamol   1/1     Running   0          6s
`, ``, 0);
    await expectRun("kubectl get pod hello-kiamol --output custom-columns=NAME:metadata.name,NODE_IP:status.hostIP,POD_IP:status.podIP", `NAME           NODE_IP        POD_IP
hello-kiamol   192.168.65.3   10.1.0.6
`, ``, 0);
    await expectRun("kubectl get pod hello-kiamol -o jsonpath='{.status.containerStatuses[0].containerID}'", `docker://1489d4a6c1bcee0d99e9abbea7ee6843305d40755178b4d018f4c371971fe6e2`, ``, 0);
    createDeployment(cluster, 'hello-kiamol-2');
    cluster.advance(1000);
    await expectRun("kubectl get pods", `NAME                              READY   STATUS              RESTARTS   AGE
hello-kiamol                      1/1     Running             0          7s
hello-kiamol-2-6b7948f89c-ltl9p   0/1     ContainerCreating   0          1s
`, ``, 0);
    cluster.advance(30_000);
    await expectRun("kubectl get deploy hello-kiamol-2 -o jsonpath='{.spec.template.metadata.labels}'", `{"app":"hello-kiamol-2"}`, ``, 0);
    await expectRun("kubectl get pods -l app=hello-kiamol-2", `NAME                              READY   STATUS    RESTARTS   AGE
hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          31s
`, ``, 0);
    await expectRun("kubectl get pods -o custom-columns=NAME:metadata.name,LABELS:metadata.labels", `NAME                              LABELS
hello-kiamol                      map[run:hello-kiamol]
hello-kiamol-2-6b7948f89c-ltl9p   map[app:hello-kiamol-2 pod-template-hash:6b7948f89c]
`, ``, 0);
    await expectRun("kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels", `NAME                              LABELS
hello-kiamol-2-6b7948f89c-ltl9p   map[app:hello-kiamol-2 pod-template-hash:6b7948f89c]
`, ``, 0);
    await expectRun("kubectl get pod hello-kiamol -o custom-columns=NAME:metadata.name,POD_IP:status.podIP", `NAME           POD_IP
hello-kiamol   10.1.0.6
`, ``, 0);
    cluster.advance(3_600_000);
    await expectRun("kubectl get pods", `NAME                              READY   STATUS    RESTARTS   AGE
hello-kiamol                      1/1     Running   0          60m
hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          60m
`, ``, 0);
    await expectRun("kubectl get deploy", `NAME             READY   UP-TO-DATE   AVAILABLE   AGE
hello-kiamol-2   1/1     1            1           60m
`, ``, 0);
    await expectRun("kubectl get all", `NAME                                  READY   STATUS    RESTARTS   AGE
pod/hello-kiamol                      1/1     Running   0          60m
pod/hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          60m

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60m

NAME                             READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/hello-kiamol-2   1/1     1            1           60m

NAME                                        DESIRED   CURRENT   READY   AGE
replicaset.apps/hello-kiamol-2-6b7948f89c   1         1         1       60m
`, ``, 0);
    await expectRun("kubectl get pods -o wide", `NAME                              READY   STATUS    RESTARTS   AGE   IP         NODE             NOMINATED NODE   READINESS GATES
hello-kiamol                      1/1     Running   0          60m   10.1.0.6   docker-desktop   <none>           <none>
hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          60m   10.1.0.7   docker-desktop   <none>           <none>
`, ``, 0);
    await expectRun("kubectl get pods nope", ``, `Error from server (NotFound): pods "nope" not found
`, 1);
    await expectRun("kubectl get deploy,rs", `NAME                             READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/hello-kiamol-2   1/1     1            1           60m

NAME                                        DESIRED   CURRENT   READY   AGE
replicaset.apps/hello-kiamol-2-6b7948f89c   1         1         1       60m
`, ``, 0);
  });
});
