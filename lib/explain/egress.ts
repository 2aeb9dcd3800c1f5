import { compareText } from '../core/internal';
import { hostMatches, isExportedTo, isWildcardHost, describeExportTo } from './hosts';
import { Mesh } from './mesh';
import { OutboundMode, refName } from './objects';
import { describePort, ServiceEntryConfig } from './service-entry';
import { egressHostsFor, importingEgressHost, sidecarFor, SidecarConfig } from './sidecar';
import { isAmbientPod } from './ztunnel';

/** The row for hosts that no ServiceEntry or Sidecar of the input names. */
export const OTHER_HOSTS = '(any other host)';

/** The row for the ports of a host that none of its ServiceEntries declares. */
export const OTHER_PORTS = 'other ports';

/** A port of an egress row: a number, `other` (one no ServiceEntry of the host declares), or undefined (any port). */
export type EgressPort = number | 'other' | undefined;

/** Whether a call leaves the sidecar: allowed or blocked. */
export type EgressDecision = 'allowed' | 'blocked';

/** One row of the egress table: may `workload` reach `host`, and why. */
export interface EgressEntry {
  /** `namespace/name` of the calling workload (or `namespace/sa/name` for an identity in check). */
  readonly workload: string;
  readonly host: string;
  /** The port and protocol called: `443/TLS`, OTHER_PORTS, or `any` when the host has no ServiceEntry ports. */
  readonly port: string;
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

const entriesByHost = new WeakMap<Mesh, Map<string, readonly ServiceEntryConfig[]>>();

/** The ServiceEntries whose hosts cover `host`, computed once per mesh and host: the egress table asks per workload. */
function serviceEntriesFor(mesh: Mesh, host: string): readonly ServiceEntryConfig[] {
  let byHost = entriesByHost.get(mesh);
  if (byHost === undefined) {
    byHost = new Map();
    entriesByHost.set(mesh, byHost);
  }
  let entries = byHost.get(host);
  if (entries === undefined) {
    entries = host === OTHER_HOSTS ? [] : mesh.serviceEntries.filter((se) => se.hosts.some((h) => hostMatches(h, host)));
    byHost.set(host, entries);
  }
  return entries;
}

function declares(se: ServiceEntryConfig, port: EgressPort): boolean {
  return typeof port === 'number' && se.ports.some((p) => p.number === port);
}

function portsOf(se: ServiceEntryConfig): string {
  return se.ports.length === 0 ? 'no port' : `only ${se.ports.map(describePort).join(', ')}`;
}

/**
 * Whether a caller in `namespace` (whose Sidecar context is `ctx`) may reach the external `host` on `port` (undefined:
 * any port). Under ALLOW_ANY everything passes (unknown hosts and ports through the passthrough cluster). Under
 * REGISTRY_ONLY the host must be in a ServiceEntry exported to the caller's namespace, imported by the caller's
 * Sidecar egress listener for that port (else its catch-all listener), and the ServiceEntry must declare the port:
 * Istio has no listener for a host on a port its ServiceEntries do not name.
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 */
export function egressDecision(mesh: Mesh, namespace: string, ctx: OutboundContext, host: string, port?: EgressPort): { decision: EgressDecision; why: string } {
  const entries = serviceEntriesFor(mesh, host);
  const visible = entries.filter((se) => isExportedTo(se.exportTo, se.namespace, namespace));
  const egressHosts = egressHostsFor(ctx.sidecar, port);
  const imported = visible.map((se) => ({
    se,
    by: egressHosts === undefined ? '(no egress list)' : importingEgressHost(egressHosts, namespace, se.namespace, se.hosts.find((h) => hostMatches(h, host))!),
  })).filter((x) => x.by !== undefined);
  const serving = port === undefined ? imported : imported.filter((x) => declares(x.se, port));
  if (ctx.mode === 'ALLOW_ANY') {
    const via = serving.length > 0 ? `ServiceEntry ${refName(serving[0].se)}` : 'passthrough';
    return { decision: 'allowed', why: `ALLOW_ANY (${ctx.modeFrom}): not an allow-list; via ${via}` };
  }
  const registryOnly = `REGISTRY_ONLY (${ctx.modeFrom})`;
  if (serving.length > 0) {
    const { se, by } = serving[0];
    const through = by === '(no egress list)' ? 'no Sidecar egress list hides it' : `Sidecar ${refName(ctx.sidecar!)} egress host ${JSON.stringify(by)}`;
    return { decision: 'allowed', why: `${registryOnly}: ServiceEntry ${refName(se)}, ${through}` };
  }
  if (imported.length > 0) {
    const what = port === 'other' ? 'other ports' : `port ${port}`;
    return { decision: 'blocked', why: `${registryOnly}: ${what}: ServiceEntry ${imported.map((x) => `${refName(x.se)} declares ${portsOf(x.se)}`).join('; ')}` };
  }
  if (visible.length > 0) {
    const listener = typeof port === 'number' && ctx.sidecar?.egressListeners?.some((l) => l.port === port) ? ` (its egress listener for port ${port})` : '';
    return { decision: 'blocked', why: `${registryOnly}: ServiceEntry ${visible.map(refName).join(', ')} is not in Sidecar ${refName(ctx.sidecar!)} egress hosts [${(egressHosts ?? []).join(', ')}]${listener}` };
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

/** A host and port that the egress table decides for every caller. */
export interface EgressTarget {
  readonly host: string;
  readonly port: EgressPort;
  /** The port as the table shows it: `443/TLS`, OTHER_PORTS, `any`. */
  readonly label: string;
}

/**
 * What the egress table asks about: each external host on each port its ServiceEntries declare and on the other
 * ports (a host open on 80 may still be closed on 443), hosts without ServiceEntry ports on any port, and any other host.
 */
export function egressTargets(mesh: Mesh): EgressTarget[] {
  const targets: EgressTarget[] = [];
  for (const host of externalHosts(mesh)) {
    const ports = new Map<number, string>();
    for (const se of serviceEntriesFor(mesh, host)) {
      se.ports.forEach((p) => ports.set(p.number, ports.has(p.number) && ports.get(p.number) !== describePort(p) ? String(p.number) : describePort(p)));
    }
    if (ports.size === 0) {
      targets.push({ host, port: undefined, label: 'any' });
      continue;
    }
    [...ports.keys()].sort((a, b) => a - b).forEach((port) => targets.push({ host, port, label: ports.get(port)! }));
    targets.push({ host, port: 'other', label: OTHER_PORTS });
  }
  targets.push({ host: OTHER_HOSTS, port: undefined, label: 'any' });
  return targets;
}

/** A caller of the egress table: a workload, or every workload of a namespace when the input has none. */
interface EgressCaller {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly hasSidecar: boolean;
}

function egressRow(mesh: Mesh, caller: EgressCaller, target: EgressTarget): EgressEntry {
  const ctx = outboundContext(mesh, caller.namespace, caller.labels);
  const sidecar = ctx.sidecar === undefined ? '-' : refName(ctx.sidecar);
  const row = { workload: caller.name, host: target.host, port: target.label, mode: ctx.mode };
  if (isAmbientPod(mesh, caller.namespace, caller.labels)) {
    return { ...row, decision: 'allowed', sidecar: '-', why: 'ambient: ztunnel applies no Sidecar and no outboundTrafficPolicy' };
  }
  if (!caller.hasSidecar) {
    return { ...row, decision: 'allowed', sidecar: '-', why: 'no sidecar: Istio controls nothing' };
  }
  const { decision, why } = egressDecision(mesh, caller.namespace, ctx, target.host, target.port);
  return { ...row, decision, sidecar, why };
}

/** The namespaces whose workloads the egress table stands for when the input has none: those of its Sidecars and ServiceEntries. */
function namespaceCallers(mesh: Mesh): EgressCaller[] {
  const namespaces = new Set([...mesh.sidecars, ...mesh.serviceEntries].map((o) => o.namespace).filter((ns) => ns !== mesh.options.rootNamespace));
  if (namespaces.size === 0) {
    namespaces.add(mesh.options.defaultNamespace);
  }
  return [...namespaces].sort(compareText).map((namespace) => ({ name: `${namespace}/(any workload)`, namespace, hasSidecar: true }));
}

/**
 * The egress table: every workload against every external host and port of the input (egressTargets), and any
 * other host. Without workloads in the input, each namespace of its Sidecars and ServiceEntries stands for its
 * workloads (those without a Sidecar of their own).
 */
export function explainEgress(mesh: Mesh): EgressEntry[] {
  const targets = egressTargets(mesh);
  const callers: EgressCaller[] = mesh.workloads.length > 0
    ? mesh.workloads.map((w) => ({ name: refName(w), namespace: w.namespace, labels: w.labels, hasSidecar: w.hasSidecar }))
    : namespaceCallers(mesh);
  return callers.flatMap((c) => targets.map((t) => egressRow(mesh, c, t)));
}
