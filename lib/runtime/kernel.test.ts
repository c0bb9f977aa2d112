import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import type { KernelEvent, RunnableCell } from './kernel';

const cmd = (id: string, source: string, extra: Partial<Extract<RunnableCell, { type: 'command' }>> = {}): RunnableCell => ({ type: 'command', id, source, ...extra });

function stdout(r: { outputs: { output_type: string; name?: string; text?: string }[] }): string {
  return r.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => o.text).join('');
}

describe('the notebook kernel', () => {
  it('runs chapter 2’s opening cells in order and reports pending, output and done for each', async () => {
    const k = new Kernel({ seed: 1 });
    const events: KernelEvent[] = [];
    k.subscribe((e) => events.push(e));
    const cells = [
      cmd('run', 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol'),
      cmd('wait', 'kubectl wait --for=condition=Ready pod hello-kiamol'),
      cmd('get', 'kubectl get pods'),
    ];
    const results = await k.runAll(cells);
    expect(results.map(stdout)).toEqual(['pod/hello-kiamol created\n', 'pod/hello-kiamol condition met\n', expect.stringMatching(/^NAME +READY +STATUS +RESTARTS +AGE\nhello-kiamol +1\/1 +Running +0 +\d+s\n$/)]);
    expect(results.map((r) => r.execution.count)).toEqual([1, 2, 3]);
    expect(events.filter((e) => e.type !== 'output').map((e) => `${e.type}:${'cellId' in e ? e.cellId : ''}`)).toEqual([
      'pending:run', 'done:run', 'pending:wait', 'done:wait', 'pending:get', 'done:get',
    ]);
  });

  it('marks a cell failed when its command exits non-zero, unless the cell expects an error', async () => {
    const k = new Kernel({ seed: 1 });
    const bad = await k.run(cmd('missing', 'kubectl get pod nope'));
    expect(bad.failed).toBe(true);
    expect(bad.outputs).toEqual([
      { output_type: 'stream', name: 'stderr', text: 'Error from server (NotFound): pods "nope" not found\n' },
      { output_type: 'error', ename: 'ExitCode', evalue: '1', traceback: [] },
    ]);
    const expected = await k.run(cmd('missing-ok', 'kubectl get pod nope', { allowError: true }));
    expect(expected.failed).toBe(false);
    expect(expected.execution.exitCode).toBe(1);
  });

  it('saves a manifest cell as its file for a later apply -f, and shows tab-indented YAML’s error with line, column and a Korean hint', async () => {
    const k = new Kernel({ seed: 1 });
    const ok = await k.run({ type: 'manifest', id: 'pod-yaml', file: 'pod.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n' });
    expect(ok).toMatchObject({ failed: false, outputs: [] });
    expect(stdout(await k.run(cmd('apply', 'kubectl apply -f pod.yaml')))).toBe('pod/web created\n');

    const bad = await k.run({ type: 'manifest', id: 'tabs', file: 'tabs.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n' });
    expect(bad.failed).toBe(true);
    expect(bad.outputs[0]).toMatchObject({ output_type: 'error', ename: 'YAMLError', evalue: 'yaml: line 4: found character that cannot start any token' });
    const tb = (bad.outputs[0] as { traceback: string[] }).traceback;
    expect(tb[0]).toMatch(/^tabs\.yaml \(4번째 줄, \d+번째 칸\): yaml: line 4/);
    expect(tb[1]).toContain('탭');
    const apply = await k.run(cmd('apply-tabs', 'kubectl apply -f tabs.yaml'));
    expect(apply.outputs[0]).toMatchObject({ name: 'stderr', text: expect.stringContaining('error converting YAML to JSON: yaml: line 4: found character that cannot start any token') });
  });

  it('sends a port-forward’s later "Handling connection" lines to the cell that opened it', async () => {
    const k = new Kernel({ seed: 1 });
    const events: KernelEvent[] = [];
    k.subscribe((e) => events.push(e));
    await k.runAll([
      cmd('run', 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol'),
      cmd('wait', 'kubectl wait --for=condition=Ready pod hello-kiamol'),
      cmd('pf', 'kubectl port-forward pod/hello-kiamol 8080:80 &'),
    ]);
    const page = await k.run(cmd('curl', 'curl -s http://localhost:8080'));
    expect(stdout(page)).toContain('Hello from Chapter 2!');
    expect(events.filter((e) => e.type === 'forward-output')).toEqual([{ type: 'forward-output', cellId: 'pf', text: 'Handling connection for 8080\n' }]);
  });

  it('types a cell’s interactive lines into the container shell that exec -it opened', async () => {
    const k = new Kernel({ seed: 1 });
    await k.runAll([cmd('run', 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol'), cmd('wait', 'kubectl wait --for=condition=Ready pod hello-kiamol')]);
    const r = await k.run(cmd('exec', 'kubectl exec -it hello-kiamol -- sh', { interactive: ['hostname', 'exit'] }));
    expect(stdout(r)).toBe('/ # hostname\nhello-kiamol\n/ # exit\n');
    expect(k.shell.container).toBeUndefined();
  });

  it('restart gives a fresh cluster and counter; a snapshot continues where it was taken', async () => {
    const k = new Kernel({ seed: 1 });
    await k.run({ type: 'manifest', id: 'm', file: 'cm.yaml', source: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n' });
    await k.run(cmd('apply', 'kubectl apply -f cm.yaml'));
    const snap = k.snapshot();
    const resumed = Kernel.restore(JSON.parse(JSON.stringify(snap)));
    expect(stdout(await resumed.run(cmd('get', 'kubectl get configmap cfg -o name')))).toBe('configmap/cfg\n');
    expect(resumed.executionCount).toBe(3);

    const events: KernelEvent[] = [];
    k.subscribe((e) => events.push(e));
    k.restart();
    expect(events).toEqual([{ type: 'reset' }]);
    const after = await k.run(cmd('get', 'kubectl get configmap cfg'));
    expect(after.outputs[0]).toMatchObject({ name: 'stderr', text: 'Error from server (NotFound): configmaps "cfg" not found\n' });
    expect(after.execution.count).toBe(1);
  });
});

describe('manifest cells are checked as the API server would check them', () => {
  it('points at an unknown field and at an invalid name by line and column, and lets a valid or existing object through', async () => {
    const k = new Kernel({ seed: 1 });
    const typo = await k.run({ type: 'manifest', id: 'typo', file: 'typo.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolice: Always\n' });
    expect(typo.failed).toBe(true);
    expect(typo.outputs[0]).toMatchObject({ ename: 'ValidationError', evalue: 'unknown field "spec.containers[0].imagePullPolice"' });
    expect((typo.outputs[0] as { traceback: string[] }).traceback[0]).toBe('typo.yaml (9번째 줄, 7번째 칸): unknown field "spec.containers[0].imagePullPolice"');

    const bad = await k.run({ type: 'manifest', id: 'bad', file: 'bad.yaml', source: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n' });
    expect(bad.failed).toBe(true);
    expect((bad.outputs[0] as { traceback: string[] }).traceback[0]).toMatch(/^bad\.yaml \(4번째 줄, 3번째 칸\): ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);

    const ok = await k.run({ type: 'manifest', id: 'ok', file: 'cm.yaml', source: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n' });
    expect(ok).toMatchObject({ failed: false, outputs: [] });
    await k.run(cmd('apply', 'kubectl apply -f cm.yaml'));
    // the same manifest again: it exists now, which is apply's business, not an error of the file
    expect((await k.run({ type: 'manifest', id: 'ok2', file: 'cm.yaml', source: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n' })).failed).toBe(false);
    expect(stdout(await k.run(cmd('get', 'kubectl get configmap -o name')))).toBe('configmap/cfg\nconfigmap/kube-root-ca.crt\n');
  });
});
