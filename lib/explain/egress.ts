import { compareText } from '../core/internal';
import { hostMatches, isExportedTo, isWildcardHost, describeExportTo } from './hosts';
import { Mesh } from './mesh';
import { OutboundMode, refName } from './objects';
import { importingEgressHost, sidecarFor, SidecarConfig } from './sidecar';
import { Workload } from './workloads';

/** The row for hosts that no ServiceEntry or Sidecar of the input names. */
export const OTHER_HOSTS = '(any other host)';

/** Whether a call leaves the sidecar: allowed or blocked. */
export type EgressDecision = 'allowed' | 'blocked';

/** One row of the egress table: may `workload` reach `host`, and why. */
export interface EgressEntry {
  /** `namespace/name` of the calling workload (or `namespace/sa/name` for an identity in check). */
  readonly workload: string;
  readonly host: string;
  readonly decision: EgressDecision;
  readonly mode: OutboundMode;
  /** `namespace/name` of the Sidecar that configures the caller, or `-`. */
  readonly sidecar: string;
  readonly why: string;
}

/** The Sidecar of a caller, the outbound mode in force and where that mode comes from. */
export interface OutboundContext {
  readonly sidecar?: SidecarConfig;
  readonly mode: OutboundMode;
  /** Where the mode comes from, e.g. `Sidecar bookinfo/default` or `mesh default`. */
  readonly modeFrom: string;
  /** Sidecars that would also apply (Istio uses the oldest). */
  readonly conflicting: readonly SidecarConfig[];
}

/** The Sidecar and outbound mode of a caller in `namespace` with pod `labels` (undefined when not known). */
export function outboundContext(mesh: Mesh, namespace: string, labels: Readonly<Record<string, string>> | undefined): OutboundContext {
  const choice = sidecarFor(namespace, labels, mesh.sidecars, mesh.options);
  const own = choice.sidecar?.outboundMode;
  return {
    sidecar: choice.sidecar,
    mode: own ?? mesh.options.outboundTrafficPolicy,
    modeFrom: own === undefined ? 'mesh default' : `Sidecar ${refName(choice.sidecar!)}`,
    conflicting: choice.conflicting,
  };
}

/**
 * Whether a caller in `namespace` (whose Sidecar context is `ctx`) may reach the external `host`. Under ALLOW_ANY
 * everything passes (unknown hosts through the passthrough cluster). Under REGISTRY_ONLY the host must be in a
 * ServiceEntry exported to the caller's namespace and imported by the caller's Sidecar `egress.hosts`.
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 */
export function egressDecision(mesh: Mesh, namespace: string, ctx: OutboundContext, host: string): { decision: EgressDecision; why: string } {
  const entries = host === OTHER_HOSTS ? [] : mesh.serviceEntries.filter((se) => se.hosts.some((h) => hostMatches(h, host)));
  const visible = entries.filter((se) => isExportedTo(se.exportTo, se.namespace, namespace));
  const egressHosts = ctx.sidecar?.egressHosts;
  const imported = visible.map((se) => ({
    se,
    by: egressHosts === undefined ? '(no egress list)' : importingEgressHost(egressHosts, namespace, se.namespace, se.hosts.find((h) => hostMatches(h, host))!),
  })).filter((x) => x.by !== undefined);
  if (ctx.mode === 'ALLOW_ANY') {
    const via = imported.length > 0 ? `ServiceEntry ${refName(imported[0].se)}` : 'passthrough';
    return { decision: 'allowed', why: `ALLOW_ANY (${ctx.modeFrom}): not an allow-list; via ${via}` };
  }
  const registryOnly = `REGISTRY_ONLY (${ctx.modeFrom})`;
  if (imported.length > 0) {
    const { se, by } = imported[0];
    const through = by === '(no egress list)' ? 'no Sidecar egress list hides it' : `Sidecar ${refName(ctx.sidecar!)} egress host ${JSON.stringify(by)}`;
    return { decision: 'allowed', why: `${registryOnly}: ServiceEntry ${refName(se)}, ${through}` };
  }
  if (visible.length > 0) {
    return { decision: 'blocked', why: `${registryOnly}: ServiceEntry ${visible.map(refName).join(', ')} is not in Sidecar ${refName(ctx.sidecar!)} egress hosts [${(egressHosts ?? []).join(', ')}]` };
  }
  if (entries.length > 0) {
    const reasons = entries.map((se) => `${refName(se)} (exportTo ${describeExportTo(se.exportTo)})`).join(', ');
    return { decision: 'blocked', why: `${registryOnly}: ServiceEntry ${reasons} is not exported to namespace ${namespace}` };
  }
  return { decision: 'blocked', why: `${registryOnly}: no ServiceEntry for this host` };
}

/** The external hosts of the input: ServiceEntry hosts, and literal hosts of Sidecar egress lists outside the cluster domain. */
export function externalHosts(mesh: Mesh): string[] {
  const hosts = new Set<string>();
  for (const se of mesh.serviceEntries) {
    se.hosts.forEach((h) => hosts.add(h));
  }
  for (const sidecar of mesh.sidecars) {
    for (const entry of sidecar.egressHosts ?? []) {
      const dns = entry.slice(entry.indexOf('/') + 1).toLowerCase();
      const inCluster = dns.endsWith(`.svc.${mesh.options.clusterDomain}`);
      if (dns.includes('.') && !isWildcardHost(dns) && !inCluster) {
        hosts.add(dns);
      }
    }
  }
  return [...hosts].sort(compareText);
}

function egressRow(mesh: Mesh, workload: Workload, host: string): EgressEntry {
  const ctx = outboundContext(mesh, workload.namespace, workload.labels);
  const sidecar = ctx.sidecar === undefined ? '-' : refName(ctx.sidecar);
  if (!workload.hasSidecar) {
    return { workload: refName(workload), host, decision: 'allowed', mode: ctx.mode, sidecar: '-', why: 'no sidecar: Istio controls nothing' };
  }
  const { decision, why } = egressDecision(mesh, workload.namespace, ctx, host);
  return { workload: refName(workload), host, decision, mode: ctx.mode, sidecar, why };
}

/** The egress table: every workload against every external host of the input, and any other host. */
export function explainEgress(mesh: Mesh): EgressEntry[] {
  const hosts = [...externalHosts(mesh), OTHER_HOSTS];
  return mesh.workloads.flatMap((w) => hosts.map((h) => egressRow(mesh, w, h)));
}
