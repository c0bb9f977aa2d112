// The kubeconfig `podbook cluster` writes: https on loopback with the server's self-signed
// certificate as the CA and bearer tokens. One context for the admin, one per learner namespace.

export interface KubeconfigUser {
  /** context and user name */
  name: string;
  token: string;
  namespace?: string;
}

function q(s: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(s) && !/^[0-9]/.test(s) ? s : JSON.stringify(s);
}

export function kubeconfigYaml(server: string, users: KubeconfigUser[], opts: { caPem?: string; current?: string } = {}): string {
  const current = opts.current ?? users[0]?.name ?? 'podbook';
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:'];
  if (opts.caPem) lines.push(`    certificate-authority-data: ${Buffer.from(opts.caPem, 'utf8').toString('base64')}`);
  lines.push(`    server: ${q(server)}`, '  name: podbook', 'contexts:');
  for (const u of users) {
    lines.push('- context:', '    cluster: podbook');
    if (u.namespace) lines.push(`    namespace: ${q(u.namespace)}`);
    lines.push(`    user: ${q(u.name)}`, `  name: ${q(u.name)}`);
  }
  lines.push(`current-context: ${q(current)}`, 'preferences: {}', 'users:');
  for (const u of users) lines.push(`- name: ${q(u.name)}`, '  user:', `    token: ${q(u.token)}`);
  return lines.join('\n') + '\n';
}
