// The chapter-2 commands of kiamol (kiamol-ch02-commands.md §2: 1, 13, 18–22, 24–28, 41–47)
// run against a fresh simulated cluster, with time passing between lines as a reader would let
// it. Full stdout/stderr are asserted; names and hashes come from the seeded cluster.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import { KIAMOL_DEPLOYMENT, KIAMOL_POD } from '../manifests';

// [command, stdout, stderr, seconds to let pass afterwards]
type Step = [string, string, string, number];

const STEPS: Step[] = [
  ['kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol', 'pod/hello-kiamol created\n', '', 30],
  ['kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol', 'deployment.apps/hello-kiamol-2 created\n', '', 30],
  ['kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x', 'pod/hello-kiamol-2-6b7948f89c-ltl9p labeled\n', '', 5],
  [
    'kubectl get pods -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    'NAME                              LABELS\n' +
      'hello-kiamol                      map[run:hello-kiamol]\n' +
      'hello-kiamol-2-6b7948f89c-4tr2q   map[app:hello-kiamol-2 pod-template-hash:6b7948f89c]\n' +
      'hello-kiamol-2-6b7948f89c-ltl9p   map[app:hello-kiamol-x pod-template-hash:6b7948f89c]\n',
    '',
    1,
  ],
  [
    'kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    'NAME                              LABELS\n' +
      'hello-kiamol-2-6b7948f89c-4tr2q   map[app:hello-kiamol-2 pod-template-hash:6b7948f89c]\n' +
      'hello-kiamol-2-6b7948f89c-ltl9p   map[app:hello-kiamol-x pod-template-hash:6b7948f89c]\n',
    '',
    1,
  ],
  ['kubectl label pods -l app=hello-kiamol-x --overwrite app=hello-kiamol-2', 'pod/hello-kiamol-2-6b7948f89c-ltl9p labeled\n', '', 5],
  [
    'kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    'NAME                              LABELS\n' + 'hello-kiamol-2-6b7948f89c-ltl9p   map[app:hello-kiamol-2 pod-template-hash:6b7948f89c]\n',
    '',
    1,
  ],
  ['kubectl apply -f pod.yaml', 'pod/hello-kiamol-3 created\n', '', 20],
  [
    'kubectl get pods',
    'NAME                              READY   STATUS    RESTARTS   AGE\n' +
      'hello-kiamol                      1/1     Running   0          93s\n' +
      'hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          63s\n' +
      'hello-kiamol-3                    1/1     Running   0          20s\n',
    '',
    1,
  ],
  ['kubectl apply -f https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml', 'pod/hello-kiamol-3 unchanged\n', '', 1],
  ['kubectl apply -f deployment.yaml', 'deployment.apps/hello-kiamol-4 created\n', '', 20],
  [
    'kubectl get pods -l app=hello-kiamol-4',
    'NAME                              READY   STATUS    RESTARTS   AGE\n' + 'hello-kiamol-4-7b47754659-5l9hj   1/1     Running   0          20s\n',
    '',
    60,
  ],
  [
    'kubectl get pods',
    'NAME                              READY   STATUS    RESTARTS   AGE\n' +
      'hello-kiamol                      1/1     Running   0          2m55s\n' +
      'hello-kiamol-2-6b7948f89c-ltl9p   1/1     Running   0          2m25s\n' +
      'hello-kiamol-3                    1/1     Running   0          102s\n' +
      'hello-kiamol-4-7b47754659-5l9hj   1/1     Running   0          80s\n',
    '',
    1,
  ],
  [
    'kubectl delete pods --all',
    'pod "hello-kiamol" deleted\n' + 'pod "hello-kiamol-2-6b7948f89c-ltl9p" deleted\n' + 'pod "hello-kiamol-3" deleted\n' + 'pod "hello-kiamol-4-7b47754659-5l9hj" deleted\n',
    '',
    10,
  ],
  [
    'kubectl get pods',
    'NAME                              READY   STATUS    RESTARTS   AGE\n' +
      'hello-kiamol-2-6b7948f89c-hnsv6   1/1     Running   0          10s\n' +
      'hello-kiamol-4-7b47754659-4j6sn   1/1     Running   0          10s\n',
    '',
    1,
  ],
  [
    'kubectl get deploy',
    'NAME             READY   UP-TO-DATE   AVAILABLE   AGE\n' + 'hello-kiamol-2   1/1     1            1           2m37s\n' + 'hello-kiamol-4   1/1     1            1           92s\n',
    '',
    1,
  ],
  ['kubectl delete deploy --all', 'deployment.apps "hello-kiamol-2" deleted\n' + 'deployment.apps "hello-kiamol-4" deleted\n', '', 60],
  ['kubectl get pods', '', 'No resources found in default namespace.\n', 1],
  [
    'kubectl get all',
    'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' + 'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   4m9s\n',
    '',
    0,
  ],
];

describe('kiamol chapter 2 transcript', () => {
  it('runs the chapter\'s run/create/label/apply/delete commands and prints what kubectl 1.32 prints', async () => {
    const cluster = createCluster({ seed: 1 });
    const client = new SimulatedClient(cluster);
    const files: Record<string, string> = { 'pod.yaml': KIAMOL_POD, 'deployment.yaml': KIAMOL_DEPLOYMENT };
    const actual: { cmd: string; stdout: string; stderr: string; exitCode: number }[] = [];
    const expected: { cmd: string; stdout: string; stderr: string; exitCode: number }[] = [];
    for (const [cmd, stdout, stderr, wait] of STEPS) {
      const r = await runKubectl(cmd, { client, files: { read: (p) => files[p] } });
      actual.push({ cmd, ...r });
      expected.push({ cmd, stdout, stderr, exitCode: 0 });
      cluster.advance(wait * 1000);
    }
    expect(actual).toEqual(expected);
  });
});
