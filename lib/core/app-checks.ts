import { Manifest } from './manifest';

/** An object of the app and the construct path (cdk8s) or resource name (Pulumi) that emitted it. */
export interface AppObject {
  readonly path: string;
  readonly manifest: Manifest;
}

type Spec = Record<string, any>;

const specOf = (m: Manifest): Spec => (m.spec ?? {}) as Spec;
const nsOf = (m: Manifest): string => m.metadata.namespace ?? 'default';
const where = (o: AppObject): string => `${o.path} (${o.manifest.kind} ${nsOf(o.manifest)}/${o.manifest.metadata.name})`;

/** A host as Istio resolves it: a short name is a Service of the object's namespace. */
function qualify(host: string, namespace: string, clusterDomain: string): string {
  return host.includes('.') || host.includes('*') ? host : `${host}.${namespace}.svc.${clusterDomain}`;
}

/** The gateways a VirtualService applies to: `mesh` when it names none. */
function gatewaysOf(m: Manifest): string[] {
  const gateways: string[] = specOf(m).gateways ?? ['mesh'];
  return gateways.map((g) => (g === 'mesh' || g.includes('/') ? g : `${nsOf(m)}/${g}`));
}

/**
 * Problems that only show across the whole app, each naming the objects involved and where they were declared: two
 * VirtualServices for one host, conflicting DestinationRules, routes to subsets no DestinationRule defines, and
 * Sidecars that can apply to the same pods. Objects are added in batches (one construct's at a time); each batch is
 * checked against what came before in time linear in the batch, so checking a whole app is linear in its size.
 */
export class AppChecker {
  private readonly routeOwners = new Map<string, AppObject>();
  private readonly rulesByHost = new Map<string, AppObject[]>();
  private readonly definedSubsets = new Set<string>();
  private readonly hostsWithRules = new Set<string>();
  private readonly serviceHosts = new Set<string>();
  private readonly sidecarsByNamespace = new Map<string, AppObject[]>();

  public constructor(private readonly clusterDomain = 'cluster.local') {}

  /** Adds one construct's objects and returns the problems they bring, given everything added before. */
  public add(batch: readonly AppObject[]): string[] {
    // Definitions first, so a batch's routes may use the batch's own subsets.
    const problems = [
      ...batch.filter((o) => o.manifest.kind === 'Service').flatMap((o) => this.addService(o)),
      ...batch.filter((o) => o.manifest.kind === 'DestinationRule').flatMap((o) => this.addDestinationRule(o)),
      ...batch.filter((o) => o.manifest.kind === 'VirtualService').flatMap((o) => this.addVirtualService(o)),
      ...batch.filter((o) => o.manifest.kind === 'Sidecar').flatMap((o) => this.addSidecar(o)),
    ];
    return problems;
  }

  private host(host: string, m: Manifest): string {
    return qualify(host, nsOf(m), this.clusterDomain);
  }

  private addService(o: AppObject): string[] {
    this.serviceHosts.add(this.host(o.manifest.metadata.name, o.manifest));
    return [];
  }

  // Two DestinationRules for one host that both set a traffic policy, or define the same subset: Istio keeps one.
  private addDestinationRule(o: AppObject): string[] {
    const spec = specOf(o.manifest);
    const host = this.host(spec.host, o.manifest);
    const key = `${nsOf(o.manifest)} ${host}`;
    const subsets: string[] = (spec.subsets ?? []).map((s: Spec) => s.name);
    const problems: string[] = [];
    for (const other of this.rulesByHost.get(key) ?? []) {
      const otherSpec = specOf(other.manifest);
      const shared = subsets.filter((s) => (otherSpec.subsets ?? []).some((x: Spec) => x.name === s));
      if (spec.trafficPolicy !== undefined && otherSpec.trafficPolicy !== undefined) {
        problems.push(`${where(o)}: host ${spec.host} already has a traffic policy from ${where(other)}; Istio applies only one`);
      } else if (shared.length > 0) {
        problems.push(`${where(o)}: subsets ${shared.join(', ')} of host ${spec.host} are already defined by ${where(other)}`);
      }
    }
    this.rulesByHost.set(key, [...(this.rulesByHost.get(key) ?? []), o]);
    this.hostsWithRules.add(host);
    for (const s of subsets) this.definedSubsets.add(`${host} ${s}`);
    return problems;
  }

  // One VirtualService per host and gateway (Istio merges or drops the routes of others), and routes only to
  // subsets a DestinationRule defines (Envoy answers 503 otherwise).
  private addVirtualService(o: AppObject): string[] {
    const spec = specOf(o.manifest);
    const problems: string[] = [];
    // A VirtualService exported only to its own namespace cannot clash with one of another namespace.
    const scope = Array.isArray(spec.exportTo) && spec.exportTo.length === 1 && spec.exportTo[0] === '.' ? nsOf(o.manifest) : '*';
    for (const gateway of gatewaysOf(o.manifest)) {
      for (const host of spec.hosts ?? []) {
        const key = `${scope} ${gateway} ${this.host(host, o.manifest)}`;
        const first = this.routeOwners.get(key);
        if (first !== undefined && first.manifest !== o.manifest) {
          problems.push(`${where(o)}: host ${host} on ${gateway} is already routed by ${where(first)}; one VirtualService per host, or the routes of one are lost`);
        } else {
          this.routeOwners.set(key, o);
        }
      }
    }
    const routes: Spec[] = [...(spec.http ?? []), ...(spec.tls ?? []), ...(spec.tcp ?? [])];
    for (const d of routes.flatMap((r) => r.route ?? [])) {
      const subset = d.destination?.subset;
      if (subset === undefined) continue;
      const host = this.host(d.destination.host, o.manifest);
      const known = this.hostsWithRules.has(host) || this.serviceHosts.has(host);
      if (known && !this.definedSubsets.has(`${host} ${subset}`)) {
        problems.push(`${where(o)}: routes to subset ${subset} of ${d.destination.host}, which no DestinationRule of the app defines`);
      }
    }
    return [...new Set(problems)];
  }

  // A pod gets one Sidecar: two that can select the same pods, or two namespace defaults, leave the choice to chance.
  private addSidecar(o: AppObject): string[] {
    const ns = nsOf(o.manifest);
    const mine = specOf(o.manifest).workloadSelector?.labels;
    const others = this.sidecarsByNamespace.get(ns) ?? [];
    const clash = others.find((a) => {
      const theirs = specOf(a.manifest).workloadSelector?.labels;
      return mine === undefined || theirs === undefined ? mine === theirs : overlaps(mine, theirs);
    });
    this.sidecarsByNamespace.set(ns, [...others, o]);
    return clash === undefined ? [] : [`${where(o)}: can apply to the same pods as ${where(clash)}; a pod gets one Sidecar, chosen arbitrarily`];
  }
}

function overlaps(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === undefined || b[k] === v);
}

/** Every whole-app problem of `objects`, added as one batch per construct path in the order given. */
export function appProblems(objects: readonly AppObject[], clusterDomain = 'cluster.local'): string[] {
  const checker = new AppChecker(clusterDomain);
  const batches = new Map<string, AppObject[]>();
  for (const o of objects) batches.set(o.path, [...(batches.get(o.path) ?? []), o]);
  return [...batches.values()].flatMap((batch) => checker.add(batch));
}

/** Thrown when objects of the app conflict with each other; lists every problem. */
export class MeshlightAppError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`meshlight found ${problems.length === 1 ? '1 problem' : `${problems.length} problems`} across the app:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MeshlightAppError';
  }
}
