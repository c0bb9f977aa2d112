// The kubelet and its container runtime: the public entry point of lib/cluster/kubelet.
export { createKubelet } from './kubelet';
export type { Kubelet } from './kubelet';
export { ContainerRuntime, RuntimeError, NODE_KERNEL, RUNTIME_VERSION } from './runtime';
export type { ContainerFilter, ContainerInfo, ContainerRecord, FileStat, HttpRequest, HttpResponse, HttpTarget, LogOptions, RuntimeKind, SandboxRecord } from './runtime';
export { lookupImage, normalizeImage, parseImageRef, resolveProcess, hasProgram, containerArgv } from './images';
export type { ImageEntry, Process } from './images';
export { STAGES, TIMING } from './stages';
export { execInContainer, ContainerShellSession, ExecError, makeTar, parseTar, utf8Bytes, utf8Text } from './exec';
export type { ExecOptions, ExecOutput, TarEntry } from './exec';
export { SERVICE_ENV, containerEnv } from './env';
export { clusterNetwork } from './network';
export type { ClusterNetwork } from './network';
