// kubectl 1.32's flags as data: the global flags every command inherits (`kubectl options`), the
// local flags of each command Podbook models, and the command tree cobra resolves argv against.
//
// Generated from the real kubectl v1.32.5 and checked against it: names, shorthands and defaults
// come from `kubectl <cmd> -h`; each type was confirmed by feeding the binary bad values
// (`strconv.ParseBool` → bool, `strconv.ParseInt` → int, out of range at 3000000000 → int32,
// `time: invalid duration` → duration, a CSV parse error on `"a` → stringSlice); a flag given
// alone at the end of the line that does not fail with `flag needs an argument` has a
// NoOptDefVal. Hidden flags were looked for by trying every `--name` found in the binary on
// every command: only `--record` turned up (deprecated; its notice is printed on use).
// `int` covers Go's int and int64 alike (both 64-bit for kubectl's release builds).

import type { FlagSpec, FlagTable } from './flags';

/** The flag cobra adds to every command. */
export const HELP_FLAG: FlagSpec = { name: 'help', shorthand: 'h', type: 'bool', default: false };

/**
 * `kubectl options`: persistent flags of the root command, inherited by every command.
 * `--cache-dir` defaults to `$HOME/.kube/cache`; the value here is what kubectl prints for root.
 */
export const GLOBAL_FLAGS: FlagTable = [
  { name: 'as', type: 'string', default: '' },
  { name: 'as-group', type: 'stringArray', default: [] },
  { name: 'as-uid', type: 'string', default: '' },
  { name: 'cache-dir', type: 'string', default: '/root/.kube/cache' },
  { name: 'certificate-authority', type: 'string', default: '' },
  { name: 'client-certificate', type: 'string', default: '' },
  { name: 'client-key', type: 'string', default: '' },
  { name: 'cluster', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'disable-compression', type: 'bool', default: false },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
  { name: 'kubeconfig', type: 'string', default: '' },
  // A Go flag.Duration behind pflag: a bad value reports just "parse error".
  { name: 'log-flush-frequency', type: 'goDuration', default: '5s' },
  { name: 'match-server-version', type: 'bool', default: false },
  { name: 'namespace', shorthand: 'n', type: 'string', default: '' },
  { name: 'password', type: 'string', default: '' },
  { name: 'profile', type: 'string', default: 'none' },
  { name: 'profile-output', type: 'string', default: 'profile.pprof' },
  // A string, validated later by kubectl ("Invalid timeout value. Timeout must be ...").
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'server', shorthand: 's', type: 'string', default: '' },
  { name: 'tls-server-name', type: 'string', default: '' },
  { name: 'token', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
  { name: 'username', type: 'string', default: '' },
  // klog's Level: strconv.ParseInt(value, 10, 32), so `-v=0x1` is an error unlike pflag ints.
  { name: 'v', shorthand: 'v', type: 'klogLevel', default: 0 },
  { name: 'vmodule', type: 'vmodule', default: '' },
  { name: 'warnings-as-errors', type: 'bool', default: false },
];

// `kubectl get`
const FLAGS_GET: FlagTable = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'ignore-not-found', type: 'bool', default: false },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', default: [] },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'output-watch-events', type: 'bool', default: false },
  { name: 'raw', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'show-kind', type: 'bool', default: false },
  { name: 'show-labels', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'subresource', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'watch', shorthand: 'w', type: 'bool', default: false },
  { name: 'watch-only', type: 'bool', default: false },
];

// `kubectl describe`
const FLAGS_DESCRIBE: FlagTable = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-events', type: 'bool', default: true },
];

// `kubectl run`
const FLAGS_RUN: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'annotations', type: 'stringArray', default: [] },
  { name: 'attach', type: 'bool', default: false },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'command', type: 'bool', default: false },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'env', type: 'stringArray', default: [] },
  { name: 'expose', type: 'bool', default: false },
  { name: 'field-manager', type: 'string', default: 'kubectl-run' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'force', type: 'bool', default: false },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'image', type: 'string', default: '' },
  { name: 'image-pull-policy', type: 'string', default: '' },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'labels', shorthand: 'l', type: 'string', default: '' },
  { name: 'leave-stdin-open', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'overrides', type: 'string', default: '' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  { name: 'port', type: 'string', default: '' },
  { name: 'privileged', type: 'bool', default: false },
  { name: 'quiet', shorthand: 'q', type: 'bool', default: false },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'restart', type: 'string', default: 'Always' },
  { name: 'rm', type: 'bool', default: false },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'stdin', shorthand: 'i', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'tty', shorthand: 't', type: 'bool', default: false },
  { name: 'wait', type: 'bool', default: false },
];

// `kubectl create`
const FLAGS_CREATE: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'edit', type: 'bool', default: false },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'raw', type: 'string', default: '' },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'windows-line-endings', type: 'bool', default: false },
];

// `kubectl create deployment`
const FLAGS_CREATE_DEPLOYMENT: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'image', type: 'stringSlice', default: [] },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'port', type: 'int32', default: -1 },
  { name: 'replicas', shorthand: 'r', type: 'int32', default: 1 },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl create namespace`
const FLAGS_EVENTS: FlagTable = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'for', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'types', type: 'stringSlice', default: [] },
  { name: 'watch', shorthand: 'w', type: 'bool', default: false },
];

const FLAGS_TOP_POD: FlagTable = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'containers', type: 'bool', default: false },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'sum', type: 'bool', default: false },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];

const FLAGS_TOP_NODE: FlagTable = [
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-capacity', type: 'bool', default: false },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];

const FLAGS_CREATE_NAMESPACE: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl create configmap`
const FLAGS_CREATE_CONFIGMAP: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'append-hash', type: 'bool', default: false },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'from-env-file', type: 'stringSlice', default: [] },
  { name: 'from-file', type: 'stringSlice', default: [] },
  { name: 'from-literal', type: 'stringArray', default: [] },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl create secret generic`
const FLAGS_CREATE_SECRET_GENERIC: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'append-hash', type: 'bool', default: false },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'from-env-file', type: 'stringSlice', default: [] },
  { name: 'from-file', type: 'stringSlice', default: [] },
  { name: 'from-literal', type: 'stringArray', default: [] },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'type', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl create service clusterip`
const FLAGS_CREATE_SERVICE_CLUSTERIP: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'clusterip', type: 'string', default: '' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'tcp', type: 'stringSlice', default: [] },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl create service nodeport`
const FLAGS_CREATE_SERVICE_NODEPORT: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'node-port', type: 'int', default: 0 },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'tcp', type: 'stringSlice', default: [] },
  { name: 'template', type: 'string', default: '' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
];

// `kubectl apply`
const FLAGS_APPLY: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'force', type: 'bool', default: false },
  { name: 'force-conflicts', type: 'bool', default: false },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'openapi-patch', type: 'bool', default: true },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'prune', type: 'bool', default: false },
  { name: 'prune-allowlist', type: 'stringArray', default: [] },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'server-side', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'subresource', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'wait', type: 'bool', default: false },
];

// `kubectl delete`
const FLAGS_DELETE: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'force', type: 'bool', default: false },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'ignore-not-found', type: 'bool', default: false },
  { name: 'interactive', shorthand: 'i', type: 'bool', default: false },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'now', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'raw', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'wait', type: 'bool', default: true },
];

// `kubectl label`
const FLAGS_LABEL: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-label' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'list', type: 'bool', default: false },
  { name: 'local', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'overwrite', type: 'bool', default: false },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'resource-version', type: 'string', default: '' },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl annotate`
const FLAGS_ANNOTATE: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-annotate' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'list', type: 'bool', default: false },
  { name: 'local', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'overwrite', type: 'bool', default: false },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'resource-version', type: 'string', default: '' },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl scale`
const FLAGS_SCALE: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'current-replicas', type: 'int', default: -1 },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'replicas', type: 'int', default: 0 },
  { name: 'resource-version', type: 'string', default: '' },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '0s' },
];

// `kubectl expose`
const FLAGS_EXPOSE: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'cluster-ip', type: 'string', default: '' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'external-ip', type: 'string', default: '' },
  { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'labels', shorthand: 'l', type: 'string', default: '' },
  { name: 'load-balancer-ip', type: 'string', default: '' },
  { name: 'name', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'override-type', type: 'string', default: 'merge' },
  { name: 'overrides', type: 'string', default: '' },
  { name: 'port', type: 'string', default: '' },
  { name: 'protocol', type: 'string', default: '' },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'selector', type: 'string', default: '' },
  { name: 'session-affinity', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'target-port', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'type', type: 'string', default: '' },
];

// `kubectl set image`
const FLAGS_SET_IMAGE: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'local', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'record', type: 'bool', default: false, deprecated: '--record will be removed in the future', hidden: true },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl rollout status`
const FLAGS_ROLLOUT_STATUS: FlagTable = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'revision', type: 'int', default: 0 },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '0s' },
  { name: 'watch', shorthand: 'w', type: 'bool', default: true },
];

// `kubectl rollout history`
const FLAGS_ROLLOUT_HISTORY: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'revision', type: 'int', default: 0 },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl rollout undo`
const FLAGS_ROLLOUT_UNDO: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'to-revision', type: 'int', default: 0 },
];

// `kubectl rollout restart`
const FLAGS_ROLLOUT_RESTART: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'kustomize', shorthand: 'k', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl wait`
const FLAGS_WAIT: FlagTable = [
  { name: 'all', type: 'bool', default: false },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', default: false },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'for', type: 'string', default: '' },
  { name: 'local', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: true },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'timeout', type: 'duration', default: '30s' },
];

// `kubectl logs`
const FLAGS_LOGS: FlagTable = [
  { name: 'all-containers', type: 'bool', default: false },
  { name: 'all-pods', type: 'bool', default: false },
  { name: 'container', shorthand: 'c', type: 'string', default: '' },
  { name: 'follow', shorthand: 'f', type: 'bool', default: false },
  { name: 'ignore-errors', type: 'bool', default: false },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false },
  { name: 'limit-bytes', type: 'int', default: 0 },
  { name: 'max-log-requests', type: 'int', default: 5 },
  { name: 'pod-running-timeout', type: 'duration', default: '20s' },
  { name: 'prefix', type: 'bool', default: false },
  { name: 'previous', shorthand: 'p', type: 'bool', default: false },
  { name: 'selector', shorthand: 'l', type: 'string', default: '' },
  { name: 'since', type: 'duration', default: '0s' },
  { name: 'since-time', type: 'string', default: '' },
  { name: 'tail', type: 'int', default: -1 },
  { name: 'timestamps', type: 'bool', default: false },
];

// `kubectl exec`
const FLAGS_EXEC: FlagTable = [
  { name: 'container', shorthand: 'c', type: 'string', default: '' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', default: [] },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
  { name: 'quiet', shorthand: 'q', type: 'bool', default: false },
  { name: 'stdin', shorthand: 'i', type: 'bool', default: false },
  { name: 'tty', shorthand: 't', type: 'bool', default: false },
];

// `kubectl port-forward`
const FLAGS_PORT_FORWARD: FlagTable = [
  { name: 'address', type: 'stringSlice', default: ['localhost'] },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s' },
];

// `kubectl cp`
const FLAGS_CP: FlagTable = [
  { name: 'container', shorthand: 'c', type: 'string', default: '' },
  { name: 'no-preserve', type: 'bool', default: false },
  { name: 'retries', type: 'int', default: 0 },
];

// `kubectl explain`
const FLAGS_EXPLAIN: FlagTable = [
  { name: 'api-version', type: 'string', default: '' },
  { name: 'output', shorthand: 'o', type: 'string', default: 'plaintext' },
  { name: 'recursive', type: 'bool', default: false },
];

// `kubectl api-resources`
const FLAGS_API_RESOURCES: FlagTable = [
  { name: 'api-group', type: 'string', default: '' },
  { name: 'cached', type: 'bool', default: false },
  { name: 'categories', type: 'stringSlice', default: [] },
  { name: 'namespaced', type: 'bool', default: true },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'verbs', type: 'stringSlice', default: [] },
];

// `kubectl version`
const FLAGS_VERSION: FlagTable = [
  { name: 'client', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
];

// `kubectl config view`
const FLAGS_CONFIG_VIEW: FlagTable = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'flatten', type: 'bool', default: false },
  // cliflag.Tristate: unset, true or false; parsed with strconv.ParseBool like a bool.
  { name: 'merge', type: 'bool', default: true },
  { name: 'minify', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: 'yaml' },
  { name: 'raw', type: 'bool', default: false },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
];

// `kubectl config current-context`
const FLAGS_CONFIG_CURRENT_CONTEXT: FlagTable = [];

// `kubectl config get-contexts`
const FLAGS_CONFIG_GET_CONTEXTS: FlagTable = [
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'output', shorthand: 'o', type: 'string', default: '' },
];

// `kubectl config use-context`
const FLAGS_CONFIG_USE_CONTEXT: FlagTable = [];

// `kubectl config set-context` (its --namespace shadows the global one)
const FLAGS_CONFIG_SET_CONTEXT: FlagTable = [
  { name: 'cluster', type: 'string', default: '' },
  { name: 'current', type: 'bool', default: false },
  { name: 'namespace', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
];

// `kubectl cluster-info`
const FLAGS_CLUSTER_INFO: FlagTable = [];


// ---------------------------------------------------------------------------------------------
// The command tree

/** One cobra command as far as argv resolution needs it. */
export interface KubectlCommand {
  /** cobra's Name(): the first word of Use; error messages use it, never the alias typed. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Local flags (without the global ones and `--help`); absent when Podbook does not model the command. */
  readonly flags?: FlagTable;
  /**
   * Only groups subcommands (cmdutil.DefaultSubCommandRun): with leftover arguments it fails
   * with `error: unknown command "x"\nSee 'kubectl rollout -h' for help and examples`, and
   * without any it prints its help and exits 1.
   */
  readonly group?: boolean;
  /** Not offered in "Did you mean this?" (hidden or without runnable subcommands). */
  readonly unavailable?: boolean;
  /** cobra's SuggestFor: typed names that suggest this command. */
  readonly suggestFor?: readonly string[];
  /** In registration order, which is the order cobra lists suggestions in. */
  readonly subcommands?: readonly KubectlCommand[];
}

const names = (...list: string[]): KubectlCommand[] => list.map((name) => ({ name }));

/**
 * kubectl 1.32's commands, in the order NewKubectlCommand adds them (`kubectl gte` suggests
 * in this order). Commands without `flags` exist in real kubectl but are not modelled here, so
 * the resolver can tell "not supported in Podbook" from "unknown command".
 */
export const KUBECTL_ROOT: KubectlCommand = {
  name: 'kubectl',
  flags: [],
  subcommands: [
    {
      name: 'create',
      flags: FLAGS_CREATE,
      subcommands: [
        { name: 'clusterrole' },
        { name: 'clusterrolebinding' },
        { name: 'configmap', aliases: ['cm'], flags: FLAGS_CREATE_CONFIGMAP },
        { name: 'cronjob', aliases: ['cj'] },
        { name: 'deployment', aliases: ['deploy'], flags: FLAGS_CREATE_DEPLOYMENT },
        { name: 'ingress', aliases: ['ing'] },
        { name: 'job' },
        { name: 'namespace', aliases: ['ns'], flags: FLAGS_CREATE_NAMESPACE },
        { name: 'poddisruptionbudget', aliases: ['pdb'] },
        { name: 'priorityclass', aliases: ['pc'] },
        { name: 'quota', aliases: ['resourcequota'] },
        { name: 'role' },
        { name: 'rolebinding' },
        {
          name: 'secret',
          flags: [],
          group: true,
          subcommands: [
            { name: 'docker-registry' },
            { name: 'generic', flags: FLAGS_CREATE_SECRET_GENERIC },
            { name: 'tls' },
          ],
        },
        {
          name: 'service',
          aliases: ['svc'],
          flags: [],
          group: true,
          subcommands: [
            { name: 'clusterip', flags: FLAGS_CREATE_SERVICE_CLUSTERIP },
            { name: 'externalname' },
            { name: 'loadbalancer' },
            { name: 'nodeport', flags: FLAGS_CREATE_SERVICE_NODEPORT },
          ],
        },
        // the same local flags as create namespace (create_serviceaccount.go)
        { name: 'serviceaccount', aliases: ['sa'], flags: FLAGS_CREATE_NAMESPACE },
        { name: 'token' },
      ],
    },
    { name: 'expose', flags: FLAGS_EXPOSE },
    { name: 'run', flags: FLAGS_RUN },
    {
      name: 'set',
      flags: [],
      group: true,
      subcommands: [
        { name: 'env' },
        { name: 'image', flags: FLAGS_SET_IMAGE },
        { name: 'resources' },
        { name: 'selector' },
        { name: 'serviceaccount', aliases: ['sa'] },
        { name: 'subject' },
      ],
    },
    { name: 'explain', flags: FLAGS_EXPLAIN },
    { name: 'get', flags: FLAGS_GET, suggestFor: ['list', 'ps'] },
    { name: 'edit' },
    { name: 'delete', flags: FLAGS_DELETE, suggestFor: ['rm'] },
    {
      name: 'rollout',
      flags: [],
      group: true,
      subcommands: [
        { name: 'history', flags: FLAGS_ROLLOUT_HISTORY },
        { name: 'pause' },
        { name: 'restart', flags: FLAGS_ROLLOUT_RESTART },
        { name: 'resume' },
        { name: 'status', flags: FLAGS_ROLLOUT_STATUS },
        { name: 'undo', flags: FLAGS_ROLLOUT_UNDO },
      ],
    },
    { name: 'scale', flags: FLAGS_SCALE },
    { name: 'autoscale' },
    { name: 'certificate', subcommands: names('approve', 'deny') },
    { name: 'cluster-info', flags: FLAGS_CLUSTER_INFO, subcommands: names('dump') },
    {
      name: 'top',
      subcommands: [
        { name: 'node', aliases: ['nodes', 'no'], flags: FLAGS_TOP_NODE },
        { name: 'pod', aliases: ['pods', 'po'], flags: FLAGS_TOP_POD },
      ],
    },
    { name: 'cordon' },
    { name: 'uncordon' },
    { name: 'drain' },
    { name: 'taint' },
    { name: 'describe', flags: FLAGS_DESCRIBE },
    { name: 'logs', flags: FLAGS_LOGS },
    { name: 'attach' },
    { name: 'exec', flags: FLAGS_EXEC },
    { name: 'port-forward', flags: FLAGS_PORT_FORWARD },
    { name: 'proxy' },
    { name: 'cp', flags: FLAGS_CP },
    { name: 'auth', subcommands: names('can-i', 'reconcile', 'whoami') },
    { name: 'debug' },
    { name: 'events', flags: FLAGS_EVENTS },
    { name: 'diff' },
    {
      name: 'apply',
      flags: FLAGS_APPLY,
      subcommands: names('edit-last-applied', 'set-last-applied', 'view-last-applied'),
    },
    { name: 'patch' },
    { name: 'replace' },
    { name: 'wait', flags: FLAGS_WAIT, suggestFor: ['list', 'ps'] },
    { name: 'kustomize' },
    { name: 'label', flags: FLAGS_LABEL },
    { name: 'annotate', flags: FLAGS_ANNOTATE },
    { name: 'completion' },
    // Without alpha features enabled it has no subcommands and prints
    // "No alpha commands are available in this version of kubectl".
    { name: 'alpha', unavailable: true },
    {
      name: 'config',
      flags: [],
      group: true,
      subcommands: [
        { name: 'current-context', flags: FLAGS_CONFIG_CURRENT_CONTEXT },
        { name: 'delete-cluster' },
        { name: 'delete-context' },
        { name: 'delete-user' },
        { name: 'get-clusters' },
        { name: 'get-contexts', flags: FLAGS_CONFIG_GET_CONTEXTS },
        { name: 'get-users' },
        { name: 'rename-context' },
        { name: 'set' },
        { name: 'set-cluster' },
        { name: 'set-context', flags: FLAGS_CONFIG_SET_CONTEXT },
        { name: 'set-credentials' },
        { name: 'unset' },
        { name: 'use-context', aliases: ['use'], flags: FLAGS_CONFIG_USE_CONTEXT },
        { name: 'view', flags: FLAGS_CONFIG_VIEW },
      ],
    },
    { name: 'plugin', subcommands: names('list') },
    { name: 'version', flags: FLAGS_VERSION },
    { name: 'api-versions', flags: [] },
    { name: 'api-resources', flags: FLAGS_API_RESOURCES },
    { name: 'options' },
    // Added by cobra itself; never suggested.
    { name: 'help', unavailable: true },
  ],
};

/** Local flag tables of every modelled command, keyed by path: `get`, `create deployment`, `rollout status`. */
export const KUBECTL_LOCAL_FLAGS: Readonly<Record<string, FlagTable>> = (() => {
  const out: Record<string, FlagTable> = {};
  const walk = (cmd: KubectlCommand, path: string[]) => {
    if (cmd.flags && path.length > 0) out[path.join(' ')] = cmd.flags;
    for (const sub of cmd.subcommands ?? []) walk(sub, [...path, sub.name]);
  };
  walk(KUBECTL_ROOT, []);
  return out;
})();

const mergedTables = new Map<FlagTable, FlagTable>();

/**
 * The flag set cobra parses a command's arguments with: its local flags, then the inherited
 * global ones (a local flag of the same name wins, as in cobra's mergePersistentFlags), then
 * `-h/--help`.
 */
export function commandFlagTable(local: FlagTable): FlagTable {
  let merged = mergedTables.get(local);
  if (!merged) {
    const seen = new Set(local.map((f) => f.name));
    const shorts = new Set(local.map((f) => f.shorthand).filter(Boolean));
    const inherited = GLOBAL_FLAGS.filter((f) => !seen.has(f.name));
    for (const f of inherited) seen.add(f.name);
    for (const f of inherited) if (f.shorthand) shorts.add(f.shorthand);
    const help: FlagSpec[] = seen.has('help')
      ? []
      : [shorts.has('h') ? { ...HELP_FLAG, shorthand: undefined } : HELP_FLAG];
    merged = [...local, ...inherited, ...help];
    mergedTables.set(local, merged);
  }
  return merged;
}

/** The full flag table of a modelled command path (`['create', 'deployment']`), or undefined. */
export function flagTableFor(path: readonly string[]): FlagTable | undefined {
  const local = path.length === 0 ? KUBECTL_ROOT.flags : KUBECTL_LOCAL_FLAGS[path.join(' ')];
  return local ? commandFlagTable(local) : undefined;
}
