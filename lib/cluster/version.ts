// `/version` of the simulated apiserver, shared by the in-process client (lib/runtime) and the
// HTTP server (lib/apiserver). gitVersion comes from the cluster (v1.32.2, the release Docker
// Desktop 4.39 ships); the other fields are that release's build metadata. Real kubectl's
// dispatcher (/usr/bin/kubectl) picks its kubectl.1.<minor> binary from `minor`.

import type { Cluster } from './cluster';
import { KUBE_VERSION } from './cluster';
import type { ServerVersion } from '../k8s/types';


export function serverVersionOf(cluster: Cluster): ServerVersion {
  const v = cluster.config.version ?? KUBE_VERSION;
  return {
    major: v.major,
    minor: v.minor,
    gitVersion: v.gitVersion,
    gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
    gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
