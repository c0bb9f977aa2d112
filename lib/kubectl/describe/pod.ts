// `kubectl describe pod`: describe.go describePod (v0.32), field for field.

import { getPodQOS } from '../../k8s/qos';
import type { Container, Event, Pod } from '../../k8s/types';
import {
  controllerOf,
  describeContainers,
  describeResources,
  describeTopologySpreadConstraints,
  describeVolumes,
  maybeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './common';
import { LEVEL_0, LEVEL_1, tabbedString } from './writer';
import type { DescribeOptions } from './writer';

/**
 * What `kubectl describe pod` prints for `pod` and the events found for it (pass the events the
 * field selector `involvedObject.name,namespace,uid` returns, in list order).
 */
export function describePod(pod: Pod, events: readonly Event[] | undefined, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    const spec = pod.spec;
    const status = pod.status ?? {};
    w.write(LEVEL_0, `Name:\t${pod.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (typeof spec.runtimeClassName === 'string' && spec.runtimeClassName.length > 0) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${w.time(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', pod.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${w.since(pod.metadata.deletionTimestamp)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = (spec.securityContext as { seccompProfile?: { type?: string; localhostProfile?: string } } | undefined)?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    if (!status.podIPs || status.podIPs.length === 0) {
      w.write(LEVEL_0, 'IPs:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'IPs:\n');
      for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
    }
    const controlledBy = controllerOf(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources && typeof spec.resources === 'object') {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(w, spec.resources as { limits?: Record<string, string>; requests?: Record<string, string> }, LEVEL_1);
    }
    if (spec.initContainers && spec.initContainers.length > 0) {
      describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, pod, '');
    }
    describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses, pod, '');
    const ephemeral = spec.ephemeralContainers as Container[] | undefined;
    if (ephemeral && ephemeral.length > 0) {
      const ephemeralStatuses = (status as { ephemeralContainerStatuses?: never }).ephemeralContainerStatuses;
      describeContainers(w, 'Ephemeral Containers', ephemeral, ephemeralStatuses, pod, '');
    }
    if (spec.readinessGates && spec.readinessGates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = status.conditions?.find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (status.conditions && status.conditions.length > 0) {
      // "%v \t%v \n": every row, including the status, ends with a space
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(w, spec.volumes, '');
    w.write(LEVEL_0, `QoS Class:\t${getPodQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '');
    maybeEvents(w, events ?? []);
  });
}
