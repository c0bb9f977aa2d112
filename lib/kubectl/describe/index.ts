// kubectl describe as pure functions: each takes the object, the related objects kubectl
// fetches for it (kube-protocol §1.5) and the options (now, local zone, --show-events), and
// returns exactly the text kubectl 1.32 prints, final newline included.

export { describePod } from './pod';
export { describeDeployment, describeReplicaSet, splitReplicaSets } from './workloads';
export type { DeploymentDescribeData, ReplicaSetDescribeData } from './workloads';
export { describeService, describeEndpoints, formatEndpointSlices } from './service';
export type { ServiceDescribeData } from './service';
export { describeNode, podRequestsAndLimits } from './node';
export type { NodeDescribeData } from './node';
export { describeNamespace, describeConfigMap, describeSecret, describeServiceAccount, describeGeneric, describeEvent, smartLabelFor } from './core';
export type { NamespaceDescribeData, ServiceAccountDescribeData } from './core';
export { describeEvents, describeProbe } from './common';
export { formatRFC1123Z } from './writer';
export type { DescribeOptions } from './writer';
