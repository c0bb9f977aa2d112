import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../k8s/types';
import { fieldErrorString, invalid } from '../../k8s/errors';
import { resourceInfo } from '../../k8s/resources';
import { SeededRand } from '../rand';
import type { AdmissionContext } from './index';
import { admit, validate } from './index';
import { goLabelSelector, goStringMap, podSpecDiff } from './gofmt';

function ctx(operation: 'CREATE' | 'UPDATE'): AdmissionContext {
  let ip = 10;
  let port = 30000;
  return { operation, rand: new SeededRand(3), now: '2025-05-01T09:00:00Z', allocateClusterIP: () => `10.96.0.${ip++}`, allocateNodePort: () => port++ };
}

function admitted(resource: string, obj: unknown, old?: KubeObject): KubeObject {
  return admit(resourceInfo(resource)!, structuredClone(obj) as KubeObject, old, ctx(old ? 'UPDATE' : 'CREATE'));
}

/** The field errors of a create (or an update of `old`), as `field: body` strings. */
function errors(resource: string, obj: unknown, old?: KubeObject): string[] {
  return validate(resourceInfo(resource)!, admitted(resource, obj, old), old).map(fieldErrorString);
}

/** The Status message the store's invalid() builds from them. */
function message(resource: string, obj: unknown, old?: KubeObject): string {
  const a = admitted(resource, obj, old);
  return invalid(resourceInfo(resource)!, a.metadata.name ?? '', validate(resourceInfo(resource)!, a, old)).message;
}

function created(resource: string, obj: unknown): KubeObject {
  const a = admitted(resource, obj);
  expect(validate(resourceInfo(resource)!, a, undefined)).toEqual([]);
  return a;
}

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const web = { name: 'web', image: 'nginx:1.27' };

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('object metadata', () => {
  test('a missing name is reported as name or generateName is required', () => {
    expect(errors('pods', pod({ containers: [web] }, {}))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  test('pod, deployment, configmap and secret names must be DNS-1123 subdomains', () => {
    expect(errors('pods', pod({ containers: [web] }, { name: 'Hello_World' }))).toEqual([`metadata.name: Invalid value: "Hello_World": ${SUBDOMAIN_MSG}`]);
    expect(errors('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app.config' } })).toEqual([]);
    expect(errors('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'DB' } })).toEqual([`metadata.name: Invalid value: "DB": ${SUBDOMAIN_MSG}`]);
  });

  test('service names must be DNS-1035 labels, so a leading digit or a dot is rejected', () => {
    const svc = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }] } });
    expect(errors('services', svc('1web'))).toEqual([`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]);
    expect(errors('services', svc('web.api'))).toEqual([`metadata.name: Invalid value: "web.api": ${DNS1035_MSG}`]);
  });

  test('namespace names must be DNS-1123 labels', () => {
    expect(errors('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Team-A' } })).toEqual([`metadata.name: Invalid value: "Team-A": ${LABEL_MSG}`]);
    // a 1.32 server prints the regex error for dots too ("must not contain dots" is 1.34's)
    expect(errors('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).toEqual([`metadata.name: Invalid value: "team.a": ${LABEL_MSG}`]);
  });

  test('label keys and values are checked with the map path, not the key', () => {
    expect(errors('pods', pod({ containers: [web] }, { name: 'p', labels: { 'app/': 'web', tier: 'front end' } }))).toEqual([
      'metadata.labels: Invalid value: "app/": name part must be non-empty',
      "metadata.labels: Invalid value: \"app/\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      `metadata.labels: Invalid value: "front end": ${LABEL_VALUE_MSG}`,
    ]);
  });

  test('annotations may not total more than 256 KiB', () => {
    const big = 'x'.repeat(256 * 1024);
    expect(errors('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { note: big } } })).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
  });
});

describe('pods', () => {
  test('a pod needs at least one container', () => {
    expect(message('pods', pod({ containers: [] }))).toBe('Pod "p" is invalid: spec.containers: Required value');
  });

  test('container names are required, DNS-1123 labels and unique; images are required', () => {
    expect(errors('pods', pod({ containers: [{ name: 'web', image: 'nginx' }, { name: 'web' }, { name: 'Side_Car', image: 'busybox' }] }))).toEqual([
      'spec.containers[1].image: Required value',
      'spec.containers[1].name: Duplicate value: "web"',
      `spec.containers[2].name: Invalid value: "Side_Car": ${LABEL_MSG}`,
    ]);
  });

  test('container ports must be within 1-65535 and protocols TCP, UDP or SCTP', () => {
    expect(errors('pods', pod({ containers: [{ ...web, ports: [{ containerPort: 70000 }, { containerPort: 53, protocol: 'ICMP' }] }] }))).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  test('restartPolicy must be Always, OnFailure or Never', () => {
    expect(message('pods', pod({ containers: [web], restartPolicy: 'Sometimes' }))).toBe(
      'Pod "p" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });

  test('volume mounts must name a volume of the pod', () => {
    expect(errors('pods', pod({ containers: [{ ...web, volumeMounts: [{ name: 'x', mountPath: '/data' }] }] }))).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "x"',
    ]);
  });

  test('duplicate volumes are reported once and their mounts still resolve', () => {
    expect(errors('pods', pod({ volumes: [{ name: 'data' }, { name: 'data' }], containers: [{ ...web, volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }))).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
    ]);
  });

  test('a request above its limit is reported on the requests path with canonical quantities', () => {
    expect(errors('pods', pod({ containers: [{ ...web, resources: { requests: { cpu: '2000m' }, limits: { cpu: 1 } } }] }))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  test('several errors are listed in brackets in the Status message', () => {
    expect(message('pods', pod({ containers: [{ name: 'web' }], restartPolicy: 'Sometimes', dnsPolicy: 'Custom' }, { name: 'p' }))).toBe(
      'Pod "p" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]',
    );
  });

  test('probe ports may be names but not numeric strings', () => {
    expect(errors('pods', pod({ containers: [{ ...web, livenessProbe: { httpGet: { port: '8080' } } }] }))).toEqual([
      'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
  });

  test('env names may be any printable ASCII but =, and valueFrom needs a source', () => {
    expect(errors('pods', pod({ containers: [{ ...web, env: [{ name: 'A=B', value: '1' }, { name: 'X', valueFrom: {} }] }] }))).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[1].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    ]);
  });
});

describe('pod updates', () => {
  const stored = () => {
    const p = created('pods', pod({ containers: [{ name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }] }));
    return { ...p, status: { phase: 'Running', qosClass: 'BestEffort' } } as KubeObject;
  };
  const edit = (old: KubeObject, fn: (spec: Record<string, unknown> & { containers: Record<string, unknown>[] }) => void) => {
    const next = structuredClone(old) as KubeObject & { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
    fn(next.spec);
    return next;
  };

  test('changing the image, raising no deadline and adding a toleration are allowed', () => {
    const old = stored();
    const next = edit(old, (s) => {
      s.containers[0].image = 'nginx:1.27';
      s.activeDeadlineSeconds = 600;
      s.tolerations = [...(s.tolerations as unknown[]), { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }];
    });
    expect(errors('pods', next, old)).toEqual([]);
  });

  test('any other spec change is forbidden with the updatable fields listed and a diff of the spec', () => {
    const old = stored();
    const next = edit(old, (s) => {
      s.containers[0].ports = [{ containerPort: 8080 }];
    });
    const [only, ...rest] = errors('pods', next, old);
    expect(rest).toEqual([]);
    const volume = (old.spec as { volumes: { name: string }[] }).volumes[0].name;
    expect(only).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n' +
        '  core.PodSpec{\n' +
        `  \tVolumes:        {{Name: "${volume}", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{Name: "kube-root-ca.crt", Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: &{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},\n` +
        '  \tInitContainers: nil,\n' +
        '  \tContainers: []core.Container{\n' +
        '  \t\t{\n' +
        '  \t\t\t... // 3 identical fields\n' +
        '  \t\t\tArgs:       nil,\n' +
        '  \t\t\tWorkingDir: "",\n' +
        '  \t\t\tPorts: []core.ContainerPort{\n' +
        '- \t\t\t\t{ContainerPort: 80, Protocol: "TCP"},\n' +
        '+ \t\t\t\t{ContainerPort: 8080, Protocol: "TCP"},\n' +
        '  \t\t\t},\n' +
        '  \t\t\tEnvFrom: nil,\n' +
        '  \t\t\tEnv:     nil,\n' +
        '  \t\t\t... // 16 identical fields\n' +
        '  \t\t},\n' +
        '  \t},\n' +
        '  \tEphemeralContainers: nil,\n' +
        '  \tRestartPolicy:       "Always",\n' +
        '  \t... // 29 identical fields\n' +
        '  }\n',
    );
  });

  test('adding a container stops at the container count', () => {
    const old = stored();
    const next = edit(old, (s) => {
      s.containers.push({ name: 'sidecar', image: 'busybox' });
    });
    expect(errors('pods', next, old)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  test('an existing toleration may only change its tolerationSeconds', () => {
    const old = stored();
    const next = edit(old, (s) => {
      s.tolerations = [{ key: 'node.kubernetes.io/not-ready', operator: 'Equal', value: 'x', effect: 'NoExecute', tolerationSeconds: 300 }];
    });
    expect(errors('pods', next, old)).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  });

  test('activeDeadlineSeconds may only go down', () => {
    const old = edit(stored(), (s) => {
      s.activeDeadlineSeconds = 60;
    }) as KubeObject;
    const next = edit(old, (s) => {
      s.activeDeadlineSeconds = 120;
    });
    expect(errors('pods', next, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value']);
  });
});

describe('deployments and replicasets', () => {
  const deployment = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec });
  const template = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [web], ...extra } });

  test('a selector that does not match the template labels is rejected with the labels as a Go map', () => {
    expect(message('deployments', deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'x', tier: 'front' }) }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"front"}: `selector` does not match template `labels`',
    );
  });

  test('a missing selector is required and then matches nothing', () => {
    expect(errors('deployments', deployment({ template: template({ app: 'web' }) }))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  test('an empty selector is invalid, even for a ReplicaSet', () => {
    const empty = 'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment';
    expect(errors('deployments', deployment({ selector: {}, template: template({ app: 'web' }) }))).toEqual([empty]);
    expect(errors('replicasets', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: {}, template: template({ app: 'web' }) } })).toEqual([empty]);
  });

  test('replicas may not be negative', () => {
    expect(errors('deployments', deployment({ replicas: -1, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  test('the pod template must restart Always', () => {
    expect(errors('deployments', deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  test('template errors are reported under spec.template.spec', () => {
    expect(errors('deployments', deployment({ selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } } }))).toEqual([
      'spec.template.spec.containers[0].image: Required value',
    ]);
  });

  test('a Recreate strategy may not carry rollingUpdate parameters', () => {
    expect(
      errors('deployments', deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })),
    ).toEqual(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
  });

  test('the selector of an apps/v1 deployment is immutable', () => {
    const old = created('deployments', deployment({ selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a', v: '2' }) }));
    const next = structuredClone(old) as KubeObject & { spec: { selector: unknown } };
    next.spec.selector = { matchLabels: { app: 'a', v: '2' } };
    expect(errors('deployments', next, old)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  test('scaling a deployment passes validation', () => {
    const old = created('deployments', deployment({ selector: { matchLabels: { app: 'a' } }, template: template({ app: 'a' }) }));
    const next = structuredClone(old) as KubeObject & { spec: { replicas: number } };
    next.spec.replicas = 3;
    expect(errors('deployments', next, old)).toEqual([]);
  });
});

describe('services', () => {
  const service = (spec: Record<string, unknown>, name = 'web') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

  test('ports are required unless the service is headless or an ExternalName', () => {
    expect(message('services', service({ selector: { app: 'web' } }))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(errors('services', service({ clusterIP: 'None', selector: { app: 'web' } }))).toEqual([]);
  });

  test('service ports must be in range, named when there are several, and unique', () => {
    expect(errors('services', service({ ports: [{ port: 70000 }, { name: 'b', port: 80 }, { name: 'c', port: 80 }] }))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.ports[2]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  test('the type must be one of the four supported ones', () => {
    expect(errors('services', service({ type: 'Internal', ports: [{ port: 80 }] }))).toEqual([
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  test('a node port outside 30000-32767 is rejected', () => {
    expect(errors('services', service({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }))).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  test('the cluster IP may not change once set', () => {
    const old = created('services', service({ ports: [{ port: 80 }] }));
    const next = structuredClone(old) as KubeObject & { spec: { clusterIP: string } };
    next.spec.clusterIP = '10.96.0.5';
    expect(errors('services', next, old)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.5"}: may not change once set']);
  });

  test('an ExternalName service needs a DNS name', () => {
    expect(errors('services', service({ type: 'ExternalName', externalName: 'Not A Host' }))).toEqual([`spec.externalName: Invalid value: "Not A Host": ${SUBDOMAIN_MSG}`]);
    expect(errors('services', service({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
  });
});

describe('configmaps, secrets and namespaces', () => {
  test('data keys must be config keys', () => {
    expect(errors('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'bad key': 'v', '..x': 'v' } })).toEqual([
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'data[..x]: Invalid value: "..x": must not start with \'..\'',
    ]);
  });

  test('an immutable configmap keeps its data and its immutability', () => {
    const old = created('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable: true, data: { a: '1' } });
    expect(errors('configmaps', { ...old, data: { a: '2' } }, old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(errors('configmaps', { ...old, immutable: false }, old)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
    expect(errors('configmaps', { ...old, metadata: { name: 'c', labels: { a: 'b' } } }, old)).toEqual([]);
  });

  test('a secret keeps its type, and an immutable one its data', () => {
    const old = created('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, immutable: true, stringData: { k: 'v' } });
    expect(errors('secrets', { ...old, type: 'kubernetes.io/tls', data: { k: 'dw==' } }, old)).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
  });

  test('secret data keys follow the config key rule', () => {
    expect(errors('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { 'my key': 'v' } })[0]).toMatch(/^data\[my key\]: Invalid value: "my key": a valid config key/);
  });

  test('namespace updates only check metadata', () => {
    const old = created('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    expect(errors('namespaces', { ...old, metadata: { name: 'dev', labels: { 'bad key!': 'x' } } }, old)[0]).toMatch(/^metadata\.labels: Invalid value: "bad key!"/);
  });
});

describe('Go value rendering', () => {
  test('maps print with sorted keys and nil maps as map[string]string(nil)', () => {
    expect(goStringMap({ b: '2', a: '1' })).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
    expect(goStringMap({})).toBe('map[string]string{}');
  });

  test('label selectors print their expressions as Go structs', () => {
    expect(goLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"web", "api"}}}}',
    );
  });

  test('a spec diff keeps two records of context around a change and elides the rest', () => {
    expect(podSpecDiff({ restartPolicy: 'Always' }, { restartPolicy: 'Never' })).toBe(
      // cmp aligns a run of single-line records on its longest key
      '  core.PodSpec{\n' +
        '  \t... // 2 identical fields\n' +
        '  \tContainers:                    nil,\n' +
        '  \tEphemeralContainers:           nil,\n' +
        '- \tRestartPolicy:                 "Always",\n' +
        '+ \tRestartPolicy:                 "Never",\n' +
        '  \tTerminationGracePeriodSeconds: nil,\n' +
        '  \tActiveDeadlineSeconds:         nil,\n' +
        '  \t... // 27 identical fields\n' +
        '  }\n',
    );
  });
});
