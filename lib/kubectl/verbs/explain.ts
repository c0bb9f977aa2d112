// `kubectl explain RESOURCE[.FIELD…]` (kubectl pkg/cmd/explain, v1.32): maps the resource through
// discovery (`the server doesn't have a resource type "x"`), then renders the kind's OpenAPI v3
// schema with the plaintext template (lib/kubectl/explain). `--api-version` picks the group
// version; `--recursive` lists nested fields without descriptions. Kinds Podbook carries no
// docs for, and the other output templates (plaintext-openapiv2), print the not-supported note.

import { ExplainError, renderExplain, schemaForKind } from '../explain';
import { KubectlError, printError } from '../invocation';
import type { Verb } from '../invocation';
import { findResource, noResourceTypeError } from '../resources';
import { notSupportedMessage } from './unsupported';

export const explain: Verb = async (inv) => {
  try {
    if (inv.args.length === 0) {
      throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    if (inv.args.length > 1) throw new KubectlError('We accept only this format: explain RESOURCE');
    const output = typeof inv.flags.output === 'string' ? inv.flags.output : 'plaintext';
    if (output !== 'plaintext') {
      inv.err(notSupportedMessage(`kubectl explain -o ${output}`));
      return 1;
    }
    const [resourceArg, ...fieldPath] = inv.args[0].split('.');
    const discovery = await inv.client.resources();
    const apiVersion = typeof inv.flags['api-version'] === 'string' ? inv.flags['api-version'] : '';
    let info = findResource(discovery, resourceArg);
    if (info && apiVersion) {
      const slash = apiVersion.indexOf('/');
      const group = slash < 0 ? '' : apiVersion.slice(0, slash);
      const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
      const kind = info.kind;
      info = discovery.find((r) => r.kind === kind && r.group === group && r.version === version);
    }
    // explain's mapper error goes through cmdutil.StandardErrorMessage (a NoMatch error), which
    // prints it without the `error: ` prefix (checked with kubectl 1.32 against podbook cluster).
    if (!info) throw new KubectlError(noResourceTypeError(resourceArg).message, 1, true);
    const gvk = { group: info.group, version: info.version, kind: info.kind };
    const root = schemaForKind(gvk);
    if (!root) {
      inv.err(notSupportedMessage(`kubectl explain ${info.resource}`));
      return 1;
    }
    inv.out(renderExplain(gvk, root, fieldPath, inv.flags.recursive === true));
    return 0;
  } catch (e) {
    if (e instanceof ExplainError) {
      if (e.partial) inv.out(e.partial);
      return printError(inv, new KubectlError(e.message));
    }
    return printError(inv, e);
  }
};
