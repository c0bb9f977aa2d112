// `kubectl config …` over the kubeconfig a Podbook session implies: docker-desktop's single
// cluster, context and user (the server from client.server; credentials redacted to
// DATA+OMITTED as `config view` does without --raw), the context's namespace from the session
// (Invocation.context). Messages checked against the real kubectl 1.32.5 with a docker-desktop
// style kubeconfig (`--kubeconfig=<file>`).

import { toYaml } from '../format/goyaml';
import { KubectlError, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { noPrinterError, parseOutputFormat, printJsonPath } from '../printers/output';
import { notSupportedMessage } from './unsupported';

export const CONTEXT_NAME = 'docker-desktop';

const VIEW_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

function contextNamespace(inv: Invocation): string {
  return inv.context?.namespace ?? '';
}

/** clientcmdapi v1 Config in its Go field order (kind, apiVersion, preferences, clusters, users, contexts, current-context). */
function kubeconfig(inv: Invocation): Record<string, unknown> {
  const ns = contextNamespace(inv);
  const context: Record<string, unknown> = { cluster: CONTEXT_NAME, user: CONTEXT_NAME };
  if (ns) context.namespace = ns;
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: CONTEXT_NAME, cluster: { server: inv.client.server, 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: CONTEXT_NAME, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: CONTEXT_NAME, context }],
    'current-context': CONTEXT_NAME,
  };
}

export const configView: Verb = async (inv) => {
  try {
    if (inv.args.length > 0) {
      throw new KubectlError(`error: unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl config view -h' for help and examples`, 1, true);
    }
    if (inv.flags.raw === true) {
      inv.err(notSupportedMessage('kubectl config view --raw'));
      return 1;
    }
    const output = typeof inv.flags.output === 'string' ? inv.flags.output : 'yaml';
    const base = output.split('=')[0];
    if (!VIEW_FORMATS.includes(base)) throw noPrinterError(output, VIEW_FORMATS);
    const config = kubeconfig(inv);
    const f = parseOutputFormat(output, { allowMissingKeys: inv.flags['allow-missing-template-keys'] !== false });
    switch (f.kind) {
      case 'yaml':
        inv.out(toYaml(config));
        return 0;
      case 'json':
        inv.out(`${JSON.stringify(config, null, 4)}\n`); // json.MarshalIndent over the struct, in field order
        return 0;
      case 'name':
        inv.out('config/<unknown>\n');
        return 0;
      case 'jsonpath':
        inv.out(printJsonPath(config, f));
        return 0;
      default:
        inv.err(notSupportedMessage(`kubectl config view -o ${output}`));
        return 1;
    }
  } catch (e) {
    return printError(inv, e);
  }
};

export const configCurrentContext: Verb = async (inv) => {
  inv.out(`${CONTEXT_NAME}\n`);
  return 0;
};

/** printers.GetNewTabWriter: minwidth 6, padding 3; the last cell is written as is. */
function tabulate(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(6, ...rows.map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('') + '\n').join('');
}

export const configGetContexts: Verb = async (inv) => {
  const output = typeof inv.flags.output === 'string' ? inv.flags.output : '';
  if (output !== '' && output !== 'name') return printError(inv, new KubectlError("output must be one of '' or 'name'"));
  const wanted = inv.args.length > 0 ? inv.args : [CONTEXT_NAME];
  const missing = wanted.filter((n) => n !== CONTEXT_NAME);
  const found = wanted.filter((n) => n === CONTEXT_NAME);
  if (output === 'name') {
    inv.out(found.map((n) => `${n}\n`).join(''));
  } else {
    const rows: string[][] = [];
    if (inv.flags['no-headers'] !== true) rows.push(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    for (const n of found) rows.push(['*', n, CONTEXT_NAME, CONTEXT_NAME, contextNamespace(inv)]);
    if (rows.length > 0) inv.out(tabulate(rows));
  }
  if (missing.length > 0) {
    for (const n of missing) inv.err(`error: context ${n} not found\n`);
    return 1;
  }
  return 0;
};

const USE_CONTEXT_HELP = `Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const configUseContext: Verb = async (inv) => {
  if (inv.args.length !== 1) {
    // validate() fails with the usage (cobra prints it on stdout) and CheckErr's message
    inv.out(USE_CONTEXT_HELP);
    inv.err(`error: Unexpected args: [${inv.args.join(' ')}]\n`);
    return 1;
  }
  const name = inv.args[0];
  if (name !== CONTEXT_NAME) return printError(inv, new KubectlError(`no context exists with the name: ${JSON.stringify(name)}`));
  inv.out(`Switched to context ${JSON.stringify(name)}.\n`);
  return 0;
};

export const configSetContext: Verb = async (inv) => {
  const current = inv.flags.current === true;
  const name = inv.args[0] ?? '';
  if (current && name !== '') return printError(inv, new KubectlError('you cannot specify both a context name and --current'));
  if (!current && name === '') return printError(inv, new KubectlError('you must specify a non-empty context name or --current'));
  const target = current ? CONTEXT_NAME : name;
  if (target !== CONTEXT_NAME || inv.changed.has('cluster') || inv.changed.has('user')) {
    // a second context, or re-pointing the only one, is beyond the single docker-desktop session
    inv.err(notSupportedMessage(`kubectl config set-context ${name || '--current'}`));
    return 1;
  }
  if (inv.changed.has('namespace')) {
    const ns = typeof inv.flags.namespace === 'string' ? inv.flags.namespace : '';
    inv.context?.setNamespace(ns);
  }
  inv.out(`Context ${JSON.stringify(target)} modified.\n`);
  return 0;
};
