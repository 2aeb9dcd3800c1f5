// How much of the mesh each proxy is sent, read from the emitted objects alone: Istio pushes every Service (and
// every ServiceEntry exported to the proxy's namespace) to every proxy, unless a Sidecar's egress hosts scope it.
import { CONTROL_PLANE_NAMESPACE } from '../lib/core/internal';

/** A registry entry a proxy may be sent: a Kubernetes Service or one host of a ServiceEntry. */
interface RegistryHost {
  readonly namespace: string;
  readonly host: string;
  /** Namespaces the entry is exported to; `*` for all. */
  readonly exportTo: readonly string[];
  readonly external: boolean;
}

/** What one proxy sees: mesh services, external hosts and whether the control plane is among them. */
export interface ProxyView {
  /** `<namespace>/<Deployment>` of the proxy's pods. */
  readonly proxy: string;
  readonly meshServices: number;
  readonly externalHosts: number;
  readonly controlPlane: boolean;
  /** Name of the Sidecar that scopes it, or undefined when none does (it sees the whole mesh). */
  readonly sidecar?: string;
  /** What it would see without Sidecars: every Service, every ServiceEntry host exported to it, the control plane. */
  readonly wholeMesh: number;
}

const CLUSTER_DOMAIN = 'cluster.local';

function registryOf(manifests: readonly any[]): RegistryHost[] {
  const out: RegistryHost[] = [];
  for (const m of manifests) {
    const namespace = m.metadata?.namespace ?? 'default';
    if (m.kind === 'Service' && m.apiVersion === 'v1') {
      out.push({ namespace, host: `${m.metadata.name}.${namespace}.svc.${CLUSTER_DOMAIN}`, exportTo: ['*'], external: false });
    } else if (m.kind === 'ServiceEntry') {
      const exportTo: string[] = (m.spec.exportTo ?? ['*']).map((e: string) => (e === '.' ? namespace : e));
      for (const host of m.spec.hosts ?? []) out.push({ namespace, host, exportTo, external: true });
    }
  }
  return out;
}

/** Whether a Sidecar egress host `namespace/dnsName`, declared in `sidecarNamespace`, selects `entry`. */
function selects(pattern: string, sidecarNamespace: string, entry: RegistryHost): boolean {
  const [ns, dnsName] = pattern.split('/', 2);
  const namespaceOk = ns === '*' || (ns === '.' ? entry.namespace === sidecarNamespace : ns !== '~' && ns === entry.namespace);
  if (!namespaceOk) return false;
  if (dnsName === '*') return true;
  return dnsName.startsWith('*.') ? entry.host.endsWith(dnsName.slice(1)) : entry.host === dnsName;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group === undefined) out.set(key(item), [item]);
    else group.push(item);
  }
  return out;
}

function matchesLabels(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/**
 * What every proxy (one per Deployment) is sent under the emitted Sidecars: the Sidecar whose workloadSelector
 * matches its pods, else its namespace's default Sidecar, else none. Hosts of the control plane namespace count as
 * the control plane, not as services.
 */
export function proxyViews(manifests: readonly any[]): ProxyView[] {
  const registry = registryOf(manifests);
  const byNamespace = groupBy(registry, (e) => e.namespace);
  const sidecars = groupBy(manifests.filter((m) => m.kind === 'Sidecar'), (m) => m.metadata.namespace as string);
  const wholeMeshOf = new Map<string, number>();
  const views: ProxyView[] = [];
  for (const d of manifests) {
    if (d.kind !== 'Deployment') continue;
    const namespace = d.metadata.namespace ?? 'default';
    const labels = d.spec.template.metadata.labels ?? {};
    const candidates = sidecars.get(namespace) ?? [];
    const sidecar = candidates.find((s) => s.spec.workloadSelector !== undefined && matchesLabels(s.spec.workloadSelector.labels, labels))
      ?? candidates.find((s) => s.spec.workloadSelector === undefined);
    const visibleTo = (e: RegistryHost) => e.exportTo.includes('*') || e.exportTo.includes(namespace);
    if (!wholeMeshOf.has(namespace)) wholeMeshOf.set(namespace, registry.filter(visibleTo).length + 1);
    let hosts: readonly string[] = [];
    let candidatesOfHosts: readonly RegistryHost[] = registry;
    if (sidecar !== undefined) {
      hosts = (sidecar.spec.egress ?? []).flatMap((e: any) => e.hosts ?? []);
      // Only namespaces a pattern names can hold its hosts; `*` and `.` patterns look wider.
      const named = new Set(hosts.map((h) => h.split('/', 1)[0]));
      candidatesOfHosts = named.has('*') ? registry : [...named].flatMap((ns) => byNamespace.get(ns === '.' ? namespace : ns) ?? []);
    }
    const visible = new Set<RegistryHost>();
    for (const entry of candidatesOfHosts) {
      if (!visibleTo(entry)) continue;
      if (sidecar === undefined || hosts.some((h) => selects(h, namespace, entry))) visible.add(entry);
    }
    const controlPlane = sidecar === undefined || hosts.some((h) => {
      const ns = h.split('/', 1)[0];
      return ns === CONTROL_PLANE_NAMESPACE || ns === '*';
    });
    views.push({
      proxy: `${namespace}/${d.metadata.name}`,
      meshServices: [...visible].filter((e) => !e.external).length,
      externalHosts: [...visible].filter((e) => e.external).length,
      controlPlane,
      sidecar: sidecar?.metadata.name,
      wholeMesh: wholeMeshOf.get(namespace)!,
    });
  }
  return views;
}
