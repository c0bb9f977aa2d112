// `kubectl version` (kubectl pkg/cmd/version): the client's build (the referee binary's, v1.32.5),
// Kustomize's, then the server's /version. `-o json` is json.MarshalIndent with two spaces over
// the Go structs (field order, not sorted); `-o yaml` goes through sigs.k8s.io/yaml (sorted).

import { toYaml } from '../format/goyaml';
import { KubectlError, printError } from '../invocation';
import type { Verb } from '../invocation';
import type { ServerVersion } from '../client';

export const CLIENT_VERSION: ServerVersion = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const KUSTOMIZE_VERSION = 'v5.5.0';

export const version: Verb = async (inv) => {
  try {
    const output = typeof inv.flags.output === 'string' ? inv.flags.output : '';
    if (output !== '' && output !== 'json' && output !== 'yaml') throw new KubectlError("--output must be 'yaml' or 'json'");
    const clientOnly = inv.flags.client === true;
    let server: ServerVersion | undefined;
    let serverErr: unknown;
    if (!clientOnly) {
      try {
        server = await inv.client.version();
      } catch (e) {
        serverErr = e;
      }
    }
    const doc: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (server) doc.serverVersion = server;
    if (output === 'json') inv.out(JSON.stringify(doc, null, 2) + '\n');
    else if (output === 'yaml') inv.out(toYaml(doc) + '\n'); // fmt.Fprintln of yaml.Marshal's text
    else {
      let text = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
      if (server) text += `Server Version: ${server.gitVersion}\n`;
      inv.out(text);
    }
    if (serverErr) return printError(inv, serverErr);
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};
