import { hostMatches } from './hosts';
import { byRef, MeshOptions, ObjectRef, OutboundMode, readObject, selects } from './objects';
import { SourcedManifest } from './source';

/** A Sidecar, as far as meshlight explain reads it: which hosts its workloads see and what happens to the rest. */
export interface SidecarConfig extends ObjectRef {
  /** `workloadSelector.labels`; undefined for the namespace's (or, in the root namespace, the mesh's) default. */
  readonly selector?: Readonly<Record<string, string>>;
  /** Every `egress[].hosts` entry (`namespace/dnsName`); undefined when the Sidecar has no egress section. */
  readonly egressHosts?: readonly string[];
  /** `outboundTrafficPolicy.mode`; undefined: the mesh's. */
  readonly outboundMode?: OutboundMode;
}

/** Reads a Sidecar. */
export function readSidecar(manifest: SourcedManifest, options: MeshOptions, problems: string[]): SidecarConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const selector = reader.record(spec.workloadSelector, 'spec.workloadSelector');
  const egress = spec.egress === undefined ? undefined : reader.list(spec.egress, 'spec.egress');
  const egressHosts = egress?.flatMap((e, i) => {
    const listener = reader.record(e, `spec.egress[${i}]`) ?? {};
    const hosts = reader.strings(listener.hosts, `spec.egress[${i}].hosts`);
    hosts.forEach((h, j) => {
      if (!/^[^/]+\/[^/]+$/.test(h)) {
        reader.problem(`spec.egress[${i}].hosts[${j}]`, h, 'namespace/dnsName', `write e.g. "./${h}" or "*/${h}"`);
      }
    });
    return hosts;
  });
  const outbound = reader.record(spec.outboundTrafficPolicy, 'spec.outboundTrafficPolicy');
  return {
    ...ref,
    selector: selector === undefined ? undefined : reader.stringMap(selector.labels, 'spec.workloadSelector.labels') ?? {},
    egressHosts,
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
