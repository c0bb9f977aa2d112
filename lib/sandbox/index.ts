// The sandbox backend: Podbook's kubectl against a real Kubernetes API server (a shared study
// cluster, or `podbook cluster`), one namespace per learner session. Server-side only.

export { SandboxClient, loadKubeConfig, transportError, parseHttpResponse, TABLE_ACCEPT, DISCOVERY_ACCEPT } from './client';
export type { SandboxClientOptions, KubeconfigSource } from './client';
export {
  SandboxSessions,
  sessionNamespace,
  DEFAULT_QUOTA_HARD,
  DEFAULT_LIMIT_RANGE,
  DEFAULT_TTL_MS,
  DEFAULT_SWEEP_INTERVAL_MS,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  SESSION_LABEL,
  OWNER_LABEL,
  NAMESPACE_PREFIX,
} from './sessions';
export type { SandboxSession, SandboxSessionsOptions } from './sessions';
