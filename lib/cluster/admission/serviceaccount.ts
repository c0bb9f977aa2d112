// Pod admission plugins that change what `kubectl get pod -o yaml` shows after create:
//  * ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go): default service account
//    and the projected `kube-api-access-xxxxx` token volume mounted into every container;
//  * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): 300s tolerations
//    for the not-ready and unreachable taints.

import { shared } from '../object';
import type { Container, Pod, Toleration, Volume } from '../../k8s/types';
import type { Rand } from '../rand';
import { NAME_ALPHABET } from '../rand';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** ServiceAccountVolumeName: generated volume names are this plus `-` and 5 characters. */
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
/** DefaultAPITokenMountPath */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The mirror-pod annotation: static pods get no service account. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** TokenVolumeSource(): token (3607s, bound and refreshed by the kubelet), CA bundle, namespace. */
export function tokenVolumeSource(): Record<string, unknown> {
  return { sources: TOKEN_SOURCES, defaultMode: 420 };
}

/** The same in every pod: one frozen array the store keeps by reference (see shared()). */
const TOKEN_SOURCES = shared([
  { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
  { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
]);

/**
 * ServiceAccount admission on CREATE. Sets serviceAccountName (and the deprecated
 * serviceAccount it converts to) to `default`, then, unless automounting is switched off,
 * appends the token volume last and a read-only mount last to each init and regular container
 * that does not already mount something at the token path.
 */
export function admitServiceAccount(pod: Pod, rand: Rand): void {
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  const spec = pod.spec;
  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;

  // An existing kube-api-access-* volume is reused; otherwise a name is generated up front
  // (names.SimpleNameGenerator), whether or not a container ends up needing it.
  let volumeName = '';
  let hasTokenVolume = false;
  for (const v of spec.volumes ?? []) {
    if (v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`)) {
      volumeName = v.name;
      hasTokenVolume = true;
      break;
    }
  }
  if (!volumeName) volumeName = `${SERVICE_ACCOUNT_VOLUME_NAME}-${rand.string(5, NAME_ALPHABET)}`;

  let needsVolume = false;
  for (const c of spec.initContainers ?? []) if (mountToken(c, volumeName)) needsVolume = true;
  for (const c of spec.containers ?? []) if (mountToken(c, volumeName)) needsVolume = true;
  if (!hasTokenVolume && needsVolume) {
    spec.volumes = [...(spec.volumes ?? []), { name: volumeName, projected: tokenVolumeSource() } as Volume];
  }
}

/** Mounts the token volume into a container that has nothing at its path yet; true if it did. */
function mountToken(c: Container, volumeName: string): boolean {
  if ((c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return false;
  c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
  return true;
}

const NOT_READY: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

const DEFAULT_TOLERATIONS: readonly Toleration[] = shared([{ ...NOT_READY }, { ...UNREACHABLE }]);

/**
 * DefaultTolerationSeconds. Upstream registers it for CREATE and UPDATE; a toleration that
 * already covers the taint (same key or empty key, NoExecute or empty effect) suppresses it.
 */
export function admitDefaultTolerationSeconds(pod: Pod): void {
  const spec = pod.spec;
  let notReady = false;
  let unreachable = false;
  for (const t of spec.tolerations ?? []) {
    const anyEffect = t.effect === 'NoExecute' || !t.effect;
    if ((t.key === NOT_READY.key || !t.key) && anyEffect) notReady = true;
    if ((t.key === UNREACHABLE.key || !t.key) && anyEffect) unreachable = true;
  }
  if (notReady && unreachable) return;
  if (!spec.tolerations?.length) {
    // the usual case: just these two, the same frozen array for every pod (see shared())
    spec.tolerations = DEFAULT_TOLERATIONS as Toleration[];
    return;
  }
  const out = [...spec.tolerations];
  if (!notReady) out.push({ ...NOT_READY });
  if (!unreachable) out.push({ ...UNREACHABLE });
  spec.tolerations = out;
}
