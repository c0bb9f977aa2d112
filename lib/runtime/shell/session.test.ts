// The shell session against a fresh simulated cluster (seed 1): chapter 2's shell-side commands.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../simulated-client';
import { ShellSession } from './session';
import { notRunMessage } from './messages';

function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  return { cluster, s: new ShellSession({ client, cluster }) };
}

const LABEL = 'label=io.kubernetes.container.name=hello-kiamol';

async function helloKiamol() {
  const x = session();
  expect(await x.s.run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol')).toEqual({ stdout: 'pod/hello-kiamol created\n', stderr: '', exitCode: 0 });
  expect((await x.s.run('sleep 10')).exitCode).toBe(0);
  return x;
}

describe('the shell session', () => {
  it('config set-context --current --namespace=x makes later commands run in that namespace', async () => {
    const { s } = session();
    await s.run('kubectl create namespace lab');
    expect(await s.run('kubectl config set-context --current --namespace=lab')).toEqual({ stdout: 'Context "docker-desktop" modified.\n', stderr: '', exitCode: 0 });
    expect((await s.run('kubectl run web --image=nginx')).stdout).toBe('pod/web created\n');
    expect((await s.run('kubectl get pods -o name')).stdout).toBe('pod/web\n');
    expect(await s.run('kubectl get pods -n default')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('docker container ls -q, rm -f $(…) and ls again show the self-healing demo (kiamol ch02 steps 8–11)', async () => {
    const { s } = await helloKiamol();
    const first = await s.run(`docker container ls -q --filter ${LABEL}`);
    expect(first).toEqual({ stdout: '1489d4a6c1bc\n', stderr: '', exitCode: 0 });
    expect(await s.run(`docker container rm -f $(docker container ls -q --filter ${LABEL})`)).toEqual({ stdout: '1489d4a6c1bc\n', stderr: '', exitCode: 0 });
    await s.run('sleep 5');
    expect((await s.run('kubectl get pod hello-kiamol')).stdout).toBe('NAME           READY   STATUS    RESTARTS   AGE\nhello-kiamol   1/1     Running   1          15s\n');
    const second = await s.run(`docker container ls -q --filter ${LABEL}`);
    expect(second.stdout).toMatch(/^[0-9a-f]{12}\n$/);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it('docker container ls prints docker’s table with the pod container and its sandbox', async () => {
    const { s } = await helloKiamol();
    expect((await s.run('docker container ls')).stdout).toBe(
      'CONTAINER ID   IMAGE                             COMMAND                  CREATED         STATUS         PORTS     NAMES\n' +
        '1489d4a6c1bc   kiamol/ch02-hello-kiamol:latest   "/docker-entrypoint.…"   4 seconds ago   Up 4 seconds             k8s_hello-kiamol_hello-kiamol_default_5904e252-122a-4b48-b67a-6626c203627c_0\n' +
        'f0762bb27845   registry.k8s.io/pause:3.10        "/pause"                 9 seconds ago   Up 9 seconds             k8s_POD_hello-kiamol_default_5904e252-122a-4b48-b67a-6626c203627c_0\n',
    );
  });

  it('docker container rm with an empty $(…) prints docker’s usage error', async () => {
    const { s } = session();
    expect(await s.run(`docker container rm -f $(docker container ls -q --filter ${LABEL})`)).toEqual({
      stdout: '',
      stderr:
        '"docker container rm" requires at least 1 argument.\nSee \'docker container rm --help\'.\n\nUsage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n',
      exitCode: 1,
    });
  });

  it('port-forward prints the Forwarding lines and a later curl reaches the 353-byte hello-kiamol page', async () => {
    const { s } = await helloKiamol();
    expect(await s.run('kubectl port-forward pod/hello-kiamol 8080:80')).toEqual({
      stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
      stderr: '',
      exitCode: 0,
    });
    const page = await s.run('curl http://localhost:8080');
    expect(page.exitCode).toBe(0);
    expect(page.stderr).toBe('');
    expect(new TextEncoder().encode(page.stdout).length).toBe(353);
    expect(page.stdout).toContain('Hello from Chapter 2!');
    expect(s.forwards[0].output).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n');
    expect((await s.run('kubectl logs --tail=1 hello-kiamol')).stdout).toBe('127.0.0.1 - - [26/Mar/2025:02:43:24 +0000] "GET / HTTP/1.1" 200 353 "-" "curl/8.7.1" "-"\n');
  });

  it('curl piped to head -n 4 prints the first four lines and curl’s progress meter on stderr', async () => {
    const { s } = await helloKiamol();
    await s.run('kubectl port-forward pod/hello-kiamol 8080:80');
    expect(await s.run('curl http://localhost:8080 | head -n 4')).toEqual({
      stdout: '<html>\r\n  <body>\r\n    <h1>\r\n      Hello from Chapter 2!\r\n',
      stderr:
        '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '100   353  100   353    0     0   172k      0 --:--:-- --:--:-- --:--:--  172k\n',
      exitCode: 0,
    });
    expect(await s.run('curl -s localhost:8080 | wc -c')).toEqual({ stdout: '353\n', stderr: '', exitCode: 0 });
    expect(await s.run('curl -s localhost:8080 | grep -c h')).toEqual({ stdout: '11\n', stderr: '', exitCode: 0 });
  });

  it('the lab’s whoami answers through a deployment port-forward with its own pod name', async () => {
    const { s } = session();
    await s.run('kubectl create deployment whoami --image=kiamol/ch02-whoami');
    await s.run('sleep 30');
    expect((await s.run('kubectl port-forward deploy/whoami 8080:80')).stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    const name = (await s.run("kubectl get pods -o custom-columns=NAME:metadata.name --no-headers")).stdout.trim();
    const r = await s.run('curl http://localhost:8080');
    expect(r.stdout).toMatch(new RegExp(`^"I'm ${name} running on Linux .+"$`));
  });

  it('curl without a forward fails as curl 8 does, and outside addresses are refused with a note', async () => {
    const { s } = session();
    expect(await s.run('curl http://localhost:8080')).toEqual({
      stdout: '',
      stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
    const ext = await s.run('curl https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml');
    expect(ext.exitCode).toBe(6);
    expect(ext.stderr).toContain('외부 주소');
    expect(ext.stderr).toContain('The simulator does not reach outside addresses such as https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml');
  });

  it('a second forward to a port held by a background one fails with kubectl’s address-in-use error', async () => {
    const { s } = await helloKiamol();
    await s.run('kubectl port-forward pod/hello-kiamol 8080:80 &');
    expect(await s.run('kubectl port-forward pod/hello-kiamol 8080:80')).toEqual({
      stdout: '',
      stderr:
        'Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{8080 80}]\n',
      exitCode: 1,
    });
  });

  it('a foreground forward is replaced by the next one on its port, as after Ctrl-C', async () => {
    const { s } = await helloKiamol();
    await s.run('kubectl port-forward pod/hello-kiamol 8080:80');
    expect((await s.run('kubectl port-forward pod/hello-kiamol 8080:80')).exitCode).toBe(0);
    expect(s.forwards.map((f) => f.open)).toEqual([false, true]);
  });

  it('port-forward to a pending pod prints kubectl’s not-running error', async () => {
    const { s } = session();
    await s.run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    expect(await s.run('kubectl port-forward pod/hello-kiamol 8080:80')).toEqual({
      stdout: '',
      stderr: 'error: unable to forward port because pod is not running. Current status=Pending\n',
      exitCode: 1,
    });
  });

  it('an unknown command gets a Korean and English note and exit status 127', async () => {
    const { s } = session();
    expect(await s.run('vim pod.yaml')).toEqual({ stdout: '', stderr: notRunMessage('vim'), exitCode: 127 });
    expect(notRunMessage('vim')).toContain("(The simulator does not run 'vim'");
    expect((await s.run('docker image ls')).stderr).toBe(notRunMessage('docker image'));
  });

  it('mkdir -p then ls lists the new directories, and cat reads a redirected file', async () => {
    const { s } = session();
    expect(await s.run('mkdir -p /tmp/kiamol/ch02')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect((await s.run('ls /tmp/kiamol')).stdout).toBe('ch02\n');
    expect(await s.run('mkdir /tmp/a/b')).toEqual({ stdout: '', stderr: 'mkdir: cannot create directory ‘/tmp/a/b’: No such file or directory\n', exitCode: 1 });
    expect(await s.run('echo hello > /tmp/kiamol/ch02/x.txt && cat /tmp/kiamol/ch02/x.txt')).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
    expect(await s.run('cat /nope 2>/dev/null || echo missing')).toEqual({ stdout: 'missing\n', stderr: '', exitCode: 0 });
  });

  it('cd into a preloaded folder makes kubectl apply -f read the file there', async () => {
    const { s } = session();
    // JSON is YAML: the manifest reader takes it whatever YAML support it has
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello-kiamol-3' }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } };
    s.fs.write('/root/kiamol/ch02/pod.yaml', JSON.stringify(pod, null, 2));
    expect(await s.run('cd kiamol/ch02 && pwd && ls')).toEqual({ stdout: '/root/kiamol/ch02\npod.yaml\n', stderr: '', exitCode: 0 });
    expect(await s.run('kubectl apply -f pod.yaml')).toEqual({ stdout: 'pod/hello-kiamol-3 created\n', stderr: '', exitCode: 0 });
  });

  it('pipes, comments and continuations: kubectl get pods | grep … | wc -l', async () => {
    const { s } = await helloKiamol();
    expect(await s.run('kubectl get pods \\\n  | grep hello | wc -l  # count them')).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
    expect(await s.run('kubectl get pods | head -n 1')).toEqual({ stdout: 'NAME           READY   STATUS    RESTARTS   AGE\n', stderr: '', exitCode: 0 });
  });

  it('a syntax error is reported as bash reports it, exit status 2', async () => {
    const { s } = session();
    expect(await s.run('| head')).toEqual({ stdout: '', stderr: "bash: line 1: syntax error near unexpected token `|'\n", exitCode: 2 });
  });
  it('kubectl exec -it … -- sh opens the container shell: lines go to it until exit, with its prompt', async () => {
    const { s } = await helloKiamol();
    expect(s.prompt()).toBe('$ ');
    expect(await s.run('kubectl exec -it hello-kiamol -- sh')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('/ # ');
    expect(s.container).toEqual({ namespace: 'default', pod: 'hello-kiamol', container: 'hello-kiamol', shell: 'sh' });
    expect(await s.run('hostname -i')).toEqual({ stdout: '10.1.0.6\n', stderr: '', exitCode: 0 });
    // busybox writes wget's progress to stderr; on a terminal both arrive together
    const page = await s.run('wget -O - http://localhost | head -n 1');
    expect(page.stdout.startsWith('Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n<html>\r\n')).toBe(true);
    expect(await s.run('cd /usr/share/nginx/html')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('/usr/share/nginx/html # ');
    expect(await s.run('exit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('$ ');
    expect(s.container).toBeUndefined();
    expect(await s.run('pwd')).toEqual({ stdout: '/root\n', stderr: '', exitCode: 0 });
  });

  it('a cell that opens a container shell feeds it the following lines, echoed after the prompt', async () => {
    const { s } = await helloKiamol();
    expect(await s.run('kubectl exec -it hello-kiamol -- sh\nhostname\nexit 3\necho back on the host')).toEqual({
      stdout: '/ # hostname\nhello-kiamol\n/ # exit 3\nback on the host\n',
      stderr: 'command terminated with exit code 3\n',
      exitCode: 0,
    });
    expect(s.prompt()).toBe('$ ');
  });

  it('exec -it into a shell the image lacks, into a missing pod, or through a pipe stays on the host', async () => {
    const { s } = await helloKiamol();
    expect(await s.run('kubectl exec -it hello-kiamol -- bash')).toEqual({
      stdout: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n',
      stderr: 'command terminated with exit code 126\n',
      exitCode: 126,
    });
    expect(await s.run('kubectl exec -it nope -- sh')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect((await s.run('kubectl exec -it hello-kiamol -- sh | cat')).stderr).toBe('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    expect(s.prompt()).toBe('$ ');
  });

  it('exec -it deploy/x -c C -- bash opens that container’s bash with bash’s prompt', async () => {
    const { s } = session();
    s.fs.write(
      '/root/pod.yaml',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'my-nginx-pod' },
        spec: {
          containers: [
            { name: 'my-nginx-container', image: 'nginx:latest' },
            { name: 'ubuntu-sidecar-container', image: 'alicek106/rr-test:curl', command: ['tail'], args: ['-f', '/dev/null'] },
          ],
        },
      }),
    );
    await s.run('kubectl apply -f pod.yaml');
    await s.run('kubectl wait --for=condition=Ready pod my-nginx-pod');
    expect(await s.run('kubectl exec -it my-nginx-pod -c ubuntu-sidecar-container -- bash')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('root@my-nginx-pod:/# ');
    expect((await s.run('curl -s localhost')).stdout).toContain('<title>Welcome to nginx!</title>');
    expect(await s.run('exit')).toEqual({ stdout: 'exit\n', stderr: '', exitCode: 0 });
    expect(s.prompt()).toBe('$ ');
  });
  it('when the container dies under an exec -it session, kubectl reports exit code 137 and the next line runs on the host', async () => {
    const { cluster, s } = await helloKiamol();
    await s.run('kubectl exec -it hello-kiamol -- sh');
    expect(s.prompt()).toBe('/ # ');
    const other = new ShellSession({ client: s.client, cluster });
    expect((await other.run(`docker container rm -f $(docker container ls -q --filter ${LABEL})`)).exitCode).toBe(0);
    expect(s.prompt()).toBe('$ ');
    expect(await s.run('echo $?')).toEqual({ stdout: '137\n', stderr: 'command terminated with exit code 137\n', exitCode: 0 });
  });
});

describe('kubectl -f - reads the cell’s standard input', () => {
  it('applies a manifest from a pipe and from a here-document; < /dev/null gives it nothing', async () => {
    const { s } = session();
    expect(await s.run('echo "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped" | kubectl apply -f -')).toEqual({ stdout: 'configmap/piped created\n', stderr: '', exitCode: 0 });
    expect(await s.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: heredoc\nEOF")).toEqual({
      stdout: 'configmap/heredoc created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await s.run('kubectl apply -f - < /dev/null')).toEqual({ stdout: '', stderr: 'error: no objects passed to apply\n', exitCode: 1 });
  });
});

describe('kubectl run attached (-i, -t, --rm), as the real kubectl 1.32.5 prints it against podbook cluster', () => {
  it('prints a short command’s output, deletes the pod with --rm, and fails as a failed container did', async () => {
    const { s } = session();
    expect(await s.run('kubectl run -i --rm t3 --image=busybox --restart=Never -- echo hello')).toEqual({ stdout: 'hello\npod "t3" deleted\n', stderr: '', exitCode: 0 });
    expect(await s.run("kubectl run -i --rm t5 --image=busybox --restart=Never -- sh -c 'echo bye; exit 3'")).toEqual({
      stdout: 'bye\npod "t5" deleted\n',
      stderr: 'pod default/t5 terminated (Error)\n',
      exitCode: 3,
    });
    expect((await s.run('kubectl run --rm t6 --image=busybox')).stderr).toBe("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
    expect((await s.run('kubectl run t4 --image=busybox -it --dry-run=client -- sh')).stderr).toBe(
      "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n",
    );
  });

  it('run -it --rm … -- sh at the terminal opens the pod’s shell; exit ends the session, then the pod is deleted', async () => {
    const { s, cluster } = session();
    expect(await s.run('kubectl run -it --rm t2 --image=busybox -- sh')).toEqual({ stdout: '', stderr: "If you don't see a command prompt, try pressing enter.\n", exitCode: 0 });
    expect(s.prompt()).toBe('/ # ');
    expect(await s.run('hostname')).toEqual({ stdout: 't2\n', stderr: '', exitCode: 0 });
    expect(await s.run('exit')).toEqual({
      stdout: "Session ended, resume using 'kubectl attach t2 -c t2 -i -t' command when the pod is running\npod \"t2\" deleted\n",
      stderr: '',
      exitCode: 0,
    });
    expect(s.prompt()).toBe('$ ');
    cluster.advance(60_000);
    expect((await s.run('kubectl get pods')).stderr).toBe('No resources found in default namespace.\n');
  });
});

describe('kubectl run -it with --restart=Never', () => {
  it('reports a shell that exits non-zero as the real kubectl does: the attach warning, the deletion, the failed pod and its exit code', async () => {
    const { s } = session();
    await s.run('kubectl run -it --rm t9 --image=busybox --restart=Never -- sh');
    expect(await s.run('exit 3')).toEqual({
      stdout: 'pod "t9" deleted\n',
      stderr: "warning: couldn't attach to pod/t9, falling back to streaming logs: command terminated with exit code 3\npod default/t9 terminated (Error)\n",
      exitCode: 3,
    });
  });
});

describe('a one-shot network client as a container’s main process', () => {
  it('kubectl run -i --rm … -- curl <pod IP> prints the page the pod serves, then deletes the pod', async () => {
    const { s } = session();
    await s.run('kubectl run web --image=kiamol/ch02-hello-kiamol');
    await s.run('kubectl wait --for=condition=Ready pod web');
    const ip = (await s.run("kubectl get pod web -o jsonpath='{.status.podIP}'")).stdout;
    const r = await s.run(`kubectl run -i --rm c1 --image=alicek106/rr-test:curl --restart=Never -- curl -s ${ip}`);
    // (the book's page has CRLF line ends, as the image serves it)
    expect(r.stdout).toMatch(/^<html>\r\n[\s\S]*Hello from Chapter 2![\s\S]*<\/html>\r\npod "c1" deleted\n$/);
    expect(r.exitCode).toBe(0);
    const bad = await s.run('kubectl run -i --rm c2 --image=alicek106/rr-test:curl --restart=Never -- curl -s http://nope');
    expect(bad).toEqual({ stdout: 'curl: (6) Could not resolve host: nope\npod "c2" deleted\n', stderr: 'pod default/c2 terminated (Error)\n', exitCode: 6 });
  });
});
