// Core printers from printers.go (1.32): printNamespace, printNode, printEvent, printConfigMap,
// printSecret, printServiceAccount.

import type { ConfigMap, Event, Namespace, Node, Secret, ServiceAccount } from '../../../k8s/types';
import {
  CONFIGMAP_DATA,
  EVENT_COUNT,
  EVENT_FIRST_TIMESTAMP,
  EVENT_INVOLVED_OBJECT,
  EVENT_LAST_TIMESTAMP,
  EVENT_MESSAGE,
  EVENT_REASON,
  EVENT_SOURCE,
  EVENT_TYPE,
  NAMESPACE_STATUS,
  NODE_ADDRESSES,
  NODE_CONTAINER_RUNTIME,
  NODE_KERNEL_VERSION,
  NODE_KUBELET_VERSION,
  NODE_OS_IMAGE,
  NODE_ROLES,
  NODE_STATUS,
  OBJECT_META_NAME,
  OBJECT_REFERENCE_FIELD_PATH,
  SECRET_DATA,
  SECRET_TYPE,
  SERVICE_ACCOUNT_SECRETS,
} from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, arr, column, goTrimSpace, int, mapLen, microSince, record, since, sortedSet, str, timeMs } from './helpers';
import type { Cell, Printer, TableColumnDefinition } from './types';

// ---------------------------------------------------------------------------------------------
// Namespace

export const NAMESPACE_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Status', 'string', NAMESPACE_STATUS), AGE_COLUMN];

export function namespaceCells(ns: Namespace, now: number): Cell[] {
  // SetDefaults_NamespaceStatus: an empty phase is Active.
  return [str(ns.metadata.name), ns.status?.phase || 'Active', since(ns.metadata.creationTimestamp, now)];
}

export const namespacePrinter: Printer<Namespace> = {
  kind: 'Namespace',
  apiVersion: 'v1',
  columns: NAMESPACE_COLUMNS,
  cells: namespaceCells,
};

// ---------------------------------------------------------------------------------------------
// Node

export const NODE_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', NODE_STATUS),
  column('Roles', 'string', NODE_ROLES),
  AGE_COLUMN,
  column('Version', 'string', NODE_KUBELET_VERSION),
  column('Internal-IP', 'string', NODE_ADDRESSES, { priority: 1 }),
  column('External-IP', 'string', NODE_ADDRESSES, { priority: 1 }),
  column('OS-Image', 'string', NODE_OS_IMAGE, { priority: 1 }),
  column('Kernel-Version', 'string', NODE_KERNEL_VERSION, { priority: 1 }),
  column('Container-Runtime', 'string', NODE_CONTAINER_RUNTIME, { priority: 1 }),
];

// printers.go labelNodeRolePrefix and nodeLabelRole
const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function findNodeRoles(node: Node): string[] {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.push(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.push(v);
    }
  }
  return sortedSet(roles);
}

/** The STATUS of a node: Ready/NotReady/Unknown from the Ready condition, plus SchedulingDisabled. */
export function nodeStatus(node: Node): string {
  // conditionMap: the last condition of each type wins; only NodeReady is looked at.
  let ready: { status: string } | undefined;
  for (const c of arr(node.status?.conditions)) if (c.type === 'Ready') ready = c;
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  const a = arr(node.status?.addresses).find((x) => x.type === type);
  return a ? str(a.address) : '<none>';
}

export function nodeCells(node: Node, now: number): Cell[] {
  const info = record(node.status?.nodeInfo);
  const roles = findNodeRoles(node).join(',') || '<none>';
  return [
    str(node.metadata.name),
    nodeStatus(node),
    roles,
    since(node.metadata.creationTimestamp, now),
    str(info.kubeletVersion),
    nodeAddress(node, 'InternalIP'),
    nodeAddress(node, 'ExternalIP'),
    str(info.osImage) || '<unknown>',
    str(info.kernelVersion) || '<unknown>',
    str(info.containerRuntimeVersion) || '<unknown>',
  ];
}

export const nodePrinter: Printer<Node> = {
  kind: 'Node',
  apiVersion: 'v1',
  columns: NODE_COLUMNS,
  cells: nodeCells,
};

// ---------------------------------------------------------------------------------------------
// Event

export const EVENT_COLUMNS: TableColumnDefinition[] = [
  column('Last Seen', 'string', EVENT_LAST_TIMESTAMP),
  column('Type', 'string', EVENT_TYPE),
  column('Reason', 'string', EVENT_REASON),
  column('Object', 'string', EVENT_INVOLVED_OBJECT),
  column('Subobject', 'string', OBJECT_REFERENCE_FIELD_PATH, { priority: 1 }),
  column('Source', 'string', EVENT_SOURCE, { priority: 1 }),
  column('Message', 'string', EVENT_MESSAGE),
  column('First Seen', 'string', EVENT_FIRST_TIMESTAMP, { priority: 1 }),
  column('Count', 'string', EVENT_COUNT, { priority: 1 }),
  column('Name', 'string', OBJECT_META_NAME, { priority: 1, format: 'name' }),
];

/** An Event with the field of core/v1 that printEvent reads beyond lib/k8s's typed subset. */
export type EventLike = Event & {
  series?: { count?: number; lastObservedTime?: string } | null;
};

/**
 * formatEventSource: `component, host`, falling back to reportingController / reportingInstance
 * (the Go field ReportingController is `reportingComponent` in JSON).
 */
export function formatEventSource(ev: EventLike): string {
  const component = str(ev.source?.component) || str(ev.reportingComponent);
  const instance = str(ev.source?.host) || str(ev.reportingInstance);
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export function eventCells(ev: EventLike, now: number): Cell[] {
  let firstTimestamp = since(ev.firstTimestamp, now);
  if (timeMs(ev.firstTimestamp) === null) firstTimestamp = microSince(ev.eventTime, now);

  let lastTimestamp = since(ev.lastTimestamp, now);
  if (timeMs(ev.lastTimestamp) === null) lastTimestamp = firstTimestamp;

  let count = int(ev.count);
  if (ev.series) {
    lastTimestamp = microSince(ev.series.lastObservedTime, now);
    count = int(ev.series.count);
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }

  const involved = ev.involvedObject ?? {};
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name).length > 0 ? `${kind}/${involved.name}` : kind;

  return [
    lastTimestamp,
    str(ev.type),
    str(ev.reason),
    target,
    str(involved.fieldPath),
    formatEventSource(ev),
    goTrimSpace(str(ev.message)),
    firstTimestamp,
    count,
    str(ev.metadata.name),
  ];
}

export const eventPrinter: Printer<EventLike> = {
  kind: 'Event',
  apiVersion: 'v1',
  columns: EVENT_COLUMNS,
  cells: eventCells,
};

// ---------------------------------------------------------------------------------------------
// ConfigMap, Secret, ServiceAccount

export const CONFIGMAP_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Data', 'string', CONFIGMAP_DATA), AGE_COLUMN];

/** DATA is len(data) + len(binaryData). */
export function configMapCells(cm: ConfigMap, now: number): Cell[] {
  return [str(cm.metadata.name), mapLen(cm.data) + mapLen(cm.binaryData), since(cm.metadata.creationTimestamp, now)];
}

export const configMapPrinter: Printer<ConfigMap> = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  columns: CONFIGMAP_COLUMNS,
  cells: configMapCells,
};

export const SECRET_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Type', 'string', SECRET_TYPE),
  column('Data', 'string', SECRET_DATA),
  AGE_COLUMN,
];

/**
 * TYPE (Opaque when unset, SetDefaults_Secret) and DATA: the number of keys once stringData is
 * merged into data, as the v1 → internal conversion does before the printer sees the secret.
 */
export function secretCells(secret: Secret, now: number): Cell[] {
  const keys = new Set([...Object.keys(record(secret.data)), ...Object.keys(record(secret.stringData))]);
  return [str(secret.metadata.name), secret.type || 'Opaque', keys.size, since(secret.metadata.creationTimestamp, now)];
}

export const secretPrinter: Printer<Secret> = {
  kind: 'Secret',
  apiVersion: 'v1',
  columns: SECRET_COLUMNS,
  cells: secretCells,
};

export const SERVICEACCOUNT_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Secrets', 'string', SERVICE_ACCOUNT_SECRETS), AGE_COLUMN];

export function serviceAccountCells(sa: ServiceAccount, now: number): Cell[] {
  return [str(sa.metadata.name), arr(sa.secrets).length, since(sa.metadata.creationTimestamp, now)];
}

export const serviceAccountPrinter: Printer<ServiceAccount> = {
  kind: 'ServiceAccount',
  apiVersion: 'v1',
  columns: SERVICEACCOUNT_COLUMNS,
  cells: serviceAccountCells,
};
