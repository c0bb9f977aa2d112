// The types a browser client needs to talk to app/api (see app/api/README.md). Type-only: safe to
// import from client components, it pulls no server code into the bundle.

export type { KernelEvent, KernelOutput, KernelExecution, RunnableCell, KernelSnapshot } from '../runtime/kernel';
export type { ClusterView, DeploymentNode, ReplicaSetNode, PodNode, PodTone, ServiceNode, TimelineEntry } from '../runtime/cluster-view';
export type { KernelInfo, BackendKind, RegistryErrorCode } from '../runtime/registry';
export type { ApiErrorBody } from './http';
export type { HubMessage } from './hub';
