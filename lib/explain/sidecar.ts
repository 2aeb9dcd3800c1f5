import { hostMatches } from './hosts';
import { byRef, MeshOptions, ObjectRef, OutboundMode, readObject, selects } from './objects';
import { SourcedManifest } from './source';

/** One `egress[]` entry of a Sidecar. */
export interface EgressListener {
  /** `port.number`; undefined for the catch-all listener. */
  readonly port?: number;
  readonly protocol?: string;
  /** Its `hosts` (`namespace/dnsName`). */
  readonly hosts: readonly string[];
}

/** A Sidecar, as far as meshlight explain reads it: which hosts its workloads see and what happens to the rest. */
export interface SidecarConfig extends ObjectRef {
  /** `workloadSelector.labels`; undefined for the namespace's (or, in the root namespace, the mesh's) default. */
  readonly selector?: Readonly<Record<string, string>>;
  /** Every `egress[].hosts` entry (`namespace/dnsName`); undefined when the Sidecar has no egress section. */
  readonly egressHosts?: readonly string[];
  /** The `egress` listeners: one with a `port` imports its hosts on that port only; one without, on every other port. */
  readonly egressListeners?: readonly EgressListener[];
  /** `outboundTrafficPolicy.mode`; undefined: the mesh's. */
  readonly outboundMode?: OutboundMode;
}

/** Reads a Sidecar. */
export function readSidecar(manifest: SourcedManifest, options: MeshOptions, problems: string[]): SidecarConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const selector = reader.record(spec.workloadSelector, 'spec.workloadSelector');
  const egress = spec.egress === undefined ? undefined : reader.list(spec.egress, 'spec.egress');
  const egressListeners = egress?.map((e, i): EgressListener => {
    const listener = reader.record(e, `spec.egress[${i}]`) ?? {};
    const hosts = reader.strings(listener.hosts, `spec.egress[${i}].hosts`);
    hosts.forEach((h, j) => {
      if (!/^[^/]+\/[^/]+$/.test(h)) {
        reader.problem(`spec.egress[${i}].hosts[${j}]`, h, 'namespace/dnsName', `write e.g. "./${h}" or "*/${h}"`);
      }
    });
    const port = reader.record(listener.port, `spec.egress[${i}].port`);
    return {
      port: port === undefined ? undefined : reader.number(port.number, `spec.egress[${i}].port.number`),
      protocol: port === undefined ? undefined : reader.string(port.protocol, `spec.egress[${i}].port.protocol`)?.toUpperCase(),
      hosts,
    };
  });
  const outbound = reader.record(spec.outboundTrafficPolicy, 'spec.outboundTrafficPolicy');
  return {
    ...ref,
    selector: selector === undefined ? undefined : reader.stringMap(selector.labels, 'spec.workloadSelector.labels') ?? {},
    egressHosts: egressListeners?.flatMap((l) => l.hosts),
    egressListeners,
    outboundMode: outbound?.mode === undefined ? undefined
      : reader.oneOf(outbound.mode, 'spec.outboundTrafficPolicy.mode', ['ALLOW_ANY', 'REGISTRY_ONLY'] as const, 'ALLOW_ANY'),
  };
}

/** The Sidecar that configures a workload, and the others that would have applied too (Istio then picks the oldest). */
export interface SidecarChoice {
  readonly sidecar?: SidecarConfig;
  readonly conflicting: readonly SidecarConfig[];
}

/**
 * The Sidecar of a workload in `namespace` with pod `labels` (undefined when only the namespace is known): one of its
 * namespace whose workloadSelector selects it, else its namespace's Sidecar without selector, else the root
 * namespace's Sidecar without selector.
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/
 */
export function sidecarFor(namespace: string, labels: Readonly<Record<string, string>> | undefined, sidecars: readonly SidecarConfig[], options: MeshOptions): SidecarChoice {
  const sorted = [...sidecars].sort(byRef);
  const candidates = [
    sorted.filter((s) => s.namespace === namespace && s.selector !== undefined && labels !== undefined && selects(s.selector, labels)),
    sorted.filter((s) => s.namespace === namespace && s.selector === undefined),
    sorted.filter((s) => s.namespace === options.rootNamespace && s.selector === undefined),
  ];
  for (const level of candidates) {
    if (level.length > 0) {
      return { sidecar: level[0], conflicting: level.slice(1) };
    }
  }
  return { conflicting: [] };
}

/**
 * The hosts a Sidecar imports for calls on `port`: those of its egress listener on that port, else of its catch-all
 * listener (no port); `other` stands for a port no listener names; every host of every listener when the port is
 * not known. Undefined when the Sidecar has no
 * egress section (it then hides nothing).
 * @see https://istio.io/latest/docs/reference/config/networking/sidecar/#IstioEgressListener
 */
export function egressHostsFor(sidecar: SidecarConfig | undefined, port: number | 'other' | undefined): readonly string[] | undefined {
  const listeners = sidecar?.egressListeners;
  if (listeners === undefined) {
    return sidecar?.egressHosts;
  }
  if (port === undefined) {
    return listeners.flatMap((l) => l.hosts);
  }
  const own = port === 'other' ? undefined : listeners.find((l) => l.port === port);
  return (own ?? listeners.find((l) => l.port === undefined))?.hosts ?? [];
}

/**
 * The entry of `egressHosts` (as written) that imports `host` of a config in `hostNamespace` into a Sidecar of
 * `sidecarNamespace`, or undefined. `*` matches every namespace, `.` the Sidecar's, `~` none.
 */
export function importingEgressHost(egressHosts: readonly string[], sidecarNamespace: string, hostNamespace: string, host: string): string | undefined {
  return egressHosts.find((entry) => {
    const slash = entry.indexOf('/');
    const ns = entry.slice(0, slash);
    const dns = entry.slice(slash + 1);
    const nsMatches = ns === '*' || ns === hostNamespace || (ns === '.' && sidecarNamespace === hostNamespace);
    return nsMatches && hostMatches(dns, host);
  });
}
