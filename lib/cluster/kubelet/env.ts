// The environment every process in a pod sees besides its image's: the `kubernetes` Service's
// variables (the kubelet injects them for every service in the namespace; the simulator has the
// one every cluster has) and the container's literal `env` values. Used by exec (in process and
// over the API server's streams) and by interactive shells.

export const SERVICE_ENV: Readonly<Record<string, string>> = {
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PORT: '443',
};

interface PodEnvSource {
  spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] };
}

/** SERVICE_ENV plus `container`'s literal env values (valueFrom is not resolved). */
export function containerEnv(pod: PodEnvSource, container: string): Record<string, string> {
  const env: Record<string, string> = { ...SERVICE_ENV };
  for (const e of pod.spec?.containers?.find((c) => c.name === container)?.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  return env;
}
