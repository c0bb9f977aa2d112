// Client-side error paths of every verb Podbook registers, asserted byte for byte. Each expected
// stdout/stderr/exit code in CLIENT_SIDE was captured from the real kubectl 1.32.5 run offline as
// `kubectl <line> --kubeconfig=/dev/null` (errors raised before any request; the discovery
// warnings kubectl logs for an unreachable server are left out). Server-side errors (NotFound,
// AlreadyExists, Invalid) come from the simulated cluster's Status messages; see SERVER_SIDE.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

function session() {
  const client = new SimulatedClient(createCluster({ seed: 1 }));
  return (line: string) => runKubectl(line, { client });
}

/** [command line, stdout, stderr, exit code]: verified against the real binary offline (see above). */
const CLIENT_SIDE: [string, string, string, number][] = [
  ["kubectl get", "", "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n", 1],
  ["kubectl get pods --foo", "", "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", 1],
  ["kubectl describe", "", "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1],
  ["kubectl run", "", "error: required flag(s) \"image\" not set\n", 1],
  ["kubectl run x", "", "error: required flag(s) \"image\" not set\n", 1],
  ["kubectl run x --image=nginx --restart=Foo", "", "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl create", "", "error: must specify one of -f and -k\n", 1],
  ["kubectl create deployment x", "", "error: required flag(s) \"image\" not set\n", 1],
  ["kubectl create namespace", "", "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n", 1],
  ["kubectl create configmap", "", "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n", 1],
  ["kubectl create secret generic", "", "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n", 1],
  ["kubectl create service clusterip", "", "error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n", 1],
  ["kubectl create service nodeport", "", "error: exactly one NAME is required, got 0\nSee 'kubectl create service nodeport -h' for help and examples\n", 1],
  ["kubectl apply", "", "error: must specify one of -f and -k\n", 1],
  ["kubectl delete", "", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1],
  ["kubectl delete pods --all x", "", "error: name cannot be provided when a selector is specified\n", 1],
  ["kubectl label", "", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n", 1],
  ["kubectl annotate", "", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n", 1],
  ["kubectl scale", "", "error: required flag(s) \"replicas\" not set\n", 1],
  ["kubectl scale deploy/x --replicas=-2", "", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n", 1],
  ["kubectl expose", "", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1],
  ["kubectl set image", "", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1],
  ["kubectl rollout status", "", "error: required resource not specified\n", 1],
  ["kubectl rollout history", "", "error: required resource not specified\n", 1],
  ["kubectl rollout undo", "", "error: required resource not specified\n", 1],
  ["kubectl rollout restart", "", "error: required resource not specified\n", 1],
  ["kubectl wait", "", "error: unrecognized condition: \"\"\n", 1],
  ["kubectl logs", "", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n", 1],
  ["kubectl exec", "", "error: pod, type/name or --filename must be specified\n", 1],
  ["kubectl exec x", "", "error: you must specify at least one command for the container\n", 1],
  ["kubectl cp", "", "error: source and destination are required\n", 1],
  ["kubectl cp a", "", "error: source and destination are required\n", 1],
  ["kubectl port-forward", "", "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n", 1],
  ["kubectl port-forward x", "", "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n", 1],
  ["kubectl version --output=foo", "", "error: --output must be 'yaml' or 'json'\n", 1],
  ["kubectl api-resources -o foo", "", "error: --output foo is not available\n", 1],
  ["kubectl explain", "", "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n", 1],
  ["kubectl explain a b", "", "error: We accept only this format: explain RESOURCE\n", 1],
  ["kubectl config use-context x", "", "error: no context exists with the name: \"x\"\n", 1],
  ["kubectl config set-context", "", "error: you must specify a non-empty context name or --current\n", 1],
  ["kubectl config set-context foo --current", "", "error: you cannot specify both a context name and --current\n", 1],
  ["kubectl config view -o foo", "", "error: unable to match a printer suitable for the output format \"foo\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n", 1],
  ["kubectl config view extra", "", "error: unexpected arguments: [extra]\nSee 'kubectl config view -h' for help and examples\n", 1],
  ["kubectl config foo", "", "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n", 1],
];

describe('kubectl error paths, as the real kubectl 1.32 prints them', () => {
  it.each(CLIENT_SIDE)('%s', async (line, stdout, stderr, exitCode) => {
    expect(await session()(line)).toEqual({ stdout, stderr, exitCode });
  });
});

const NF = (what: string) => `Error from server (NotFound): ${what} not found\n`;

/**
 * Server-side errors: the apiserver's Status messages through CheckErr (`Error from server
 * (<Reason>): …`, the Invalid form `The Pod "x" is invalid: …`), as kube-protocol §1 records them.
 * Not checkable offline; the strings are the apiserver's wording.
 */
describe('kubectl prints the apiserver errors of the simulated cluster as CheckErr does', () => {
  it.each([
    ['kubectl get pods nope', NF('pods "nope"')],
    ['kubectl describe pods nope', NF('pods "nope"')],
    ['kubectl delete pod nope', NF('pods "nope"')],
    ['kubectl label pod nope a=b', NF('pods "nope"')],
    ['kubectl annotate pod nope a=b', NF('pods "nope"')],
    ['kubectl exec nope -- ls', NF('pods "nope"')],
    ['kubectl rollout status deploy/nope', NF('deployments.apps "nope"')],
    ['kubectl rollout history deploy/nope', NF('deployments.apps "nope"')],
    ['kubectl expose deploy nope --port=80', NF('deployments.apps "nope"')],
    ['kubectl set image deploy/nope a=b', NF('deployments.apps "nope"')],
    ['kubectl wait --for=condition=Ready pod/nope', NF('pods "nope"')],
    ['kubectl port-forward pod/nope 8080:80', NF('pods "nope"')],
  ])('%s: NotFound', async (line, stderr) => {
    expect(await session()(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it.each([
    // real kubectl 1.32.5 against podbook cluster: scale wraps the builder's error, logs words its own
    ['kubectl scale deploy nope --replicas=2', 'error: no objects passed to scale deployments.apps "nope" not found\n'],
    ['kubectl logs nope', 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
    ['kubectl logs deploy/nope', 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n'],
  ])('%s: NotFound in the verb’s own wording', async (line, stderr) => {
    expect(await session()(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('kubectl run and create of an existing name fail with AlreadyExists', async () => {
    const run = session();
    await run('kubectl run x --image=nginx');
    expect(await run('kubectl run x --image=nginx')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "x" already exists\n', exitCode: 1 });
    await run('kubectl create deployment x --image=nginx');
    expect(await run('kubectl create deployment x --image=nginx')).toEqual({
      stdout: '',
      // the typed generator wraps the server's error (real 1.32.5)
      stderr: 'error: failed to create deployment: deployments.apps "x" already exists\n',
      exitCode: 1,
    });
    expect(await run('kubectl create namespace kube-system')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): namespaces "kube-system" already exists\n',
      exitCode: 1,
    });
  });

  it('kubectl create configmap with an invalid name prints the Invalid status on one line, wrapped by the generator', async () => {
    expect(await session()('kubectl create configmap Bad_Name')).toEqual({
      stdout: '',
      stderr:
        'error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
      exitCode: 1,
    });
  });

  it('kubectl run with an invalid name lists both causes (pod name and container name)', async () => {
    const r = await session()('kubectl run Bad_Name --image=nginx');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').slice(0, 1)).toEqual(['The Pod "Bad_Name" is invalid: ']);
    expect(r.stderr).toContain('* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain');
    expect(r.stderr).toContain('* spec.containers[0].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label');
  });
});
