// `kubectl exec` against the simulated cluster: kiamol ch02 §2.4 (commands 29–37), the ch02 lab's
// `exec deploy/whoami -- sh -c 'hostname'`, 『시작하세요! 도커/쿠버네티스』 ch06's sidecar `curl
// localhost`, and kubectl 1.32's error strings (usage errors from exec.go, the Docker runtime's
// missing-binary message passed through cri-dockerd, `command terminated with exit code N`).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import type { KubectlContext } from '../index';

const HTML_HEAD = '<html>\r\n  <body>\r\n    <h1>\r\n      Hello from Chapter 2!\r\n';
const PROGRESS = '-                    100% |********************************|   353  0:00:00 ETA\n';

function ready(cluster: Cluster, ns: string, name: string) {
  return () =>
    cluster.store.find<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>('pods', ns, name)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function anyReady(cluster: Cluster, label: string) {
  return () =>
    cluster.store
      .list<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>('pods', 'default', { labelSelector: label })
      .items.some((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (cmd: string, extra: Partial<KubectlContext> = {}) => runKubectl(cmd, { client, ...extra });
  const expectRun = async (cmd: string, stdout: string, stderr: string, exitCode: number, extra: Partial<KubectlContext> = {}) => {
    const r = await run(cmd, extra);
    expect({ cmd, ...r }).toEqual({ cmd, stdout, stderr, exitCode });
  };
  return { cluster, client, run, expectRun };
}

function createPod(cluster: Cluster, name: string, containers: { name: string; image: string; command?: string[]; args?: string[] }[], restartPolicy = 'Always') {
  cluster.store.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { run: name } }, spec: { containers, restartPolicy } } as KubeObject);
}

function createDeployment(cluster: Cluster, name: string, image: string, container = 'web', replicas = 1) {
  cluster.store.create('deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: container, image }] } } },
  } as KubeObject);
}

describe('kubectl exec on the simulated cluster', () => {
  it('runs kiamol ch02 §2.4: the interactive shell, hostname -i, wget | head, exit, exec deploy/… sh -c', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    await expectRun('kubectl wait --for=condition=Ready pod hello-kiamol', 'pod/hello-kiamol condition met\n', '', 0);
    await expectRun('kubectl get pod hello-kiamol -o custom-columns=NAME:metadata.name,POD_IP:status.podIP', 'NAME           POD_IP\nhello-kiamol   10.1.0.6\n', '', 0);
    // the Korean list's form without `--`
    await expectRun(
      'kubectl exec -it hello-kiamol sh',
      '',
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      1,
    );
    // an interactive session on a terminal: prompt, echoed line, output (stderr merged)
    await expectRun(
      'kubectl exec -it hello-kiamol -- sh',
      '/ # hostname -i\n10.1.0.6\n/ # wget -O - http://localhost | head -n 4\nConnecting to localhost (127.0.0.1:80)\nwriting to stdout\n' + HTML_HEAD + PROGRESS + 'written to stdout\n/ # exit\n',
      '',
      0,
      { stdin: 'hostname -i\nwget -O - http://localhost | head -n 4\nexit\n', stdinIsTerminal: true },
    );
    await expectRun(
      'kubectl logs --tail=1 hello-kiamol',
      '127.0.0.1 - - [26/Mar/2025:02:43:20 +0000] "GET / HTTP/1.1" 200 353 "-" "Wget" "-"\n',
      '',
      0,
    );

    await run('kubectl create deployment hello-kiamol-4 --image=kiamol/ch02-hello-kiamol');
    cluster.runUntil(anyReady(cluster, 'app=hello-kiamol-4'), 120_000);
    await expectRun(
      "kubectl exec deploy/hello-kiamol-4 -- sh -c 'wget -O - http://localhost > /dev/null'",
      '',
      'Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n' + PROGRESS + 'written to stdout\n',
      0,
    );
    const r = await run('kubectl logs --tail=1 -l app=hello-kiamol-4');
    expect(r).toMatchObject({ stderr: '', exitCode: 0 });
    expect(r.stdout).toMatch(/^127\.0\.0\.1 - - \[26\/Mar\/2025:02:43:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 353 "-" "Wget" "-"\n$/);
  });

  it('without a terminal, -it warns that no TTY is possible and the shell reads its stdin without prompts', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    cluster.runUntil(ready(cluster, 'default', 'hello-kiamol'), 120_000);
    await expectRun(
      'kubectl exec -it hello-kiamol -- sh',
      '10.1.0.6\n' + HTML_HEAD,
      'Unable to use a TTY - input is not a terminal or the right kind of file\nConnecting to localhost (127.0.0.1:80)\nwriting to stdout\n' + PROGRESS + 'written to stdout\n',
      0,
      { stdin: 'hostname -i\nwget -O - http://localhost | head -n 4\nexit\n' },
    );
    await expectRun('kubectl exec -i hello-kiamol -- sh', 'hello-kiamol\n', 'command terminated with exit code 4\n', 4, { stdin: 'hostname\nexit 4\n' });
  });

  it('runs the ch02 lab check: exec deploy/whoami -- sh -c hostname prints the pod name', async () => {
    const { cluster, client, expectRun } = setup();
    createDeployment(cluster, 'whoami', 'kiamol/ch02-whoami');
    cluster.runUntil(anyReady(cluster, 'app=whoami'), 120_000);
    const pod = (await client.list('pods', 'default', { labelSelector: 'app=whoami' })).items[0].metadata.name;
    // Ready comes with the container start (no probe); Kestrel listens 620 ms later
    cluster.advance(1000);
    await expectRun("kubectl exec deploy/whoami -- sh -c 'hostname'", `${pod}\n`, '', 0);
    await expectRun('kubectl exec deploy/whoami -- wget -q -O - http://localhost', `"I'm ${pod} running on Linux 6.10.14-linuxkit #1 SMP Thu Oct 24 19:28:55 UTC 2024"`, '', 0);
  });

  it('reaches nginx from the ubuntu sidecar over the pod’s shared network (ch06 curl localhost)', async () => {
    const { cluster, expectRun } = setup();
    createPod(cluster, 'my-nginx-pod', [
      { name: 'my-nginx-container', image: 'nginx:latest' },
      { name: 'ubuntu-sidecar-container', image: 'alicek106/rr-test:curl', command: ['tail'], args: ['-f', '/dev/null'] },
    ]);
    cluster.runUntil(ready(cluster, 'default', 'my-nginx-pod'), 120_000);
    const session = await runKubectl('kubectl exec -it my-nginx-pod -c ubuntu-sidecar-container bash', { client: new SimulatedClient(cluster) });
    expect(session.stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    const r = await runKubectl('kubectl exec -it my-nginx-pod -c ubuntu-sidecar-container -- bash', {
      client: new SimulatedClient(cluster),
      stdin: 'curl localhost\nexit\n',
      stdinIsTerminal: true,
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('root@my-nginx-pod:/# curl localhost\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n')).toBe(true);
    expect(r.stdout.endsWith('</html>\nroot@my-nginx-pod:/# exit\nexit\n')).toBe(true);
    const logs = await runKubectl('kubectl logs my-nginx-pod --tail=1', { client: new SimulatedClient(cluster) });
    expect(logs.stderr).toBe('Defaulted container "my-nginx-container" out of: my-nginx-container, ubuntu-sidecar-container\n');
    expect(logs.stdout).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.47\.0" "-"\n$/);
    // without -c: the default container, announced on stderr; ubuntu has no curl of its own here
    await expectRun(
      'kubectl exec my-nginx-pod -- hostname',
      'my-nginx-pod\n',
      'Defaulted container "my-nginx-container" out of: my-nginx-container, ubuntu-sidecar-container\n',
      0,
    );
  });

  it('reports missing programs, unknown commands, exit codes and pods it cannot exec into as kubectl does', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    // kubectl 1.32 execs over WebSocket v5; the apiserver's stream translator wraps the kubelet's refusal
    await expectRun('kubectl exec hello-kiamol -- hostname', '', 'error: Internal error occurred: unable to upgrade connection: container not found ("hello-kiamol")\n', 1);
    cluster.runUntil(ready(cluster, 'default', 'hello-kiamol'), 120_000);
    await expectRun(
      'kubectl exec -it hello-kiamol -- bash',
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n',
      'Unable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 126\n',
      126,
    );
    await expectRun("kubectl exec hello-kiamol -- sh -c 'foo'", '', 'sh: foo: not found\ncommand terminated with exit code 127\n', 127);
    await expectRun("kubectl exec hello-kiamol -- sh -c 'exit 3'", '', 'command terminated with exit code 3\n', 3);
    await expectRun('kubectl exec nope -- sh', '', 'Error from server (NotFound): pods "nope" not found\n', 1);
    await expectRun('kubectl exec deploy/nope -- sh', '', 'Error from server (NotFound): deployments.apps "nope" not found\n', 1);
    // Validate's plain error (real kubectl 1.32.5: `kubectl exec x --kubeconfig=/dev/null`)
    await expectRun('kubectl exec hello-kiamol', '', 'error: you must specify at least one command for the container\n', 1);
    await expectRun('kubectl exec -c web hello-kiamol -- sh', '', 'Error from server (BadRequest): container web is not valid for pod hello-kiamol\n', 1);
    createPod(cluster, 'once', [{ name: 'once', image: 'busybox', command: ['sh', '-c', 'echo done'] }], 'Never');
    cluster.advance(60_000);
    expect((cluster.store.get('pods', 'default', 'once') as KubeObject & { status?: { phase?: string } }).status?.phase).toBe('Succeeded');
    await expectRun('kubectl exec once -- sh', '', 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', 1);
  });

  it('runs shell lists, pipes and redirections inside the container', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    cluster.runUntil(ready(cluster, 'default', 'hello-kiamol'), 120_000);
    await expectRun("kubectl exec hello-kiamol -- sh -c 'cat /usr/share/nginx/html/index.html | wc -l'", '15\n', '', 0);
    await expectRun("kubectl exec hello-kiamol -- sh -c 'echo hi > /tmp/x && cat /tmp/x; ls /tmp'", 'hi\nx\n', '', 0);
    await expectRun("kubectl exec hello-kiamol -- sh -c 'false || echo $HOSTNAME'", 'hello-kiamol\n', '', 0);
    await expectRun("kubectl exec hello-kiamol -- sh -c 'cat /nope 2>&1 | head -n 1'", "cat: can't open '/nope': No such file or directory\n", '', 0);
    await expectRun('kubectl exec hello-kiamol -- ls /usr/share/nginx/html', '50x.html\nindex.html\n', '', 0);
  });
});
