// The schema table: for each protobuf message Podbook decodes, its fields as
//   "<field number> <json name> <type> [ptr|req|inline]"
// Field numbers and types are from the generated.proto files of k8s.io/api and
// k8s.io/apimachinery (v0.32+; numbers never change between releases, later releases only add).
// The JSON name is the Go json tag, which equals the proto field name in every k8s.io/api type.
//
// Types: string | int32 | int64 | bool | bytes | Time | IntOrString | Quantity | FieldsV1 |
// <Message>; "[]T" is a repeated field; "map<T>" a map<string, T> (T = string | bytes | Quantity).
//
// Modifiers say how Go's encoding/json prints the typed struct that gogo-protobuf decodes into,
// which the proto does not tell (every field there is `optional`); they come from the Go types:
//   (none)  scalar/slice/map with `omitempty`: dropped when zero or empty. A non-pointer struct
//           (no modifier on a message type) is ALWAYS printed, because omitempty never drops a
//           struct: hence `resources: {}`, `strategy: {}`, `status: {}` in kubectl's JSON.
//   ptr     a Go pointer (`*int32 replicas`, `*bool optional`, `*LabelSelector`): printed exactly
//           when present on the wire, even if zero (`replicas: 0`, `optional: false`).
//   req     no `omitempty` in the json tag: printed even when zero (`containerPort`, `name`);
//           an empty slice/map without omitempty prints `null`, as Go prints a nil slice.
//   inline  an embedded struct (`json:",inline"`): its fields are merged into the parent, e.g.
//           ConfigMapKeySelector's LocalObjectReference gives `name` beside `key`.
// A non-pointer metav1.Time prints `null` when zero (metav1.Time.MarshalJSON), which is why
// `creationTimestamp: null` appears in every object kubectl creates.

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes';
export type SpecialType = 'Time' | 'IntOrString' | 'Quantity' | 'FieldsV1';
export type Presence = 'omitempty' | 'ptr' | 'req' | 'inline';

export interface FieldSpec {
  no: number;
  name: string;
  /** scalar, special or message name */
  type: string;
  repeated: boolean;
  /** value type of a map<string, T> */
  mapValue?: 'string' | 'bytes' | 'Quantity';
  presence: Presence;
}

export interface MessageSpec {
  name: string;
  fields: Map<number, FieldSpec>;
  /** fields in Go struct order, for output order */
  ordered: FieldSpec[];
}

const MESSAGES: Record<string, string[]> = {
  // --- k8s.io/apimachinery/pkg/runtime ---------------------------------------------------------
  Unknown: ['1 typeMeta TypeMeta', '2 raw bytes', '3 contentEncoding string', '4 contentType string'],
  TypeMeta: ['1 apiVersion string', '2 kind string'],

  // --- k8s.io/apimachinery/pkg/apis/meta/v1 ----------------------------------------------------
  ObjectMeta: [
    '1 name string',
    '2 generateName string',
    '3 namespace string',
    '4 selfLink string',
    '5 uid string',
    '6 resourceVersion string',
    '7 generation int64',
    '8 creationTimestamp Time',
    '9 deletionTimestamp Time ptr',
    '10 deletionGracePeriodSeconds int64 ptr',
    '11 labels map<string>',
    '12 annotations map<string>',
    '13 ownerReferences []OwnerReference',
    '14 finalizers []string',
    '17 managedFields []ManagedFieldsEntry',
  ],
  OwnerReference: [
    '5 apiVersion string req',
    '1 kind string req',
    '3 name string req',
    '4 uid string req',
    '6 controller bool ptr',
    '7 blockOwnerDeletion bool ptr',
  ],
  ManagedFieldsEntry: [
    '1 manager string',
    '2 operation string',
    '3 apiVersion string',
    '4 time Time ptr',
    '6 fieldsType string',
    '7 fieldsV1 FieldsV1 ptr',
    '8 subresource string',
  ],
  LabelSelector: ['1 matchLabels map<string>', '2 matchExpressions []LabelSelectorRequirement'],
  LabelSelectorRequirement: ['1 key string req', '2 operator string req', '3 values []string'],
  Condition: [
    '1 type string req',
    '2 status string req',
    '3 observedGeneration int64',
    '4 lastTransitionTime Time req',
    '5 reason string req',
    '6 message string req',
  ],

  // --- k8s.io/api/apps/v1 ----------------------------------------------------------------------
  Deployment: ['1 metadata ObjectMeta', '2 spec DeploymentSpec', '3 status DeploymentStatus'],
  DeploymentSpec: [
    '1 replicas int32 ptr',
    '2 selector LabelSelector ptr',
    '3 template PodTemplateSpec',
    '4 strategy DeploymentStrategy',
    '5 minReadySeconds int32',
    '6 revisionHistoryLimit int32 ptr',
    '7 paused bool',
    '9 progressDeadlineSeconds int32 ptr',
  ],
  DeploymentStrategy: ['1 type string', '2 rollingUpdate RollingUpdateDeployment ptr'],
  RollingUpdateDeployment: ['1 maxUnavailable IntOrString ptr', '2 maxSurge IntOrString ptr'],
  DeploymentStatus: [
    '1 observedGeneration int64',
    '2 replicas int32',
    '3 updatedReplicas int32',
    '7 readyReplicas int32',
    '4 availableReplicas int32',
    '5 unavailableReplicas int32',
    '9 terminatingReplicas int32 ptr',
    '6 conditions []DeploymentCondition',
    '8 collisionCount int32 ptr',
  ],
  DeploymentCondition: [
    '1 type string req',
    '2 status string req',
    '6 lastUpdateTime Time',
    '7 lastTransitionTime Time',
    '4 reason string',
    '5 message string',
  ],
  ReplicaSet: ['1 metadata ObjectMeta', '2 spec ReplicaSetSpec', '3 status ReplicaSetStatus'],
  ReplicaSetSpec: [
    '1 replicas int32 ptr',
    '4 minReadySeconds int32',
    '2 selector LabelSelector ptr',
    '3 template PodTemplateSpec',
  ],
  ReplicaSetStatus: [
    '1 replicas int32 req',
    '2 fullyLabeledReplicas int32',
    '4 readyReplicas int32',
    '5 availableReplicas int32',
    '7 terminatingReplicas int32 ptr',
    '3 observedGeneration int64',
    '6 conditions []ReplicaSetCondition',
  ],
  ReplicaSetCondition: [
    '1 type string req',
    '2 status string req',
    '3 lastTransitionTime Time',
    '4 reason string',
    '5 message string',
  ],

  // --- k8s.io/api/autoscaling/v1 ---------------------------------------------------------------
  Scale: ['1 metadata ObjectMeta', '2 spec ScaleSpec', '3 status ScaleStatus'],
  ScaleSpec: ['1 replicas int32'],
  ScaleStatus: ['1 replicas int32 req', '2 selector string'],

  // --- k8s.io/api/core/v1: objects -------------------------------------------------------------
  Pod: ['1 metadata ObjectMeta', '2 spec PodSpec', '3 status PodStatus'],
  ConfigMap: ['1 metadata ObjectMeta', '4 immutable bool ptr', '2 data map<string>', '3 binaryData map<bytes>'],
  Secret: [
    '1 metadata ObjectMeta',
    '5 immutable bool ptr',
    '2 data map<bytes>',
    '4 stringData map<string>',
    '3 type string',
  ],
  Namespace: ['1 metadata ObjectMeta', '2 spec NamespaceSpec', '3 status NamespaceStatus'],
  NamespaceSpec: ['1 finalizers []string'],
  NamespaceStatus: ['1 phase string', '2 conditions []NamespaceCondition'],
  NamespaceCondition: [
    '1 type string req',
    '2 status string req',
    '4 lastTransitionTime Time',
    '5 reason string',
    '6 message string',
  ],
  ServiceAccount: [
    '1 metadata ObjectMeta',
    '2 secrets []ObjectReference',
    '3 imagePullSecrets []LocalObjectReference',
    '4 automountServiceAccountToken bool ptr',
  ],
  ObjectReference: [
    '1 kind string',
    '2 namespace string',
    '3 name string',
    '4 uid string',
    '5 apiVersion string',
    '6 resourceVersion string',
    '7 fieldPath string',
  ],
  Endpoints: ['1 metadata ObjectMeta', '2 subsets []EndpointSubset'],
  EndpointSubset: [
    '1 addresses []EndpointAddress',
    '2 notReadyAddresses []EndpointAddress',
    '3 ports []EndpointPort',
  ],
  EndpointAddress: ['1 ip string req', '3 hostname string', '4 nodeName string ptr', '2 targetRef ObjectReference ptr'],
  EndpointPort: ['1 name string', '2 port int32 req', '3 protocol string', '4 appProtocol string ptr'],

  // --- core/v1 Service --------------------------------------------------------------------------
  Service: ['1 metadata ObjectMeta', '2 spec ServiceSpec', '3 status ServiceStatus'],
  ServiceSpec: [
    '1 ports []ServicePort',
    '2 selector map<string>',
    '3 clusterIP string',
    '18 clusterIPs []string',
    '4 type string',
    '5 externalIPs []string',
    '7 sessionAffinity string',
    '8 loadBalancerIP string',
    '9 loadBalancerSourceRanges []string',
    '10 externalName string',
    '11 externalTrafficPolicy string',
    '12 healthCheckNodePort int32',
    '13 publishNotReadyAddresses bool',
    '14 sessionAffinityConfig SessionAffinityConfig ptr',
    '19 ipFamilies []string',
    '17 ipFamilyPolicy string ptr',
    '20 allocateLoadBalancerNodePorts bool ptr',
    '21 loadBalancerClass string ptr',
    '22 internalTrafficPolicy string ptr',
    '23 trafficDistribution string ptr',
  ],
  ServicePort: [
    '1 name string',
    '2 protocol string',
    '6 appProtocol string ptr',
    '3 port int32 req',
    '4 targetPort IntOrString',
    '5 nodePort int32',
  ],
  SessionAffinityConfig: ['1 clientIP ClientIPConfig ptr'],
  ClientIPConfig: ['1 timeoutSeconds int32 ptr'],
  ServiceStatus: ['1 loadBalancer LoadBalancerStatus', '2 conditions []Condition'],
  LoadBalancerStatus: ['1 ingress []LoadBalancerIngress'],
  LoadBalancerIngress: ['1 ip string', '2 hostname string', '3 ipMode string ptr', '4 ports []PortStatus'],
  PortStatus: ['1 port int32 req', '2 protocol string req', '3 error string ptr'],

  // --- core/v1 PodSpec and what it embeds ------------------------------------------------------
  PodTemplateSpec: ['1 metadata ObjectMeta', '2 spec PodSpec'],
  PodSpec: [
    '1 volumes []Volume',
    '20 initContainers []Container',
    '2 containers []Container req',
    '34 ephemeralContainers []EphemeralContainer',
    '3 restartPolicy string',
    '4 terminationGracePeriodSeconds int64 ptr',
    '5 activeDeadlineSeconds int64 ptr',
    '6 dnsPolicy string',
    '7 nodeSelector map<string>',
    '8 serviceAccountName string',
    '9 serviceAccount string',
    '21 automountServiceAccountToken bool ptr',
    '10 nodeName string',
    '11 hostNetwork bool',
    '12 hostPID bool',
    '13 hostIPC bool',
    '27 shareProcessNamespace bool ptr',
    '14 securityContext PodSecurityContext ptr',
    '15 imagePullSecrets []LocalObjectReference',
    '16 hostname string',
    '17 subdomain string',
    '18 affinity Affinity ptr',
    '19 schedulerName string',
    '22 tolerations []Toleration',
    '23 hostAliases []HostAlias',
    '24 priorityClassName string',
    '25 priority int32 ptr',
    '26 dnsConfig PodDNSConfig ptr',
    '28 readinessGates []PodReadinessGate',
    '29 runtimeClassName string ptr',
    '30 enableServiceLinks bool ptr',
    '31 preemptionPolicy string ptr',
    '32 overhead map<Quantity>',
    '33 topologySpreadConstraints []TopologySpreadConstraint',
    '35 setHostnameAsFQDN bool ptr',
    '36 os PodOS ptr',
    '37 hostUsers bool ptr',
    '38 schedulingGates []PodSchedulingGate',
    '39 resourceClaims []PodResourceClaim',
    '40 resources ResourceRequirements ptr',
    '41 hostnameOverride string ptr',
  ],
  Container: [
    '1 name string req',
    '2 image string',
    '3 command []string',
    '4 args []string',
    '5 workingDir string',
    '6 ports []ContainerPort',
    '19 envFrom []EnvFromSource',
    '7 env []EnvVar',
    '8 resources ResourceRequirements',
    '23 resizePolicy []ContainerResizePolicy',
    '24 restartPolicy string ptr',
    '9 volumeMounts []VolumeMount',
    '21 volumeDevices []VolumeDevice',
    '10 livenessProbe Probe ptr',
    '11 readinessProbe Probe ptr',
    '22 startupProbe Probe ptr',
    '12 lifecycle Lifecycle ptr',
    '13 terminationMessagePath string',
    '20 terminationMessagePolicy string',
    '14 imagePullPolicy string',
    '15 securityContext SecurityContext ptr',
    '16 stdin bool',
    '17 stdinOnce bool',
    '18 tty bool',
  ],
  EphemeralContainer: ['1 ephemeralContainerCommon Container inline', '2 targetContainerName string'],
  ContainerPort: [
    '1 name string',
    '2 hostPort int32',
    '3 containerPort int32 req',
    '4 protocol string',
    '5 hostIP string',
  ],
  ContainerResizePolicy: ['1 resourceName string req', '2 restartPolicy string req'],
  EnvFromSource: ['1 prefix string', '2 configMapRef ConfigMapEnvSource ptr', '3 secretRef SecretEnvSource ptr'],
  ConfigMapEnvSource: ['1 localObjectReference LocalObjectReference inline', '2 optional bool ptr'],
  SecretEnvSource: ['1 localObjectReference LocalObjectReference inline', '2 optional bool ptr'],
  EnvVar: ['1 name string req', '2 value string', '3 valueFrom EnvVarSource ptr'],
  EnvVarSource: [
    '1 fieldRef ObjectFieldSelector ptr',
    '2 resourceFieldRef ResourceFieldSelector ptr',
    '3 configMapKeyRef ConfigMapKeySelector ptr',
    '4 secretKeyRef SecretKeySelector ptr',
  ],
  ObjectFieldSelector: ['1 apiVersion string', '2 fieldPath string req'],
  // divisor is a non-pointer resource.Quantity: always printed, "0" when unset.
  ResourceFieldSelector: ['1 containerName string', '2 resource string req', '3 divisor Quantity'],
  ConfigMapKeySelector: [
    '1 localObjectReference LocalObjectReference inline',
    '2 key string req',
    '3 optional bool ptr',
  ],
  SecretKeySelector: [
    '1 localObjectReference LocalObjectReference inline',
    '2 key string req',
    '3 optional bool ptr',
  ],
  LocalObjectReference: ['1 name string'],
  ResourceRequirements: ['1 limits map<Quantity>', '2 requests map<Quantity>', '3 claims []ResourceClaim'],
  ResourceClaim: ['1 name string req', '2 request string'],
  VolumeMount: [
    '1 name string req',
    '2 readOnly bool',
    '7 recursiveReadOnly string ptr',
    '3 mountPath string req',
    '4 subPath string',
    '5 mountPropagation string ptr',
    '6 subPathExpr string',
  ],
  VolumeDevice: ['1 name string req', '2 devicePath string req'],
  Probe: [
    '1 handler ProbeHandler inline',
    '2 initialDelaySeconds int32',
    '3 timeoutSeconds int32',
    '4 periodSeconds int32',
    '5 successThreshold int32',
    '6 failureThreshold int32',
    '7 terminationGracePeriodSeconds int64 ptr',
  ],
  ProbeHandler: [
    '1 exec ExecAction ptr',
    '2 httpGet HTTPGetAction ptr',
    '3 tcpSocket TCPSocketAction ptr',
    '4 grpc GRPCAction ptr',
  ],
  ExecAction: ['1 command []string'],
  HTTPGetAction: [
    '1 path string',
    '2 port IntOrString req',
    '3 host string',
    '4 scheme string',
    '5 httpHeaders []HTTPHeader',
  ],
  HTTPHeader: ['1 name string req', '2 value string req'],
  TCPSocketAction: ['1 port IntOrString req', '2 host string'],
  GRPCAction: ['1 port int32 req', '2 service string ptr'],
  Lifecycle: ['1 postStart LifecycleHandler ptr', '2 preStop LifecycleHandler ptr', '3 stopSignal string ptr'],
  LifecycleHandler: [
    '1 exec ExecAction ptr',
    '2 httpGet HTTPGetAction ptr',
    '3 tcpSocket TCPSocketAction ptr',
    '4 sleep SleepAction ptr',
  ],
  SleepAction: ['1 seconds int64 req'],
  SecurityContext: [
    '1 capabilities Capabilities ptr',
    '2 privileged bool ptr',
    '3 seLinuxOptions SELinuxOptions ptr',
    '10 windowsOptions WindowsSecurityContextOptions ptr',
    '4 runAsUser int64 ptr',
    '8 runAsGroup int64 ptr',
    '5 runAsNonRoot bool ptr',
    '6 readOnlyRootFilesystem bool ptr',
    '7 allowPrivilegeEscalation bool ptr',
    '9 procMount string ptr',
    '11 seccompProfile SeccompProfile ptr',
    '12 appArmorProfile AppArmorProfile ptr',
  ],
  Capabilities: ['1 add []string', '2 drop []string'],
  SELinuxOptions: ['1 user string', '2 role string', '3 type string', '4 level string'],
  WindowsSecurityContextOptions: [
    '1 gmsaCredentialSpecName string ptr',
    '2 gmsaCredentialSpec string ptr',
    '3 runAsUserName string ptr',
    '4 hostProcess bool ptr',
  ],
  SeccompProfile: ['1 type string req', '2 localhostProfile string ptr'],
  AppArmorProfile: ['1 type string req', '2 localhostProfile string ptr'],
  PodSecurityContext: [
    '1 seLinuxOptions SELinuxOptions ptr',
    '8 windowsOptions WindowsSecurityContextOptions ptr',
    '2 runAsUser int64 ptr',
    '6 runAsGroup int64 ptr',
    '3 runAsNonRoot bool ptr',
    '4 supplementalGroups []int64',
    '12 supplementalGroupsPolicy string ptr',
    '5 fsGroup int64 ptr',
    '7 sysctls []Sysctl',
    '9 fsGroupChangePolicy string ptr',
    '10 seccompProfile SeccompProfile ptr',
    '11 appArmorProfile AppArmorProfile ptr',
    '13 seLinuxChangePolicy string ptr',
  ],
  Sysctl: ['1 name string req', '2 value string req'],
  Volume: ['1 name string req', '2 volumeSource VolumeSource inline'],
  VolumeSource: [
    '1 hostPath HostPathVolumeSource ptr',
    '2 emptyDir EmptyDirVolumeSource ptr',
    '6 secret SecretVolumeSource ptr',
    '7 nfs NFSVolumeSource ptr',
    '10 persistentVolumeClaim PersistentVolumeClaimVolumeSource ptr',
    '16 downwardAPI DownwardAPIVolumeSource ptr',
    '19 configMap ConfigMapVolumeSource ptr',
    '26 projected ProjectedVolumeSource ptr',
    '28 csi CSIVolumeSource ptr',
    '30 image ImageVolumeSource ptr',
  ],
  HostPathVolumeSource: ['1 path string req', '2 type string ptr'],
  EmptyDirVolumeSource: ['1 medium string', '2 sizeLimit Quantity ptr'],
  SecretVolumeSource: ['1 secretName string', '2 items []KeyToPath', '3 defaultMode int32 ptr', '4 optional bool ptr'],
  ConfigMapVolumeSource: [
    '1 localObjectReference LocalObjectReference inline',
    '2 items []KeyToPath',
    '3 defaultMode int32 ptr',
    '4 optional bool ptr',
  ],
  KeyToPath: ['1 key string req', '2 path string req', '3 mode int32 ptr'],
  NFSVolumeSource: ['1 server string req', '2 path string req', '3 readOnly bool'],
  PersistentVolumeClaimVolumeSource: ['1 claimName string req', '2 readOnly bool'],
  DownwardAPIVolumeSource: ['1 items []DownwardAPIVolumeFile', '2 defaultMode int32 ptr'],
  DownwardAPIVolumeFile: [
    '1 path string req',
    '2 fieldRef ObjectFieldSelector ptr',
    '3 resourceFieldRef ResourceFieldSelector ptr',
    '4 mode int32 ptr',
  ],
  ProjectedVolumeSource: ['1 sources []VolumeProjection req', '2 defaultMode int32 ptr'],
  VolumeProjection: [
    '1 secret SecretProjection ptr',
    '2 downwardAPI DownwardAPIProjection ptr',
    '3 configMap ConfigMapProjection ptr',
    '4 serviceAccountToken ServiceAccountTokenProjection ptr',
  ],
  SecretProjection: [
    '1 localObjectReference LocalObjectReference inline',
    '2 items []KeyToPath',
    '4 optional bool ptr',
  ],
  ConfigMapProjection: [
    '1 localObjectReference LocalObjectReference inline',
    '2 items []KeyToPath',
    '4 optional bool ptr',
  ],
  DownwardAPIProjection: ['1 items []DownwardAPIVolumeFile'],
  ServiceAccountTokenProjection: ['1 audience string', '2 expirationSeconds int64 ptr', '3 path string req'],
  CSIVolumeSource: [
    '1 driver string req',
    '2 readOnly bool ptr',
    '3 fsType string ptr',
    '4 volumeAttributes map<string>',
    '5 nodePublishSecretRef LocalObjectReference ptr',
  ],
  ImageVolumeSource: ['1 reference string', '2 pullPolicy string'],
  Affinity: [
    '1 nodeAffinity NodeAffinity ptr',
    '2 podAffinity PodAffinity ptr',
    '3 podAntiAffinity PodAntiAffinity ptr',
  ],
  NodeAffinity: [
    '1 requiredDuringSchedulingIgnoredDuringExecution NodeSelector ptr',
    '2 preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm',
  ],
  NodeSelector: ['1 nodeSelectorTerms []NodeSelectorTerm req'],
  NodeSelectorTerm: ['1 matchExpressions []NodeSelectorRequirement', '2 matchFields []NodeSelectorRequirement'],
  NodeSelectorRequirement: ['1 key string req', '2 operator string req', '3 values []string'],
  PreferredSchedulingTerm: ['1 weight int32 req', '2 preference NodeSelectorTerm'],
  PodAffinity: [
    '1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm',
    '2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  ],
  PodAntiAffinity: [
    '1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm',
    '2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm',
  ],
  PodAffinityTerm: [
    '1 labelSelector LabelSelector ptr',
    '2 namespaces []string',
    '3 topologyKey string req',
    '4 namespaceSelector LabelSelector ptr',
    '5 matchLabelKeys []string',
    '6 mismatchLabelKeys []string',
  ],
  WeightedPodAffinityTerm: ['1 weight int32 req', '2 podAffinityTerm PodAffinityTerm'],
  Toleration: [
    '1 key string',
    '2 operator string',
    '3 value string',
    '4 effect string',
    '5 tolerationSeconds int64 ptr',
  ],
  HostAlias: ['1 ip string req', '2 hostnames []string'],
  PodDNSConfig: ['1 nameservers []string', '2 searches []string', '3 options []PodDNSConfigOption'],
  PodDNSConfigOption: ['1 name string', '2 value string ptr'],
  PodReadinessGate: ['1 conditionType string req'],
  TopologySpreadConstraint: [
    '1 maxSkew int32 req',
    '2 topologyKey string req',
    '3 whenUnsatisfiable string req',
    '4 labelSelector LabelSelector ptr',
    '5 minDomains int32 ptr',
    '6 nodeAffinityPolicy string ptr',
    '7 nodeTaintsPolicy string ptr',
    '8 matchLabelKeys []string',
  ],
  PodOS: ['1 name string req'],
  PodSchedulingGate: ['1 name string req'],
  PodResourceClaim: ['1 name string req', '3 resourceClaimName string ptr', '4 resourceClaimTemplateName string ptr'],

  // --- core/v1 PodStatus (sent only by clients that update status; kept small) -----------------
  PodStatus: [
    '1 phase string',
    '2 conditions []PodCondition',
    '3 message string',
    '4 reason string',
    '11 nominatedNodeName string',
    '5 hostIP string',
    '16 hostIPs []HostIP',
    '6 podIP string',
    '12 podIPs []PodIP',
    '7 startTime Time ptr',
    '10 initContainerStatuses []ContainerStatus',
    '8 containerStatuses []ContainerStatus',
    '9 qosClass string',
  ],
  PodCondition: [
    '1 type string req',
    '2 status string req',
    '3 lastProbeTime Time',
    '4 lastTransitionTime Time',
    '5 reason string',
    '6 message string',
  ],
  PodIP: ['1 ip string req'],
  HostIP: ['1 ip string req'],
  ContainerStatus: [
    '1 name string req',
    '2 state ContainerState',
    '3 lastState ContainerState',
    '4 ready bool req',
    '5 restartCount int32 req',
    '6 image string req',
    '7 imageID string req',
    '8 containerID string',
    '9 started bool ptr',
  ],
  ContainerState: [
    '1 waiting ContainerStateWaiting ptr',
    '2 running ContainerStateRunning ptr',
    '3 terminated ContainerStateTerminated ptr',
  ],
  ContainerStateWaiting: ['1 reason string', '2 message string'],
  ContainerStateRunning: ['1 startedAt Time'],
  ContainerStateTerminated: [
    '1 exitCode int32 req',
    '2 signal int32',
    '3 reason string',
    '4 message string',
    '5 startedAt Time',
    '6 finishedAt Time',
    '7 containerID string',
  ],
};

/** The top-level kinds a request body may carry, by `apiVersion/kind` of the envelope. */
export const KINDS: Record<string, string> = {
  'v1/Pod': 'Pod',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/Namespace': 'Namespace',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/Service': 'Service',
  'v1/Endpoints': 'Endpoints',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'autoscaling/v1/Scale': 'Scale',
};

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes']);
const SPECIALS = new Set(['Time', 'IntOrString', 'Quantity', 'FieldsV1']);

function parseField(message: string, line: string): FieldSpec {
  const parts = line.split(' ');
  const [noText, name, typeText, mod] = parts;
  if (!noText || !name || !typeText || parts.length > 4) throw new Error(`schema ${message}: bad line "${line}"`);
  let type = typeText;
  let repeated = false;
  let mapValue: FieldSpec['mapValue'];
  if (type.startsWith('[]')) {
    repeated = true;
    type = type.slice(2);
  } else if (type.startsWith('map<')) {
    mapValue = type.slice(4, -1) as FieldSpec['mapValue'];
    type = 'map';
  }
  const presence: Presence = mod === undefined ? 'omitempty' : (mod as Presence);
  if (!['omitempty', 'ptr', 'req', 'inline'].includes(presence)) throw new Error(`schema ${message}: bad modifier in "${line}"`);
  return { no: Number(noText), name, type, repeated, mapValue, presence };
}

function build(): Map<string, MessageSpec> {
  const out = new Map<string, MessageSpec>();
  for (const [name, lines] of Object.entries(MESSAGES)) {
    const ordered = lines.map((l) => parseField(name, l));
    out.set(name, { name, ordered, fields: new Map(ordered.map((f) => [f.no, f])) });
  }
  // Every referenced type must exist: a typo would otherwise surface only for one request shape.
  for (const m of out.values()) {
    for (const f of m.ordered) {
      if (f.type === 'map' || SCALARS.has(f.type) || SPECIALS.has(f.type)) continue;
      if (!out.has(f.type)) throw new Error(`schema ${m.name}.${f.name}: unknown message type ${f.type}`);
    }
  }
  return out;
}

export const SCHEMA: ReadonlyMap<string, MessageSpec> = build();

export function isScalar(type: string): boolean {
  return SCALARS.has(type);
}
