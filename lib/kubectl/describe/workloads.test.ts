import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Deployment, EndpointSlice, Event, Pod, ReplicaSet, Service } from '../../k8s/types';
import { describeDeployment, describeReplicaSet, describeService } from './index';

function helloKiamol2() {
  const c = createCluster();
  c.store.create('deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'hello-kiamol-2', labels: { app: 'hello-kiamol-2' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'hello-kiamol-2' } },
      template: { metadata: { labels: { app: 'hello-kiamol-2' } }, spec: { containers: [{ name: 'ch02-hello-kiamol', image: 'kiamol/ch02-hello-kiamol' }] } },
    },
  });
  c.store.create('services', 'default', {
    metadata: { name: 'hello-kiamol-2', labels: { app: 'hello-kiamol-2' } },
    spec: { selector: { app: 'hello-kiamol-2' }, ports: [{ port: 8080, targetPort: 80 }] },
  });
  const available = () => (c.store.get('deployments', 'default', 'hello-kiamol-2') as Deployment).status?.availableReplicas === 1;
  expect(c.runUntil(available, 60000)).toBe(true);
  c.advance(60000);
  const events = (name: string) => c.store.list('events', 'default', { fieldSelector: `involvedObject.name=${name}` }).items as Event[];
  // ages measured 19 minutes after the deployment was created, as in the notes
  const created = Date.parse((c.store.get('deployments', 'default', 'hello-kiamol-2') as Deployment).metadata.creationTimestamp as string);
  return { c, events, opts: { now: created + 19 * 60000, tzOffsetMinutes: 540 } };
}

describe('kubectl describe deployment, replicaset and service', () => {
  it('describe deployment prints the replicas line, strategy, pod template, conditions and the new ReplicaSet', () => {
    const { c, events, opts } = helloKiamol2();
    const d = c.store.get('deployments', 'default', 'hello-kiamol-2') as Deployment;
    const rss = c.store.list('replicasets', 'default', { labelSelector: 'app=hello-kiamol-2' }).items as ReplicaSet[];
    const rs = rss[0].metadata.name;
    expect(describeDeployment(d, { replicaSets: rss, events: events('hello-kiamol-2') }, opts)).toBe(`Name:                   hello-kiamol-2
Namespace:              default
CreationTimestamp:      Wed, 26 Mar 2025 11:43:14 +0900
Labels:                 app=hello-kiamol-2
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=hello-kiamol-2
Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=hello-kiamol-2
  Containers:
   ch02-hello-kiamol:
    Image:         kiamol/ch02-hello-kiamol
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rs} (1/1 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  19m   deployment-controller  Scaled up replica set ${rs} from 0 to 1
`);
  });

  it('describe deployment lists a replaced ReplicaSet under OldReplicaSets', () => {
    const { c, opts } = helloKiamol2();
    const d = c.store.get('deployments', 'default', 'hello-kiamol-2') as Deployment;
    const [rs] = c.store.list('replicasets', 'default').items as ReplicaSet[];
    const changed: Deployment = { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'ch02-hello-kiamol', image: 'kiamol/ch02-hello-kiamol:v2' }] } } } };
    const out = describeDeployment(changed, { replicaSets: [rs] }, { ...opts, showEvents: false });
    expect(out).toContain(`OldReplicaSets:  ${rs.metadata.name} (1/1 replicas created)\nNewReplicaSet:   <none>\n`);
  });

  it('describe replicaset counts the pods it controls and shows Controlled By', () => {
    const { c, events, opts } = helloKiamol2();
    const [rs] = c.store.list('replicasets', 'default').items as ReplicaSet[];
    const pods = c.store.list('pods', 'default').items as Pod[];
    const name = rs.metadata.name as string;
    const hash = rs.metadata.labels?.['pod-template-hash'];
    expect(describeReplicaSet(rs, { pods, events: events(name) }, opts)).toBe(`Name:           ${name}
Namespace:      default
Selector:       app=hello-kiamol-2,pod-template-hash=${hash}
Labels:         app=hello-kiamol-2
                pod-template-hash=${hash}
Annotations:    deployment.kubernetes.io/desired-replicas: 1
                deployment.kubernetes.io/max-replicas: 2
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/hello-kiamol-2
Replicas:       1 current / 1 desired
Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=hello-kiamol-2
           pod-template-hash=${hash}
  Containers:
   ch02-hello-kiamol:
    Image:         kiamol/ch02-hello-kiamol
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  19m   replicaset-controller  Created pod: ${pods[0].metadata.name}
`);
  });

  it('describe service takes Endpoints from the EndpointSlices', () => {
    const { c, opts } = helloKiamol2();
    const svc = c.store.get('services', 'default', 'hello-kiamol-2') as Service;
    const slices = c.store.list('endpointslices', 'default', { labelSelector: 'kubernetes.io/service-name=hello-kiamol-2' }).items as EndpointSlice[];
    const [pod] = c.store.list('pods', 'default').items as Pod[];
    expect(describeService(svc, { endpointSlices: slices, events: [] }, opts)).toBe(`Name:                     hello-kiamol-2
Namespace:                default
Labels:                   app=hello-kiamol-2
Annotations:              <none>
Selector:                 app=hello-kiamol-2
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${svc.spec.clusterIP}
IPs:                      ${svc.spec.clusterIP}
Port:                     <unset>  8080/TCP
TargetPort:               80/TCP
Endpoints:                ${pod.status?.podIP}:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`);
  });

  it('describe service shows <none> without slices and caps the list at three with + N more', () => {
    const { c, opts } = helloKiamol2();
    const svc = c.store.get('services', 'default', 'hello-kiamol-2') as Service;
    expect(describeService(svc, { endpointSlices: [] }, opts)).toContain('Endpoints:                <none>\n');
    const slice: EndpointSlice = {
      metadata: { name: 's' },
      addressType: 'IPv4',
      endpoints: ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.5'].map((ip, i) => ({ addresses: [ip], conditions: { ready: i !== 1 } })),
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
    };
    expect(describeService(svc, { endpointSlices: [slice] }, opts)).toContain('Endpoints:                10.1.0.1:80,10.1.0.3:80,10.1.0.4:80 + 1 more...\n');
  });
});
