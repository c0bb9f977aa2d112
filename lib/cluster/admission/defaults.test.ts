import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../k8s/types';
import { resourceInfo } from '../../k8s/resources';
import { SeededRand } from '../rand';
import type { AdmissionContext } from './index';
import { admit, validate } from './index';
import { base64Encode, imageTag } from './defaults';

function context(operation: 'CREATE' | 'UPDATE' = 'CREATE', seed = 1): AdmissionContext & { ips: string[]; ports: number[] } {
  let ip = 10;
  let port = 30000;
  const ips: string[] = [];
  const ports: number[] = [];
  return {
    operation,
    rand: new SeededRand(seed),
    now: '2025-05-01T09:00:00Z',
    allocateClusterIP: () => {
      const v = `10.96.0.${ip++}`;
      ips.push(v);
      return v;
    },
    allocateNodePort: () => {
      const v = port++;
      ports.push(v);
      return v;
    },
    ips,
    ports,
  };
}

function create(resource: string, obj: unknown, ctx = context()): KubeObject {
  const out = admit(resourceInfo(resource)!, structuredClone(obj) as KubeObject, undefined, ctx);
  expect(validate(resourceInfo(resource)!, out, undefined)).toEqual([]);
  return out;
}

function update(resource: string, obj: unknown, old: KubeObject, ctx = context('UPDATE')): KubeObject {
  return admit(resourceInfo(resource)!, structuredClone(obj) as KubeObject, old, ctx);
}

/** The suffix SeededRand(1) gives the first 5-character name. */
const SUFFIX = new SeededRand(1).string(5);

const TOKEN_VOLUME = {
  name: `kube-api-access-${SUFFIX}`,
  projected: {
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: 420,
  },
};

const TOKEN_MOUNT = { name: `kube-api-access-${SUFFIX}`, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

describe('pods', () => {
  test('kubectl run hello-kiamol is stored as the fully defaulted Pod a 1.32 apiserver returns', () => {
    // the JSON body of `kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol` (kube-protocol §1.6)
    const body = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'hello-kiamol', creationTimestamp: null, labels: { run: 'hello-kiamol' } },
      spec: { containers: [{ name: 'hello-kiamol', image: 'kiamol/ch02-hello-kiamol', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
      status: {},
    };
    const pod = create('pods', body);
    expect(pod).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'hello-kiamol', creationTimestamp: null, labels: { run: 'hello-kiamol' } },
      spec: {
        volumes: [TOKEN_VOLUME],
        containers: [
          {
            name: 'hello-kiamol',
            image: 'kiamol/ch02-hello-kiamol',
            resources: {},
            volumeMounts: [TOKEN_MOUNT],
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            imagePullPolicy: 'Always',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        serviceAccountName: 'default',
        serviceAccount: 'default',
        securityContext: {},
        schedulerName: 'default-scheduler',
        tolerations: DEFAULT_TOLERATIONS,
        priority: 0,
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  test('defaulted pod fields come out in Go struct order, as the real JSON has them', () => {
    const pod = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ image: 'nginx', name: 'web' }] } });
    expect(Object.keys(pod)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(pod.spec as object)).toEqual([
      'volumes', 'containers', 'restartPolicy', 'terminationGracePeriodSeconds', 'dnsPolicy', 'serviceAccountName', 'serviceAccount',
      'securityContext', 'schedulerName', 'tolerations', 'priority', 'enableServiceLinks', 'preemptionPolicy',
    ]);
    expect(Object.keys((pod.spec as { containers: object[] }).containers[0])).toEqual([
      'name', 'image', 'resources', 'volumeMounts', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy',
    ]);
  });

  test('imagePullPolicy is Always for latest or no tag and IfNotPresent otherwise, a digest counting as a tag', () => {
    const policy = (image: string) => {
      const pod = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image }] } });
      return (pod.spec as { containers: { imagePullPolicy: string }[] }).containers[0].imagePullPolicy;
    };
    expect(policy('nginx')).toBe('Always');
    expect(policy('nginx:latest')).toBe('Always');
    expect(policy('nginx:1.27')).toBe('IfNotPresent');
    expect(policy('localhost:5000/img')).toBe('Always');
    expect(policy('localhost:5000/img:v2')).toBe('IfNotPresent');
    expect(policy('docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe('IfNotPresent');
    expect(policy('nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe('Always');
    expect(policy('alicek106/rr-test:curl')).toBe('IfNotPresent');
  });

  test('an image reference that does not parse has no tag, so it is pulled IfNotPresent', () => {
    expect(imageTag('Nginx')).toBe('');
    expect(imageTag('')).toBe('');
    expect(imageTag('registry.example.com:443/team/app')).toBe('latest');
  });

  test('ports default to TCP and a limit without a request becomes the request, making the pod Guaranteed', () => {
    const pod = create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { limits: { cpu: 0.5, memory: '128Mi' } } }] },
    });
    const c = (pod.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  test('probes get their timing defaults and httpGet its path and scheme', () => {
    const pod = create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: { httpGet: { port: 80 } } }] },
    });
    const c = (pod.spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  test('a volume without a source is an emptyDir and configMap volumes get defaultMode 420', () => {
    const pod = create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'app' } }, { name: 'host', hostPath: { path: '/var/log' } }],
        containers: [{ name: 'c', image: 'nginx:1.27' }],
      },
    });
    expect((pod.spec as { volumes: unknown[] }).volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'app', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
      TOKEN_VOLUME,
    ]);
  });

  test('a client-supplied status is replaced by Pending on create', () => {
    const pod = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running', podIP: '1.2.3.4' } });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('on update the pod keeps its status, priority and tolerations and gets no second token volume', () => {
    const pod = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.26' }] } });
    const stored = { ...pod, status: { phase: 'Running', qosClass: 'BestEffort' } } as KubeObject;
    const next = structuredClone(stored) as KubeObject & { spec: { containers: { image: string }[]; priority?: number; tolerations?: unknown } };
    next.spec.containers[0].image = 'nginx:1.27';
    delete next.spec.priority;
    delete next.spec.tolerations;
    const out = update('pods', next, stored);
    expect(out.status).toEqual({ phase: 'Running', qosClass: 'BestEffort' });
    expect((out.spec as { priority: number }).priority).toBe(0);
    expect((out.spec as { tolerations: unknown }).tolerations).toEqual(DEFAULT_TOLERATIONS);
    expect((out.spec as { volumes: unknown[] }).volumes).toEqual([TOKEN_VOLUME]);
    expect(validate(resourceInfo('pods')!, out, stored)).toEqual([]);
  });
});

describe('deployments and replicasets', () => {
  test('kubectl create deployment web --image=nginx:1.27 --replicas=2 is defaulted like the apiserver does', () => {
    const body = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: {} }] } },
        strategy: {},
      },
    };
    const d = create('deployments', body);
    expect(d).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.27', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' },
            ],
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            securityContext: {},
            schedulerName: 'default-scheduler',
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    });
  });

  test('a deployment without replicas gets one, and a Recreate strategy gets no rollingUpdate', () => {
    const d = create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello-kiamol-4' },
      spec: {
        selector: { matchLabels: { app: 'hello-kiamol-4' } },
        strategy: { type: 'Recreate' },
        template: { metadata: { labels: { app: 'hello-kiamol-4' } }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } },
      },
    });
    const spec = d.spec as Record<string, unknown>;
    expect(spec.replicas).toBe(1);
    expect(spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('pod templates get the container defaults but no token volume, tolerations, requests from limits or status', () => {
    const rs = create('replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-5d4b9c8f5' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '1' } } }] } },
      },
    });
    expect(rs.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'web', image: 'nginx', resources: { limits: { cpu: '1' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
    });
    expect(rs.status).toEqual({ replicas: 0 });
  });
});

describe('services', () => {
  test('a ClusterIP service gets an allocated IP, single-stack IPv4 and targetPort = port', () => {
    const ctx = context();
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', labels: { app: 'api' } }, spec: { selector: { app: 'api' }, ports: [{ port: 8080 }] } }, ctx);
    expect(svc).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api', labels: { app: 'api' } },
      spec: {
        ports: [{ protocol: 'TCP', port: 8080, targetPort: 8080 }],
        selector: { app: 'api' },
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    });
    expect(ctx.ports).toEqual([]);
  });

  test('NodePort services get a node port per port and externalTrafficPolicy Cluster', () => {
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, nodePort: 30443 }] } });
    const spec = svc.spec as Record<string, unknown>;
    expect(spec.ports).toEqual([
      { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30000 },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 443, nodePort: 30443 },
    ]);
    expect(spec.externalTrafficPolicy).toBe('Cluster');
    expect(spec.internalTrafficPolicy).toBe('Cluster');
  });

  test('LoadBalancer services also get allocateLoadBalancerNodePorts true', () => {
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    const spec = svc.spec as Record<string, unknown>;
    expect(spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(spec.ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30000 }]);
  });

  test('a headless service allocates no IP', () => {
    const ctx = context();
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } }, ctx);
    const spec = svc.spec as Record<string, unknown>;
    expect([spec.clusterIP, spec.clusterIPs, spec.ipFamilyPolicy]).toEqual(['None', ['None'], 'SingleStack']);
    expect(ctx.ips).toEqual([]);
  });

  test('an ExternalName service gets neither cluster IP nor IP families nor internalTrafficPolicy', () => {
    const svc = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(svc.spec).toEqual({ type: 'ExternalName', sessionAffinity: 'None', externalName: 'example.com' });
  });

  test('an update that leaves out clusterIP and nodePort keeps the allocated values', () => {
    const ctx = context();
    const old = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }, ctx);
    const out = update('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }, old);
    expect((out.spec as Record<string, unknown>).clusterIP).toBe('10.96.0.10');
    expect((out.spec as { ports: unknown[] }).ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30000 }]);
    expect(validate(resourceInfo('services')!, out, old)).toEqual([]);
  });

  test('switching a NodePort service to ClusterIP drops the node ports it was given', () => {
    const old = create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    const next = structuredClone(old) as KubeObject & { spec: Record<string, unknown> };
    next.spec.type = 'ClusterIP';
    const out = update('services', next, old);
    expect((out.spec as { ports: unknown[] }).ports).toEqual([{ protocol: 'TCP', port: 80, targetPort: 80 }]);
    expect((out.spec as Record<string, unknown>).externalTrafficPolicy).toBeUndefined();
    expect(validate(resourceInfo('services')!, out, old)).toEqual([]);
  });
});

describe('other kinds', () => {
  test('a namespace gets the kubernetes finalizer, phase Active and its name label', () => {
    const ns = create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kiamol-ch02' } });
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kiamol-ch02', labels: { 'kubernetes.io/metadata.name': 'kiamol-ch02' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  test('a namespace update cannot change its finalizers or status, but the name label comes back', () => {
    const old = create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    const out = update('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { team: 'a' } }, spec: { finalizers: [] }, status: { phase: 'Terminating' } }, old);
    expect(out.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'dev' });
    expect((out as Record<string, unknown>).spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  test('secret stringData is merged into data as base64 of its UTF-8 bytes and the type defaults to Opaque', () => {
    const s = create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'YWRtaW4=' }, stringData: { password: '비밀번호', user: 'root' } });
    expect(s).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: '67mE67CA67KI7Zi4', user: 'cm9vdA==' }, type: 'Opaque' });
  });

  test('base64Encode pads like Go and encodes astral characters as four bytes', () => {
    expect(['', 'a', 'ab', 'abc', '🐳'].map(base64Encode)).toEqual(['', 'YQ==', 'YWI=', 'YWJj', '8J+Qsw==']);
  });
});

describe('namespace finalize subresource', () => {
  test('only the finalize subresource may drop the kubernetes finalizer', () => {
    const old = create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    const next = { ...structuredClone(old), spec: { finalizers: [] } };
    expect((update('namespaces', next, old) as Record<string, unknown>).spec).toEqual({ finalizers: ['kubernetes'] });
    const finalized = admit(resourceInfo('namespaces')!, structuredClone(next) as KubeObject, old, { ...context('UPDATE'), subresource: 'finalize' });
    expect((finalized as Record<string, unknown>).spec).toEqual({});
    expect(finalized.status).toEqual({ phase: 'Active' });
  });
});

describe('priority admission', () => {
  test('a system PriorityClass sets the pod priority', () => {
    const p = create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dns' }, spec: { priorityClassName: 'system-cluster-critical', containers: [{ name: 'c', image: 'coredns/coredns:1.11.1' }] } });
    expect([(p.spec as Record<string, unknown>).priority, (p.spec as Record<string, unknown>).preemptionPolicy]).toEqual([2000000000, 'PreemptLowerPriority']);
  });

  test('an unknown PriorityClass is refused with 403 Forbidden', () => {
    expect(() => admit(resourceInfo('pods')!, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { priorityClassName: 'gold', containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject, undefined, context())).toThrow(
      'pods "x" is forbidden: no PriorityClass with name gold was found',
    );
  });
});
