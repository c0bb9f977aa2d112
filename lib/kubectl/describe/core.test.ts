import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { ConfigMap, Namespace, Node, Pod, Secret, ServiceAccount } from '../../k8s/types';
import { describeConfigMap, describeNamespace, describeNode, describeSecret, describeServiceAccount, formatRFC1123Z, smartLabelFor } from './index';

const opts = { now: Date.parse('2025-03-26T03:02:14Z'), tzOffsetMinutes: 540 };

describe('kubectl describe for namespaces, secrets, service accounts, config maps and nodes', () => {
  it('describe namespace prints the quota and limit range lines', () => {
    const ns: Namespace = { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }, status: { phase: 'Active' } };
    expect(describeNamespace(ns, { resourceQuotas: [], limitRanges: [] }, opts)).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('describe secret hides values as byte counts', () => {
    const s: Secret = { metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { user: 'YWRtaW4=', password: 'czNjcjN0IQ==' } };
    expect(describeSecret(s, opts)).toBe(`Name:         db
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  7 bytes
user:      5 bytes
`);
  });

  it('describe serviceaccount lists pull, mountable and token secrets', () => {
    const sa: ServiceAccount = { metadata: { name: 'default', namespace: 'default' } };
    expect(describeServiceAccount(sa, { secrets: [], events: [] }, opts)).toBe(`Name:                default
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
`);
  });

  it('describe configmap prints each key, its value and a long annotation shortened', () => {
    const cm: ConfigMap = { metadata: { name: 'cfg', namespace: 'default', annotations: { note: 'x'.repeat(200) } }, data: { 'a.txt': 'hello' } };
    expect(describeConfigMap(cm, { events: [] }, opts)).toBe(`Name:         cfg
Namespace:    default
Labels:       <none>
Annotations:  note:
                ${'x'.repeat(138)}...

Data
====
a.txt:
----
hello


BinaryData
====

Events:  <none>
`);
  });

  it('describe node prints roles, lease, conditions, system info and the pods on it', () => {
    const c = createCluster();
    c.store.create('pods', 'default', {
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }] },
    });
    c.runUntil(() => (c.store.get('pods', 'default', 'web') as Pod).status?.phase === 'Running', 120000);
    const node = c.store.get('nodes', '', 'docker-desktop') as Node;
    const pods = (c.store.list('pods').items as Pod[]).filter((p) => p.spec.nodeName === 'docker-desktop');
    const out = describeNode(node, { pods, events: [] }, { now: Date.parse(node.metadata.creationTimestamp as string) + 3600000 });
    expect(out).toContain('Name:               docker-desktop\nRoles:              control-plane\n');
    expect(out).toContain('Lease:\n  HolderIdentity:  <unset>\n  AcquireTime:     <unset>\n  RenewTime:       <unset>\n');
    const readyRow = out.split('\n').find((l) => l.startsWith('  Ready '));
    expect(readyRow?.startsWith('  Ready            True    ')).toBe(true);
    expect(readyRow?.endsWith(' +0000   Wed, 26 Mar 2025 02:43:14 +0000   KubeletReady                 kubelet is posting ready status')).toBe(true);
    expect(out).toContain('  default                     web     100m (1%)     0 (0%)      128Mi (1%)       256Mi (3%)     60m\n');
    expect(out).toContain('  cpu                100m (1%)   0 (0%)\n  memory             128Mi (1%)  256Mi (3%)\n');
    expect(out.endsWith('Events:              <none>\n')).toBe(true);
    const failed = describeNode(node, { pods, leaseError: 'leases.coordination.k8s.io "docker-desktop" not found' }, opts);
    expect(failed).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "docker-desktop" not found\n');
  });

  it('RFC1123Z times follow the zone offset and a missing time is Go zero time', () => {
    expect(formatRFC1123Z('2025-03-26T02:43:14Z', 540)).toBe('Wed, 26 Mar 2025 11:43:14 +0900');
    expect(formatRFC1123Z('2025-03-26T02:43:14Z', -300)).toBe('Tue, 25 Mar 2025 21:43:14 -0500');
    expect(formatRFC1123Z(undefined, 540)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });

  it('the generic describer splits camel-case field names into words', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('involvedObject')).toBe('Involved Object');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('kubernetes.io/x')).toBe('kubernetes.io/x');
  });
});
