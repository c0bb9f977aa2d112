// What the @kubernetes/client-node 1.32.0 models (the source of schemas.json) lose from the
// Kubernetes 1.32 OpenAPI v3 documents kubectl explain reads: the descriptions of fields whose
// type is another object (the generator drops them) and the `enum` lists with their
// "Possible enum values" text (k8s.io/kube-openapi adds both for `+enum` types). Public API
// reference text (k8s.io/api core/v1 and apps/v1 types.go comments), kept as data.

const META = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const SPEC_AND_STATUS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status';
const POD_SPEC = `Specification of the desired behavior of the pod. More info: ${SPEC_AND_STATUS}`;
const PROBES = 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes';

/** type → field → description, for fields the generator left without one (or with the IntOrString type's doc instead). */
export const FIELD_DESCRIPTIONS: Record<string, Record<string, string>> = {
  Pod: {
    metadata: META,
    spec: POD_SPEC,
    status: `Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: ${SPEC_AND_STATUS}`,
  },
  PodTemplateSpec: { metadata: META, spec: POD_SPEC },
  Deployment: {
    metadata: META,
    spec: 'Specification of the desired behavior of the Deployment.',
    status: 'Most recently observed status of the Deployment.',
  },
  DeploymentSpec: {
    selector:
      "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
    strategy: 'The deployment strategy to use to replace existing pods with new ones.',
    template: 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
  },
  ReplicaSet: {
    metadata:
      "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    spec: `Spec defines the specification of the desired behavior of the ReplicaSet. More info: ${SPEC_AND_STATUS}`,
    status: `Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${SPEC_AND_STATUS}`,
  },
  ReplicaSetSpec: {
    selector:
      "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    template:
      'Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template',
  },
  Service: {
    metadata: META,
    spec: `Spec defines the behavior of a service. ${SPEC_AND_STATUS}`,
    status: `Most recently observed status of the service. Populated by the system. Read-only. More info: ${SPEC_AND_STATUS}`,
  },
  ServicePort: {
    targetPort:
      "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map). This field is ignored for services with clusterIP=None, and should be omitted or set equal to the 'port' field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
  },
  RollingUpdateDeployment: {
    maxSurge:
      'The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.',
    maxUnavailable:
      'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.',
  },
  HTTPGetAction: { port: 'Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.' },
  TCPSocketAction: { port: 'Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.' },
  ServiceSpec: { sessionAffinityConfig: 'sessionAffinityConfig contains the configurations of session affinity.' },
  ConfigMap: { metadata: META },
  Namespace: {
    metadata: META,
    spec: `Spec defines the behavior of the Namespace. More info: ${SPEC_AND_STATUS}`,
    status: `Status describes the current status of a Namespace. More info: ${SPEC_AND_STATUS}`,
  },
  PodSpec: {
    affinity: "If specified, the pod's scheduling constraints",
    dnsConfig:
      'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.',
    os: 'Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.\n\nIf the OS field is set to linux, the following fields must be unset: -securityContext.windowsOptions\n\nIf the OS field is set to windows, following fields must be unset: - spec.hostPID - spec.hostIPC - spec.hostUsers - spec.securityContext.appArmorProfile - spec.securityContext.seLinuxOptions - spec.securityContext.seccompProfile - spec.securityContext.fsGroup - spec.securityContext.fsGroupChangePolicy - spec.securityContext.sysctls - spec.shareProcessNamespace - spec.securityContext.runAsUser - spec.securityContext.runAsGroup - spec.securityContext.supplementalGroups - spec.securityContext.supplementalGroupsPolicy - spec.containers[*].securityContext.appArmorProfile - spec.containers[*].securityContext.seLinuxOptions - spec.containers[*].securityContext.seccompProfile - spec.containers[*].securityContext.capabilities - spec.containers[*].securityContext.readOnlyRootFilesystem - spec.containers[*].securityContext.privileged - spec.containers[*].securityContext.allowPrivilegeEscalation - spec.containers[*].securityContext.procMount - spec.containers[*].securityContext.runAsUser - spec.containers[*].securityContext.runAsGroup',
    resources:
      'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu" and "memory" resource names only. ResourceClaims are not supported.\n\nThis field enables fine-grained control over resource allocation for the entire pod, allowing resource sharing among containers in a pod.\n\nThis is an alpha field and requires enabling the PodLevelResources feature gate.',
    securityContext:
      'SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty.  See type description for default values of each field.',
  },
  Container: {
    lifecycle: 'Actions that the management system should take in response to container lifecycle events. Cannot be updated.',
    livenessProbe: `Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: ${PROBES}`,
    readinessProbe: `Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: ${PROBES}`,
    resources: 'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    securityContext:
      'SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    startupProbe: `StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: ${PROBES}`,
  },
};

interface EnumDoc {
  values: string[];
  /** the "Possible enum values" list appended to the description */
  text: string;
}

const PROTOCOL: EnumDoc = {
  values: ['SCTP', 'TCP', 'UDP'],
  text: '\n\nPossible enum values:\n - `"SCTP"` is the SCTP protocol.\n - `"TCP"` is the TCP protocol.\n - `"UDP"` is the UDP protocol.',
};

/** type → field → enum (values in the spec's order, which is sorted). */
export const ENUMS: Record<string, Record<string, EnumDoc>> = {
  ContainerPort: { protocol: PROTOCOL },
  ServicePort: { protocol: PROTOCOL },
  Container: {
    imagePullPolicy: {
      values: ['Always', 'IfNotPresent', 'Never'],
      text:
        '\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on disk. Container will fail if the image isn\'t present and the pull fails.\n - `"Never"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn\'t present',
    },
    terminationMessagePolicy: {
      values: ['FallbackToLogsOnError', 'File'],
      text:
        "\n\nPossible enum values:\n - `\"FallbackToLogsOnError\"` will read the most recent contents of the container logs for the container status message when the container exits with an error and the terminationMessagePath has no contents.\n - `\"File\"` is the default behavior and will set the container status message to the contents of the container's terminationMessagePath when the container exits.",
    },
  },
  PodSpec: {
    dnsPolicy: {
      values: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
      text:
        '\n\nPossible enum values:\n - `"ClusterFirst"` indicates that the pod should use cluster DNS first unless hostNetwork is true, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `"ClusterFirstWithHostNet"` indicates that the pod should use cluster DNS first, if it is available, then fall back on the default (as determined by kubelet) DNS settings.\n - `"Default"` indicates that the pod should use the default (as determined by kubelet) DNS settings.\n - `"None"` indicates that the pod should use empty DNS settings. DNS parameters such as nameservers and search paths should be defined via DNSConfig.',
    },
    preemptionPolicy: {
      values: ['Never', 'PreemptLowerPriority'],
      text:
        '\n\nPossible enum values:\n - `"Never"` means that pod never preempts other pods with lower priority.\n - `"PreemptLowerPriority"` means that pod can preempt other pods with lower priority.',
    },
    restartPolicy: {
      values: ['Always', 'Never', 'OnFailure'],
      text: '\n\nPossible enum values:\n - `"Always"`\n - `"Never"`\n - `"OnFailure"`',
    },
  },
  ServiceSpec: {
    type: {
      values: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
      text:
        "\n\nPossible enum values:\n - `\"ClusterIP\"` means a service will only be accessible inside the cluster, via the cluster IP.\n - `\"ExternalName\"` means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.\n - `\"LoadBalancer\"` means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to 'NodePort' type.\n - `\"NodePort\"` means a service will be exposed on one port of every node, in addition to 'ClusterIP' type.",
    },
    sessionAffinity: {
      values: ['ClientIP', 'None'],
      text: '\n\nPossible enum values:\n - `"ClientIP"` is the Client IP based.\n - `"None"` - no session affinity.',
    },
    externalTrafficPolicy: {
      values: ['Cluster', 'Cluster', 'Local', 'Local'],
      text:
        '\n\nPossible enum values:\n - `"Cluster"`\n - `"Cluster"` routes traffic to all endpoints.\n - `"Local"`\n - `"Local"` preserves the source IP of the traffic by routing only to endpoints on the same node as the traffic was received on (dropping the traffic if there are no local endpoints).',
    },
    internalTrafficPolicy: {
      values: ['Cluster', 'Local'],
      text:
        '\n\nPossible enum values:\n - `"Cluster"` routes traffic to all endpoints.\n - `"Local"` routes traffic only to endpoints on the same node as the client pod (dropping the traffic if there are no local endpoints).',
    },
  },
  DeploymentStrategy: {
    type: {
      values: ['Recreate', 'RollingUpdate'],
      text:
        '\n\nPossible enum values:\n - `"Recreate"` Kill all existing pods before creating new ones.\n - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.',
    },
  },
};

interface OverlayTarget {
  properties?: Record<string, { description?: string; enum?: unknown[] }>;
}

/**
 * Writes the overlays into `schemas` (keyed by short type name), in place: the field
 * descriptions first, then the enum values with their "Possible enum values" text. One merge for
 * explain and for the /openapi/v3 documents the API server serves.
 */
export function applyOverlays(schemas: Record<string, OverlayTarget | undefined>): void {
  for (const [type, fields] of Object.entries(FIELD_DESCRIPTIONS)) {
    const props = schemas[type]?.properties;
    if (!props) continue;
    for (const [f, d] of Object.entries(fields)) if (props[f]) props[f] = { ...props[f], description: d };
  }
  for (const [type, fields] of Object.entries(ENUMS)) {
    const props = schemas[type]?.properties;
    if (!props) continue;
    for (const [f, e] of Object.entries(fields)) {
      const p = props[f];
      if (p) props[f] = { ...p, description: (p.description ?? '') + e.text, enum: e.values };
    }
  }
}
