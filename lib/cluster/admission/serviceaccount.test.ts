import { describe, expect, test } from 'vitest';
import type { Pod } from '../../k8s/types';
import { SeededRand } from '../rand';
import { admitDefaultTolerationSeconds, admitServiceAccount, SERVICE_ACCOUNT_MOUNT_PATH } from './serviceaccount';

function pod(spec: Partial<Pod['spec']>, annotations?: Record<string, string>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...(annotations ? { annotations } : {}) }, spec: { containers: [], ...spec } } as Pod;
}

describe('ServiceAccount admission', () => {
  test('the token volume goes last and its mount goes last in every init and regular container', () => {
    const p = pod({
      volumes: [{ name: 'data', emptyDir: {} }],
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [
        { name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        { name: 'sidecar', image: 'busybox' },
      ],
    });
    const suffix = new SeededRand(7).string(5);
    admitServiceAccount(p, new SeededRand(7));
    const name = `kube-api-access-${suffix}`;
    const mount = { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.serviceAccount).toBe('default');
    expect(p.spec.volumes!.map((v) => v.name)).toEqual(['data', name]);
    expect(p.spec.initContainers![0].volumeMounts).toEqual([mount]);
    expect(p.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }, mount]);
    expect(p.spec.containers[1].volumeMounts).toEqual([mount]);
  });

  test('the generated suffix uses the apimachinery alphabet', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx' }] });
    admitServiceAccount(p, new SeededRand(42));
    expect(p.spec.volumes![0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('automountServiceAccountToken false keeps the service account but mounts nothing', () => {
    const p = pod({ serviceAccountName: 'builder', automountServiceAccountToken: false, containers: [{ name: 'web', image: 'nginx' }] });
    admitServiceAccount(p, new SeededRand(1));
    expect(p.spec.serviceAccountName).toBe('builder');
    expect(p.spec.serviceAccount).toBe('builder');
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  test('a container that already mounts the token path is left alone, and no volume is added if none needs it', () => {
    const p = pod({
      volumes: [{ name: 'own-token', secret: { secretName: 'tok' } }],
      containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'own-token', mountPath: SERVICE_ACCOUNT_MOUNT_PATH }] }],
    });
    admitServiceAccount(p, new SeededRand(1));
    expect(p.spec.volumes!.map((v) => v.name)).toEqual(['own-token']);
    expect(p.spec.containers[0].volumeMounts).toEqual([{ name: 'own-token', mountPath: SERVICE_ACCOUNT_MOUNT_PATH }]);
  });

  test('an existing kube-api-access volume is reused rather than generating another', () => {
    const p = pod({ volumes: [{ name: 'kube-api-access-abcde', emptyDir: {} }], containers: [{ name: 'web', image: 'nginx' }] });
    admitServiceAccount(p, new SeededRand(1));
    expect(p.spec.volumes!.map((v) => v.name)).toEqual(['kube-api-access-abcde']);
    expect(p.spec.containers[0].volumeMounts).toEqual([{ name: 'kube-api-access-abcde', readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }]);
  });

  test('mirror pods get no service account', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx' }] }, { 'kubernetes.io/config.mirror': 'abc' });
    admitServiceAccount(p, new SeededRand(1));
    expect(p.spec.serviceAccountName).toBeUndefined();
  });
});

describe('DefaultTolerationSeconds admission', () => {
  test('not-ready is appended before unreachable, after the pod’s own tolerations', () => {
    const p = pod({ tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] });
    admitDefaultTolerationSeconds(p);
    expect(p.spec.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  test('a toleration already covering a taint suppresses its default, and a keyless one covers both', () => {
    const p = pod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    admitDefaultTolerationSeconds(p);
    expect(p.spec.tolerations!.map((t) => [t.key, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/unreachable', 60],
      ['node.kubernetes.io/not-ready', 300],
    ]);
    const all = pod({ tolerations: [{ operator: 'Exists' }] });
    admitDefaultTolerationSeconds(all);
    expect(all.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  test('running it twice adds nothing the second time', () => {
    const p = pod({});
    admitDefaultTolerationSeconds(p);
    const once = structuredClone(p.spec.tolerations);
    admitDefaultTolerationSeconds(p);
    expect(p.spec.tolerations).toEqual(once);
  });
});
