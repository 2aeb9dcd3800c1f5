type Obj = Record<string, any>;

const ROOT_NAMESPACE = 'istio-system';

/** Whether `host` matches a Sidecar or ServiceEntry host pattern: exact, `*`, or `*.suffix`. */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

function selects(sidecar: Obj, labels: Readonly<Record<string, string>>): boolean {
  const wanted: Record<string, string> | undefined = sidecar.spec.workloadSelector?.labels;
  return wanted !== undefined && Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/** The Sidecar Istio applies to a pod: its own (by selector), else its namespace's default, else the root one. */
export function sidecarFor(objects: readonly Obj[], namespace: string, labels: Readonly<Record<string, string>>): Obj | undefined {
  const sidecars = objects.filter((o) => o.kind === 'Sidecar');
  const own = sidecars.filter((s) => s.metadata.namespace === namespace && selects(s, labels));
  if (own.length > 1) throw new Error(`${own.length} Sidecars select ${JSON.stringify(labels)} in ${namespace}: Istio would pick one arbitrarily`);
  return own[0]
    ?? sidecars.find((s) => s.metadata.namespace === namespace && s.spec.workloadSelector === undefined)
    ?? sidecars.find((s) => s.metadata.namespace === ROOT_NAMESPACE && s.spec.workloadSelector === undefined);
}

function exportedTo(entry: Obj, namespace: string): boolean {
  const exportTo: string[] = entry.spec.exportTo ?? ['*'];
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && entry.metadata.namespace === namespace));
}

function sidecarSees(sidecar: Obj, entryNamespace: string, host: string): boolean {
  const hosts: string[] = (sidecar.spec.egress ?? []).flatMap((e: Obj) => e.hosts ?? []);
  return hosts.some((h) => {
    const [ns, dns] = h.split('/');
    const nsOk = ns === '*' || (ns === '.' && entryNamespace === sidecar.metadata.namespace) || ns === entryNamespace;
    return nsOk && hostMatches(dns, host);
  });
}

/**
 * Whether a pod of `namespace` with `labels` can reach external `host` on `port`, by Istio's rules: under
 * ALLOW_ANY (the default without a Sidecar) anything goes; under REGISTRY_ONLY only a ServiceEntry host that is
 * exported to the namespace and that the pod's Sidecar egress lists.
 */
export function canReach(objects: readonly Obj[], namespace: string, labels: Readonly<Record<string, string>>, host: string, port: number): boolean {
  const sidecar = sidecarFor(objects, namespace, labels);
  if ((sidecar?.spec.outboundTrafficPolicy?.mode ?? 'ALLOW_ANY') === 'ALLOW_ANY') return true;
  return objects.some((o) => o.kind === 'ServiceEntry' && exportedTo(o, namespace)
    && (o.spec.hosts as string[]).some((h) => hostMatches(h, host))
    && (o.spec.ports as Obj[]).some((p) => p.number === port)
    && sidecarSees(sidecar!, o.metadata.namespace, host));
}

/**
 * The addresses a sidecar connects to when the application connects to `appAddress` and names `name` (TLS SNI or
 * HTTP Host), by the ServiceEntry `entry`'s resolution; empty when the entry does not admit the name. NONE (Istio's
 * default) forwards to the address the application chose; DNS to what DNS (`resolve`) gives for the entry's host or
 * endpoints; DYNAMIC_DNS to what DNS gives for `name` itself; STATIC to the endpoints.
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServiceEntry-Resolution
 */
export function upstreamAddresses(entry: Obj, name: string, appAddress: string, resolve: (host: string) => string[]): string[] {
  const host = (entry.spec.hosts as string[]).find((h) => hostMatches(h, name));
  if (host === undefined) return [];
  const endpoints = ((entry.spec.endpoints ?? []) as Obj[]).map((e) => e.address as string);
  switch (entry.spec.resolution ?? 'NONE') {
    case 'NONE': return [appAddress];
    case 'STATIC': return endpoints;
    case 'DNS': case 'DNS_ROUND_ROBIN': return endpoints.length > 0 ? endpoints.flatMap((e) => (/^[\d.]+$|:/.test(e) ? [e] : resolve(e))) : resolve(host);
    case 'DYNAMIC_DNS': return resolve(name);
    default: throw new Error(`unknown resolution ${entry.spec.resolution}`);
  }
}
