// `kubectl api-resources` (kubectl pkg/cmd/apiresources): discovery as a table, sorted by API
// group then name (sortableResource with no --sort-by), through get's tabwriter.

import type { ResourceInfo } from '../../k8s/resources';
import { apiVersionOf } from '../../k8s/resources';
import { getTabWriter } from '../format/tabwriter';
import { KubectlError, printError } from '../invocation';
import type { Verb } from '../invocation';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const apiResources: Verb = async (inv) => {
  try {
    const f = inv.flags;
    const output = typeof f.output === 'string' ? f.output : '';
    if (output !== '' && output !== 'wide' && output !== 'name') throw new KubectlError(`--output ${output} is not available`);
    const sortBy = typeof f['sort-by'] === 'string' ? f['sort-by'] : '';
    if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError(`--sort-by accepts only name or kind`);
    let list: ResourceInfo[] = await inv.client.resources();
    const group = typeof f['api-group'] === 'string' ? f['api-group'] : '';
    if (inv.changed.has('api-group')) list = list.filter((r) => r.group === group);
    if (inv.changed.has('namespaced')) list = list.filter((r) => r.namespaced === (f.namespaced !== false));
    const verbs = (f.verbs as string[] | undefined) ?? [];
    if (verbs.length > 0) list = list.filter((r) => verbs.every((v) => r.verbs.includes(v)));
    const categories = (f.categories as string[] | undefined) ?? [];
    if (categories.length > 0) list = list.filter((r) => categories.every((c) => r.categories.includes(c)));
    const key = (r: ResourceInfo) => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
    list = [...list].sort((a, b) => compare(key(a), key(b)) || compare(a.resource, b.resource));

    const w = getTabWriter();
    if (f['no-headers'] !== true && output !== 'name') {
      const cols = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
      if (output === 'wide') cols.push('VERBS', 'CATEGORIES');
      w.write(cols.join('\t') + '\n');
    }
    for (const r of list) {
      if (output === 'name') w.write(r.group ? `${r.resource}.${r.group}\n` : `${r.resource}\n`);
      else {
        const cells = [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
        if (output === 'wide') cells.push(r.verbs.join(','), r.categories.join(','));
        w.write(cells.join('\t') + '\n');
      }
    }
    inv.out(w.flush());
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

/**
 * `kubectl api-versions` (pkg/cmd/apiresources/apiversions.go): every served group/version from
 * discovery, sorted as strings, one per line (`apps/v1`, `discovery.k8s.io/v1`, `v1`).
 */
export const apiVersions: Verb = async (inv) => {
  try {
    const versions = [...new Set((await inv.client.resources()).map(apiVersionOf))].sort((a, b) => compare(a, b));
    inv.out(versions.map((v) => `${v}\n`).join(''));
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};
