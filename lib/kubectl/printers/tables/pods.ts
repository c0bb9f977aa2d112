// The Pod printer: printers.go printPod (1.32), line for line. STATUS and RESTARTS follow the
// algorithm in docs/kube-protocol.md §2.3: init containers, restartable init containers
// (sidecars), the reversed walk over containerStatuses, Completed-but-running → Running/NotReady,
// NodeLost → Unknown and Terminating for a pod being deleted.

import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../../../k8s/types';
import {
  POD_READY,
  POD_RESTARTS,
  POD_SPEC_NODE_NAME,
  POD_SPEC_READINESS_GATES,
  POD_STATUS,
  POD_STATUS_NOMINATED_NODE_NAME,
  POD_STATUS_POD_IP,
} from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, arr, column, int, since, str, timeMs } from './helpers';
import { humanDuration } from '../../../k8s/duration';
import type { Cell, Printer, TableColumnDefinition, TableRowCondition } from './types';

export const POD_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Ready', 'string', POD_READY),
  column('Status', 'string', POD_STATUS),
  column('Restarts', 'string', POD_RESTARTS),
  AGE_COLUMN,
  column('IP', 'string', POD_STATUS_POD_IP, { priority: 1 }),
  column('Node', 'string', POD_SPEC_NODE_NAME, { priority: 1 }),
  column('Nominated Node', 'string', POD_STATUS_NOMINATED_NODE_NAME, { priority: 1 }),
  column('Readiness Gates', 'string', POD_SPEC_READINESS_GATES, { priority: 1 }),
];

// printers.go podSuccessConditions / podFailedConditions
const POD_SUCCESS_CONDITIONS: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const POD_FAILED_CONDITIONS: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** The `Completed` row condition of a pod whose phase is Succeeded or Failed. */
export function podRowConditions(pod: Pod): TableRowCondition[] | undefined {
  switch (pod.status?.phase) {
    case 'Succeeded':
      return POD_SUCCESS_CONDITIONS.map((c) => ({ ...c }));
    case 'Failed':
      return POD_FAILED_CONDITIONS.map((c) => ({ ...c }));
    default:
      return undefined;
  }
}

/** podutil.IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
function isRestartableInitContainer(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
function isPodInitializedConditionTrue(status: PodStatus): boolean {
  for (const c of arr(status.conditions)) {
    if (c.type !== 'Initialized') continue;
    return c.status === 'True';
  }
  return false;
}

/** hasPodReadyCondition: any Ready condition with status True. */
function hasPodReadyCondition(conditions: readonly PodCondition[]): boolean {
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The status.lastState.terminated.finishedAt of a container status, as the apiserver holds it. */
function lastTerminatedAt(c: ContainerStatus): number | null {
  const terminated = c.lastState?.terminated;
  if (!terminated) return null;
  // A terminated state without finishedAt is the zero time, which never wins Before().
  return timeMs(terminated.finishedAt);
}

/** `later.Before(...)` with null as Go's zero time. */
function laterOf(current: number | null, candidate: number | null): number | null {
  if (candidate === null) return current;
  if (current === null || current < candidate) return candidate;
  return current;
}

/**
 * The v1 → internal conversion of PodStatus makes podIP authoritative: podIPs[0] is replaced by
 * podIP when both are set and differ, and podIP fills an empty podIPs. printPod then reads PodIPs[0].
 */
function firstPodIP(status: PodStatus): string {
  const podIP = str(status.podIP);
  if (podIP !== '') return podIP;
  return str(arr(status.podIPs)[0]?.ip);
}

export interface PodStatusSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** The latest lastState.terminated.finishedAt that counts, or null (the zero time). */
  lastRestart: number | null;
}

/** The READY, STATUS and RESTARTS computation of printPod. */
export function summarizePod(pod: Pod): PodStatusSummary {
  const spec = pod.spec ?? { containers: [] };
  const status: PodStatus = pod.status ?? {};
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = arr(spec.containers).length;
  let readyContainers = 0;
  let lastRestartDate: number | null = null;
  let lastRestartableInitContainerRestartDate: number | null = null;

  const podPhase = str(status.phase);
  let reason = podPhase;
  if (str(status.reason) !== '') reason = str(status.reason);

  // If the Pod carries {type:PodScheduled, reason:SchedulingGated}, set reason to 'SchedulingGated'.
  for (const condition of arr(status.conditions)) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of arr(spec.initContainers)) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }
  const initCount = arr(spec.initContainers).length;

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const restartable = isRestartableInitContainer(initContainers.get(container.name));
    restarts += int(container.restartCount);
    lastRestartDate = laterOf(lastRestartDate, lastTerminatedAt(container));
    if (restartable) {
      restartableInitContainerRestarts += int(container.restartCount);
      lastRestartableInitContainerRestartDate = laterOf(lastRestartableInitContainerRestartDate, lastTerminatedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && int(terminated.exitCode) === 0) {
      continue;
    } else if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    } else if (terminated) {
      // initialization is failed
      if (str(terminated.reason) === '') {
        reason = int(terminated.signal) !== 0 ? `Init:Signal:${int(terminated.signal)}` : `Init:ExitCode:${int(terminated.exitCode)}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
      initializing = true;
    } else if (waiting && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initCount}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(status)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += int(container.restartCount);
      lastRestartDate = laterOf(lastRestartDate, lastTerminatedAt(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason) !== '') {
        reason = str(terminated.reason);
      } else if (terminated) {
        reason = int(terminated.signal) !== 0 ? `Signal:${int(terminated.signal)}` : `ExitCode:${int(terminated.exitCode)}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }

    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(arr(status.conditions)) ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && str(status.reason) === 'NodeLost') {
    // node.NodeUnreachablePodReason
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  return { ready: readyContainers, total: totalContainers, reason, restarts, lastRestart: lastRestartDate };
}

/** The RESTARTS cell: `3`, or `3 (25s ago)` when a last termination time is known. */
export function restartsCell(summary: PodStatusSummary, now: number): string {
  if (summary.restarts !== 0 && summary.lastRestart !== null) {
    return `${summary.restarts} (${humanDuration(now - summary.lastRestart)} ago)`;
  }
  return String(summary.restarts);
}

/** The cells of printPod with options.Wide (as the apiserver always calls it). */
export function podCells(pod: Pod, now: number): Cell[] {
  const summary = summarizePod(pod);
  const status: PodStatus = pod.status ?? {};
  const cells: Cell[] = [
    str(pod.metadata.name),
    `${summary.ready}/${summary.total}`,
    summary.reason,
    restartsCell(summary, now),
    since(pod.metadata.creationTimestamp, now),
  ];

  const nodeName = str(pod.spec?.nodeName) || '<none>';
  const nominatedNodeName = str(status.nominatedNodeName) || '<none>';
  const podIP = firstPodIP(status) || '<none>';
  let readinessGates = '<none>';
  const gates = arr(pod.spec?.readinessGates);
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      // the first condition of the gate's type decides
      const condition = arr(status.conditions).find((c) => c.type === gate.conditionType);
      if (condition?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  cells.push(podIP, nodeName, nominatedNodeName, readinessGates);
  return cells;
}

export const podPrinter: Printer<Pod> = {
  kind: 'Pod',
  apiVersion: 'v1',
  columns: POD_COLUMNS,
  cells: podCells,
  conditions: podRowConditions,
};
