import { MANAGED_BY_LABEL, Manifest } from './manifest';

/**
 * A Sidecar that limits what a proxy sees to `hosts` (`namespace/dnsName` entries) and blocks every host outside
 * the registry (REGISTRY_ONLY) unless `allowAnyHost`. Without `selector` it is the namespace's default; with one,
 * it applies to the selected pods instead of the default.
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
 */
export function renderSidecar(namespace: string, name: string, hosts: readonly string[], allowAnyHost: boolean, selector?: Readonly<Record<string, string>>): Manifest {
  const spec: Record<string, unknown> = {
    egress: [{ hosts: [...new Set(hosts)].sort() }],
    outboundTrafficPolicy: { mode: allowAnyHost ? 'ALLOW_ANY' : 'REGISTRY_ONLY' },
  };
  if (selector !== undefined) spec.workloadSelector = { labels: selector };
  return { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name, namespace, labels: { ...MANAGED_BY_LABEL } }, spec };
}
