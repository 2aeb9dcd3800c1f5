import { formatProblem, Problem } from './errors';
import { Manifest } from './manifest';
import { WorkloadIdentity } from './workload';

/** An object of the app and the construct path (cdk8s) or resource name (Pulumi) that emitted it. */
export interface AppObject {
  readonly path: string;
  readonly manifest: Manifest;
}

/** A workload of the app that meshlight does not deploy, as a ZeroTrustNamespace declares it, and where. */
export interface DeclaredWorkload {
  readonly path: string;
  readonly identity: WorkloadIdentity;
}

type Spec = Record<string, any>;
type Labels = Readonly<Record<string, string>>;

/** Pods of a namespace, as the app knows them: deployed by it (every label known) or declared (labels that select). */
interface KnownWorkload {
  readonly labels: Labels;
  readonly serviceAccount: string;
  readonly declared: boolean;
}

/** Adds `value` to the list at `key`, in place. */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The workloads of one namespace, indexed so that looking up what a selector or principal names takes time in
 * proportion to the workloads that share a label with it, not to the namespace.
 */
class NamespaceWorkloads {
  /** Deployed workloads by each of their labels, as `key=value`. */
  private readonly byLabel = new Map<string, KnownWorkload[]>();
  /** Declared workloads: their pods may carry more labels than declared, so any that agrees may match. */
  private readonly declared: KnownWorkload[] = [];
  private readonly serviceAccounts = new Set<string>();

  public add(workload: KnownWorkload): void {
    this.serviceAccounts.add(workload.serviceAccount);
    if (workload.declared) {
      this.declared.push(workload);
    } else {
      for (const [k, v] of Object.entries(workload.labels)) append(this.byLabel, `${k}=${v}`, workload);
    }
  }

  /** Whether some workload's pods can carry `selector`'s labels (a non-empty selector). */
  public selected(selector: Labels): boolean {
    const k = Object.keys(selector)[0];
    const v = selector[k];
    return (this.byLabel.get(`${k}=${v}`) ?? []).some((w) => selects(selector, w.labels)) || this.declared.some((w) => overlaps(selector, w.labels));
  }

  /** A ServiceAccount object of the app: pods may run as it, whichever construct deploys them. */
  public addServiceAccount(name: string): void {
    this.serviceAccounts.add(name);
  }

  public runsAs(serviceAccount: string): boolean {
    return this.serviceAccounts.has(serviceAccount);
  }
}

/**
 * The Sidecars of one namespace, indexed for finding one that can apply to the same pods as another: by the label
 * keys they select on, and within those by the values, so that workloads told apart by one label (app) are looked
 * up, not compared with each other.
 */
class NamespaceSidecars {
  private readonly defaults: AppObject[] = [];
  private readonly groups = new Map<string, { readonly keys: readonly string[]; readonly byValues: Map<string, AppObject>; readonly all: AppObject[] }>();

  /** A Sidecar added before that can select the same pods as `o`, which is added. */
  public add(o: AppObject, selector: Labels | undefined): AppObject | undefined {
    if (selector === undefined) {
      this.defaults.push(o);
      return this.defaults.length > 1 ? this.defaults[0] : undefined;
    }
    const keys = Object.keys(selector).sort();
    const values = keys.map((k) => selector[k]).join('\n');
    let clash: AppObject | undefined;
    for (const group of this.groups.values()) {
      const sameKeys = group.keys.length === keys.length && group.keys.every((k, i) => k === keys[i]);
      clash = sameKeys
        ? group.byValues.get(values)
        : group.all.find((other) => overlaps(selector, specOf(other.manifest).workloadSelector.labels));
      if (clash !== undefined) break;
    }
    const signature = keys.join('\n');
    let group = this.groups.get(signature);
    if (group === undefined) {
      group = { keys, byValues: new Map(), all: [] };
      this.groups.set(signature, group);
    }
    if (!group.byValues.has(values)) group.byValues.set(values, o);
    group.all.push(o);
    return clash;
  }
}

/** Something an object names in a namespace, to be found once the namespace's workloads are all known. */
type Reference =
  | { readonly object: AppObject; readonly namespace: string; readonly kind: 'selector'; readonly field: string; readonly labels: Labels }
  | { readonly object: AppObject; readonly namespace: string; readonly kind: 'principal'; readonly principal: string; readonly serviceAccount: string };

const specOf = (m: Manifest): Spec => (m.spec ?? {}) as Spec;
const nsOf = (m: Manifest): string => m.metadata.namespace ?? 'default';
const where = (o: AppObject): string => `${o.path} (${o.manifest.kind} ${nsOf(o.manifest)}/${o.manifest.metadata.name})`;

/**
 * A whole-app problem, reported at the construct that emitted `o`: its field names the object (`<kind>
 * <namespace>/<name>`) and the part of it at fault.
 */
const problemAt = (o: AppObject, field: string, value: unknown, problem: string, fix: string): Problem => ({
  path: o.path, field: `${o.manifest.kind} ${nsOf(o.manifest)}/${o.manifest.metadata.name} ${field}`, value, problem, fix,
});

/**
 * A host as Istio resolves it: a short name is a Service of the object's namespace; hosts compare without regard to
 * case, as DNS names do. explain's fqdnOf reads hosts the same way (a shared table of cases tests both).
 */
export function qualify(host: string, namespace: string, clusterDomain: string): string {
  const lower = host.toLowerCase();
  return lower.includes('.') || lower.includes('*') ? lower : `${lower}.${namespace}.svc.${clusterDomain}`;
}

/**
 * Whether host pattern `pattern` (`*`, `*.example.com` or a name) covers `host`, a name or a narrower wildcard,
 * without regard to case. explain's hostMatches reads patterns the same way (a shared table of cases tests both).
 */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p === '*' || p === h || (p.startsWith('*.') && h.endsWith(p.slice(1)));
}

/**
 * The namespaces an object of `namespace` with `exportTo` is seen in: `*` for every namespace (no exportTo, or one
 * that lists `*`), `.` for its own, `~` for none. explain's isExportedTo reads exportTo the same way (a shared table of
 * cases tests both).
 */
export function exportedTo(exportTo: unknown, namespace: string): '*' | readonly string[] {
  if (!Array.isArray(exportTo) || exportTo.length === 0 || exportTo.includes('*')) return '*';
  return [...new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? namespace : String(e))))];
}

/** The gateways a VirtualService applies to: `mesh` when it names none. */
function gatewaysOf(m: Manifest): string[] {
  const gateways: string[] = specOf(m).gateways ?? ['mesh'];
  return gateways.map((g) => (g === 'mesh' || g.includes('/') ? g : `${nsOf(m)}/${g}`));
}

/**
 * Problems that only show across the whole app, each naming the objects involved and where they were declared: one
 * object emitted by two constructs, two VirtualServices for one host, routes shadowed by another VirtualService's on
 * the same gateway pods and port, conflicting DestinationRules, routes to subsets no DestinationRule defines, Sidecars
 * that can apply to the same pods, and, in the namespaces the app makes, selectors that match no workload and
 * principals of service accounts that no workload runs as. Objects are added in batches (one construct's at a time);
 * each batch is checked against what came before in time linear in the batch (lookups are indexed by namespace,
 * host and label), so checking a whole app is linear in its size.
 */
export class AppChecker {
  /** The first VirtualService of each `<namespace it is seen in> <gateway> <host>`, `*` for every namespace. */
  private readonly routeOwners = new Map<string, AppObject>();
  /** The first VirtualService of each `<gateway> <host>`, whichever namespaces see it. */
  private readonly anyRouteOwner = new Map<string, AppObject>();
  private readonly rulesByHost = new Map<string, AppObject[]>();
  private readonly definedSubsets = new Set<string>();
  private readonly hostsWithRules = new Set<string>();
  private readonly serviceHosts = new Set<string>();
  private readonly sidecarsByNamespace = new Map<string, NamespaceSidecars>();
  /** The object of each kind, namespace and name, nested so that no key is built per object. */
  private readonly objectOwners = new Map<string, Map<string, Map<string, AppObject>>>();
  private readonly gateways = new Map<string, AppObject>();
  private readonly gatewayRouteOwners = new Map<string, { readonly object: AppObject; readonly gateway: string }>();
  /** Namespaces the app makes (a ZeroTrustNamespace's Namespace): every workload in them is known to the app. */
  private readonly ownNamespaces = new Map<string, AppObject>();
  private readonly workloadsByNamespace = new Map<string, NamespaceWorkloads>();
  private readonly serviceSelectors = new Map<string, Labels>();
  private readonly pending = new Map<string, Reference[]>();
  /** Namespaces the app makes in ambient mode, and objects of other namespaces that only a sidecar would enforce. */
  private readonly ambientNamespaces = new Map<string, boolean>();
  private readonly sidecarOnly = new Map<string, AppObject[]>();
  private readonly settled = new Set<string>();

  public constructor(private readonly clusterDomain = 'cluster.local') {}

  /**
   * Adds one construct's objects, and the workloads it declares, and returns the problems they bring given
   * everything added before. What objects select or name in a namespace the app makes is looked up once that
   * namespace is settled (see `settle`); until then it waits.
   */
  public add(batch: readonly AppObject[], declared: readonly DeclaredWorkload[] = []): Problem[] {
    const duplicates = this.claimNames(batch);
    for (const o of batch) this.addDefinition(o);
    for (const w of declared) this.addWorkload(w.identity.namespace, { labels: w.identity.labels, serviceAccount: w.identity.serviceAccount, declared: true });
    // Definitions first, so a batch's routes may use the batch's own subsets and gateways.
    const byKind = new Map<string, AppObject[]>();
    for (const o of batch) append(byKind, o.manifest.kind, o);
    const each = (kind: string, check: (o: AppObject) => Problem[]) => (byKind.get(kind) ?? []).flatMap(check);
    const problems = [
      ...duplicates,
      ...batch.flatMap((o) => this.addAmbient(o)),
      ...each('Service', (o) => this.addService(o)),
      ...each('DestinationRule', (o) => this.addDestinationRule(o)),
      ...each('Gateway', (o) => this.addGateway(o)),
      ...each('VirtualService', (o) => this.addVirtualService(o)),
      ...each('Sidecar', (o) => this.addSidecar(o)),
    ];
    const references: Reference[] = [];
    for (const o of batch) this.addReferencesOf(o, references);
    for (const r of references) append(this.pending, r.namespace, r);
    // Until the first settle() no namespace is settled, and nothing is resolved yet.
    if (this.settled.size === 0) return problems;
    return [...problems, ...this.resolve([...new Set(references.map((r) => r.namespace))].filter((ns) => this.settled.has(ns)))];
  }

  /**
   * Declares that every workload of `namespaces` (all namespaces so far, when left out) is known, and returns what
   * objects select or name there that no workload is: selectors that match no pods, and principals of service
   * accounts no workload runs as. Only namespaces the app makes are checked; others hold workloads the app does not
   * know. Objects added later in a settled namespace are checked as they come.
   */
  public settle(namespaces: readonly string[] = [...this.pending.keys()]): Problem[] {
    for (const ns of namespaces) this.settled.add(ns);
    return this.resolve(namespaces);
  }

  private resolve(namespaces: readonly string[]): Problem[] {
    const problems: Problem[] = [];
    for (const ns of namespaces) {
      const references = this.pending.get(ns) ?? [];
      this.pending.delete(ns);
      const owner = this.ownNamespaces.get(ns);
      if (owner === undefined) continue;
      for (const r of references) {
        const problem = this.unresolved(r, owner);
        if (problem !== undefined) problems.push(problem);
      }
    }
    return problems;
  }

  private unresolved(r: Reference, owner: AppObject): Problem | undefined {
    const workloads = this.workloadsByNamespace.get(r.namespace);
    if (r.kind === 'selector') {
      if (workloads?.selected(r.labels)) return undefined;
      return problemAt(r.object, r.field, r.labels, `matches no workload of namespace ${r.namespace}, so it applies to no pod`, `deploy the workload with a GrayscaleService, or declare it in workloads of the ZeroTrustNamespace ${owner.path}`);
    }
    if (workloads?.runsAs(r.serviceAccount)) return undefined;
    return problemAt(r.object, 'principal', r.principal, `names service account ${r.serviceAccount}, which no workload of namespace ${r.namespace} runs as`, `deploy the workload with a GrayscaleService, or declare it with this serviceAccount in workloads of the ZeroTrustNamespace ${owner.path}`);
  }

  // Two constructs emitting one object (kind, namespace, name): whichever is applied last replaces the other.
  private claimNames(batch: readonly AppObject[]): Problem[] {
    const clashes = new Map<string, AppObject[]>();
    for (const o of batch) {
      const m = o.manifest;
      let byNamespace = this.objectOwners.get(m.kind);
      if (byNamespace === undefined) this.objectOwners.set(m.kind, (byNamespace = new Map()));
      // As in a `kind namespace name` key: no namespace counts as "undefined".
      const namespace = String(m.metadata.namespace);
      let byName = byNamespace.get(namespace);
      if (byName === undefined) byNamespace.set(namespace, (byName = new Map()));
      const owner = byName.get(m.metadata.name);
      if (owner === undefined) {
        byName.set(m.metadata.name, o);
      } else if (owner.path !== o.path) {
        append(clashes, owner.path, o);
      }
    }
    return [...clashes].map(([other, objects]) => {
      const names = objects.map((o) => `${o.manifest.kind} ${nsOf(o.manifest)}/${o.manifest.metadata.name}`);
      const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      return problemAt(objects[0], 'metadata.name', objects[0].manifest.metadata.name, `emits ${listed}, which ${other} emits too, so one would replace the other`, 'give each construct its own name, or declare the service or namespace once');
    });
  }

  private addWorkload(namespace: string, workload: KnownWorkload): void {
    this.workloadsOf(namespace).add(workload);
  }

  private workloadsOf(namespace: string): NamespaceWorkloads {
    let workloads = this.workloadsByNamespace.get(namespace);
    if (workloads === undefined) {
      workloads = new NamespaceWorkloads();
      this.workloadsByNamespace.set(namespace, workloads);
    }
    return workloads;
  }

  /**
   * Objects whose effect needs a sidecar (or a waypoint, which meshlight does not manage yet), in a namespace the app
   * makes in ambient mode: ztunnel does not route by HTTP, apply traffic policies or run EnvoyFilters, so there they
   * would do nothing for the namespace's own clients. Reported whichever of the two comes first.
   */
  private addAmbient(o: AppObject): Problem[] {
    const m = o.manifest;
    if (m.kind === 'Namespace' && m.apiVersion === 'v1') {
      if (m.metadata.labels?.['istio.io/dataplane-mode'] !== 'ambient') return [];
      const waypoint = m.metadata.labels?.['istio.io/use-waypoint'] !== undefined;
      this.ambientNamespaces.set(m.metadata.name, waypoint);
      const waiting = this.sidecarOnly.get(m.metadata.name) ?? [];
      this.sidecarOnly.delete(m.metadata.name);
      return waiting.flatMap((w) => ambientProblems(w, m.metadata.name, waypoint));
    }
    if (sidecarOnlyFeatures(m).length === 0) return [];
    const namespace = nsOf(m);
    const waypoint = this.ambientNamespaces.get(namespace);
    if (waypoint !== undefined) return ambientProblems(o, namespace, waypoint);
    append(this.sidecarOnly, namespace, o);
    return [];
  }

  // What exists: namespaces the app makes, its pods and service accounts, and the pods each Service selects.
  private addDefinition(o: AppObject): void {
    const m = o.manifest;
    const spec = specOf(m);
    if (m.kind === 'Namespace' && m.apiVersion === 'v1') {
      this.ownNamespaces.set(m.metadata.name, o);
    } else if (m.kind === 'ServiceAccount' && m.apiVersion === 'v1') {
      this.workloadsOf(nsOf(m)).addServiceAccount(m.metadata.name);
    } else if (m.kind === 'Deployment' && m.apiVersion === 'apps/v1') {
      const pod = spec.template ?? {};
      this.addWorkload(nsOf(m), { labels: pod.metadata?.labels ?? {}, serviceAccount: pod.spec?.serviceAccountName ?? 'default', declared: false });
    } else if (m.kind === 'Service' && m.apiVersion === 'v1' && spec.selector !== undefined) {
      this.serviceSelectors.set(this.host(m.metadata.name, m), spec.selector);
    }
  }

  /**
   * Appends to `out` what `o` names that some workload must be: the pods it selects in its namespace, and the service
   * accounts its principals name in theirs.
   */
  private addReferencesOf(o: AppObject, out: Reference[]): void {
    const m = o.manifest;
    const spec = specOf(m);
    const namespace = nsOf(m);
    const selector = (field: string, labels: Labels | undefined): void => {
      if (labels !== undefined && Object.keys(labels).length > 0) out.push({ object: o, namespace, kind: 'selector', field, labels });
    };
    switch (m.kind) {
      case 'Service':
        if (m.apiVersion === 'v1') selector('selector', spec.selector);
        return;
      case 'NetworkPolicy': {
        selector('podSelector', spec.podSelector?.matchLabels);
        // Peers of the namespace itself, ingress ones first: without a namespace selector or an IP block.
        const addPeers = (rules: Spec[] | undefined, side: 'from' | 'to') => {
          for (const rule of rules ?? []) {
            for (const peer of rule[side] ?? []) {
              if (peer.namespaceSelector === undefined && peer.ipBlock === undefined) selector('peer podSelector', peer.podSelector?.matchLabels);
            }
          }
        };
        addPeers(spec.ingress, 'from');
        addPeers(spec.egress, 'to');
        return;
      }
      case 'Sidecar':
      case 'EnvoyFilter':
        selector('workloadSelector', spec.workloadSelector?.labels);
        return;
      case 'AuthorizationPolicy':
        selector('selector', spec.selector?.matchLabels);
        this.addPrincipalsOf(o, out);
        return;
      case 'PeerAuthentication':
      case 'RequestAuthentication':
      case 'Telemetry':
        selector('selector', spec.selector?.matchLabels);
        return;
      case 'DestinationRule': {
        const service = this.serviceSelectors.get(this.host(spec.host, m)) ?? {};
        for (const s of spec.subsets ?? []) selector(`subset ${s.name}`, s.labels === undefined ? undefined : { ...service, ...s.labels });
        return;
      }
    }
  }

  /** Appends to `out` the service accounts an AuthorizationPolicy names in its sources' principals. */
  private addPrincipalsOf(o: AppObject, out: Reference[]): void {
    const principal = (p: string) => {
      const parts = /^[^*]*\/ns\/([^/*]+)\/sa\/([^/*]+)$/.exec(p);
      if (parts !== null) out.push({ object: o, namespace: parts[1], kind: 'principal', principal: p, serviceAccount: parts[2] });
    };
    for (const rule of specOf(o.manifest).rules ?? []) {
      for (const from of rule.from ?? []) {
        const source: Spec = from.source ?? {};
        for (const p of source.principals ?? []) principal(p);
        for (const p of source.notPrincipals ?? []) principal(p);
      }
    }
  }

  private host(host: string, m: Manifest): string {
    return qualify(host, nsOf(m), this.clusterDomain);
  }

  private addService(o: AppObject): Problem[] {
    this.serviceHosts.add(this.host(o.manifest.metadata.name, o.manifest));
    return [];
  }

  // Two DestinationRules for one host that both set a traffic policy, or define the same subset: Istio keeps one.
  private addDestinationRule(o: AppObject): Problem[] {
    const spec = specOf(o.manifest);
    const host = this.host(spec.host, o.manifest);
    const key = `${nsOf(o.manifest)} ${host}`;
    const subsets: string[] = (spec.subsets ?? []).map((s: Spec) => s.name);
    const problems: Problem[] = [];
    for (const other of this.rulesByHost.get(key) ?? []) {
      const otherSpec = specOf(other.manifest);
      const shared = subsets.filter((s) => (otherSpec.subsets ?? []).some((x: Spec) => x.name === s));
      if (spec.trafficPolicy !== undefined && otherSpec.trafficPolicy !== undefined) {
        problems.push(problemAt(o, 'spec.host', spec.host, `already has a traffic policy from ${where(other)}, and Istio applies only one`, 'give each host one DestinationRule with its traffic policy'));
      } else if (shared.length > 0) {
        problems.push(problemAt(o, 'spec.subsets', shared, `are subsets of host ${spec.host} already defined by ${where(other)}`, 'define each subset in one DestinationRule, e.g. declare each service once'));
      }
    }
    append(this.rulesByHost, key, o);
    this.hostsWithRules.add(host);
    for (const s of subsets) this.definedSubsets.add(`${host} ${s}`);
    return problems;
  }

  private addGateway(o: AppObject): Problem[] {
    this.gateways.set(`${nsOf(o.manifest)}/${o.manifest.metadata.name}`, o);
    return [];
  }

  // VirtualServices bound to different Gateways that serve one host on one port of the same gateway pods: the proxy
  // has one route table per port, so the routes of the one added later sit behind the other's and never match.
  private shadowedAtGateways(o: AppObject, hosts: readonly string[]): Problem[] {
    const problems: Problem[] = [];
    for (const gateway of gatewaysOf(o.manifest).filter((g) => g !== 'mesh')) {
      const g = this.gateways.get(gateway);
      if (g === undefined) continue;
      const pods = labelsText(specOf(g.manifest).selector ?? {});
      for (const server of specOf(g.manifest).servers ?? []) {
        for (const host of hosts.filter((h) => (server.hosts ?? []).some((s: string) => serverHostMatches(s, h, nsOf(o.manifest))))) {
          const key = `${pods} ${server.port?.number} ${host}`;
          const first = this.gatewayRouteOwners.get(key);
          if (first === undefined) {
            this.gatewayRouteOwners.set(key, { object: o, gateway });
          } else if (first.object.manifest !== o.manifest && first.gateway !== gateway) {
            problems.push(problemAt(o, 'spec.hosts', host, `is already routed on port ${server.port?.number} of the gateway pods ${pods} by ${where(first.object)} through ${first.gateway}, so its routes would be shadowed`, 'serve the host from one Gateway and one VirtualService, e.g. one MeshIngress with every route of the host'));
          }
        }
      }
    }
    return problems;
  }

  // One VirtualService per host and gateway (Istio merges or drops the routes of others), and routes only to
  // subsets a DestinationRule defines (Envoy answers 503 otherwise).
  private addVirtualService(o: AppObject): Problem[] {
    const spec = specOf(o.manifest);
    const problems: Problem[] = [];
    // Two VirtualServices clash only where both are seen: one exported only to its own namespace cannot clash with
    // one exported only to another.
    const seenIn = exportedTo(spec.exportTo, nsOf(o.manifest));
    for (const gateway of gatewaysOf(o.manifest)) {
      for (const host of spec.hosts ?? []) {
        const route = `${gateway} ${this.host(host, o.manifest)}`;
        const first = seenIn === '*'
          ? this.anyRouteOwner.get(route)
          : [this.routeOwners.get(`* ${route}`), ...seenIn.map((ns) => this.routeOwners.get(`${ns} ${route}`))].find((x) => x !== undefined);
        if (first !== undefined && first.manifest !== o.manifest) {
          problems.push(problemAt(o, 'spec.hosts', host, `is already routed on ${gateway} by ${where(first)}`, 'one VirtualService per host, or the routes of one are lost'));
          continue;
        }
        for (const scope of seenIn === '*' ? ['*'] : seenIn) {
          if (!this.routeOwners.has(`${scope} ${route}`)) this.routeOwners.set(`${scope} ${route}`, o);
        }
        if (seenIn.length > 0 && !this.anyRouteOwner.has(route)) this.anyRouteOwner.set(route, o);
      }
    }
    problems.push(...this.shadowedAtGateways(o, spec.hosts ?? []));
    const routes: Spec[] = [...(spec.http ?? []), ...(spec.tls ?? []), ...(spec.tcp ?? [])];
    for (const d of routes.flatMap((r) => r.route ?? [])) {
      const subset = d.destination?.subset;
      if (subset === undefined) continue;
      const host = this.host(d.destination.host, o.manifest);
      const known = this.hostsWithRules.has(host) || this.serviceHosts.has(host);
      if (known && !this.definedSubsets.has(`${host} ${subset}`)) {
        problems.push(problemAt(o, 'subset', subset, `of ${d.destination.host}, where a route sends requests, is defined by no DestinationRule of the app`, 'route to a version the service declares'));
      }
    }
    // Several routes to one missing subset are one problem.
    return distinct(problems);
  }

  // A pod gets one Sidecar: two that can select the same pods, or two namespace defaults, leave the choice to chance.
  private addSidecar(o: AppObject): Problem[] {
    const ns = nsOf(o.manifest);
    let sidecars = this.sidecarsByNamespace.get(ns);
    if (sidecars === undefined) {
      sidecars = new NamespaceSidecars();
      this.sidecarsByNamespace.set(ns, sidecars);
    }
    const clash = sidecars.add(o, specOf(o.manifest).workloadSelector?.labels);
    return clash === undefined ? [] : [problemAt(o, 'spec.workloadSelector', specOf(o.manifest).workloadSelector?.labels ?? {}, `can apply to the same pods as ${where(clash)}, and a pod gets one Sidecar, chosen arbitrarily`, 'give each workload one Sidecar: pass a ZeroTrustNamespace as the namespace of its allow-lists, which merges them')];
  }
}

/**
 * What of `m` only a sidecar (or a waypoint) enforces: a VirtualService's HTTP routing for the mesh (rules, weights,
 * timeouts, retries, faults, mirrors, headers), a DestinationRule's traffic policy, an EnvoyFilter. A VirtualService
 * that only sends every request to one destination says nothing ztunnel would miss.
 */
function sidecarOnlyFeatures(m: Manifest): string[] {
  const spec = specOf(m);
  if (m.kind === 'EnvoyFilter') return ['an EnvoyFilter (rate limits)'];
  if (m.kind === 'DestinationRule') {
    const policies = [spec.trafficPolicy, ...(spec.subsets ?? []).map((s: Spec) => s.trafficPolicy)].filter((p) => p !== undefined);
    return policies.length > 0 ? ['traffic policies (connection pools, circuit breaking, load balancing)'] : [];
  }
  if (m.kind !== 'VirtualService' || !gatewaysOf(m).includes('mesh')) return [];
  const http: Spec[] = spec.http ?? [];
  const features = new Set<string>();
  if (http.some((r) => r.match !== undefined) || http.length > 1) features.add('request rules');
  if (http.some((r) => (r.route ?? []).length > 1)) features.add('weights');
  for (const [field, feature] of [['timeout', 'timeouts'], ['retries', 'retries'], ['fault', 'faults'], ['mirror', 'mirroring'], ['headers', 'response headers'], ['corsPolicy', 'CORS']] as const) {
    if (http.some((r) => r[field] !== undefined)) features.add(feature);
  }
  if (http.some((r) => (r.route ?? []).some((d: Spec) => d.headers !== undefined))) features.add('response headers');
  return [...features];
}

/**
 * What of `o`, in the ambient namespace `namespace`, nothing would enforce. Without a waypoint: HTTP routing, traffic
 * policies, EnvoyFilters. With one: a VirtualService (meshlight routes through waypoints with HTTPRoutes) and
 * EnvoyFilters; the waypoint applies DestinationRules.
 */
function ambientProblems(o: AppObject, namespace: string, waypoint: boolean): Problem[] {
  const m = o.manifest;
  const features = sidecarOnlyFeatures(m);
  if (features.length === 0 || (waypoint && m.kind === 'DestinationRule')) return [];
  if (waypoint && m.kind === 'VirtualService') {
    return [problemAt(o, 'metadata.namespace', namespace,
      `is in ambient mode with a waypoint, which meshlight routes through with HTTPRoutes, not VirtualServices: its ${features.join(', ')} would not be applied as written`,
      'give the GrayscaleService dialect "gateway-api"')];
  }
  return [problemAt(o, 'metadata.namespace', namespace,
    `is in ambient mode, where ztunnel does not enforce ${features.join(', ')}: ${waypoint ? 'a waypoint does not run EnvoyFilters meshlight writes for sidecars' : 'without a waypoint they would do nothing for the namespace\'s clients'}`,
    waypoint ? `make the ZeroTrustNamespace ${namespace} dataplane "sidecar", or leave these features out` : `set waypoint: true on the ZeroTrustNamespace ${namespace} (with dialect "gateway-api" for routing), make its dataplane "sidecar", or leave these features out`)];
}

/** `problems` without repeats: the same problem found twice reads once. */
function distinct(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const text = formatProblem(p);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Whether two label sets can select the same pods: they agree on every label both name. */
function overlaps(a: Labels, b: Labels): boolean {
  for (const k of Object.keys(a)) {
    if (b[k] !== undefined && b[k] !== a[k]) return false;
  }
  return true;
}

/** Whether `selector` selects pods labelled `labels`. */
export function selects(selector: Labels, labels: Labels): boolean {
  for (const k of Object.keys(selector)) {
    if (labels[k] !== selector[k]) return false;
  }
  return true;
}

const labelsText = (labels: Labels): string => `{${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;

/** Whether a Gateway server's host (`host`, `ns/host` or `*\/host`, wildcards allowed) takes a VirtualService's host. */
function serverHostMatches(serverHost: string, host: string, namespace: string): boolean {
  const slash = serverHost.indexOf('/');
  const [ns, name] = slash === -1 ? ['*', serverHost] : [serverHost.slice(0, slash), serverHost.slice(slash + 1)];
  if (ns !== '*' && ns !== '.' && ns !== namespace) return false;
  return hostCovers(name, host);
}

/**
 * Every whole-app problem of `objects` and the workloads the app declares, added as one batch per construct path in
 * the order given, then settled.
 */
export function appProblems(objects: readonly AppObject[], declared: readonly DeclaredWorkload[] = [], clusterDomain = 'cluster.local'): Problem[] {
  const checker = new AppChecker(clusterDomain);
  const batches = new Map<string, { objects: AppObject[]; declared: DeclaredWorkload[] }>();
  const batchOf = (path: string) => {
    let batch = batches.get(path);
    if (batch === undefined) batches.set(path, (batch = { objects: [], declared: [] }));
    return batch;
  };
  // Objects of one construct come one after another: their batch is looked up once.
  let last: { path: string; batch: { objects: AppObject[] } } | undefined;
  for (const o of objects) {
    if (last === undefined || last.path !== o.path) last = { path: o.path, batch: batchOf(o.path) };
    last.batch.objects.push(o);
  }
  for (const w of declared) batchOf(w.path).declared.push(w);
  return [...[...batches.values()].flatMap((batch) => checker.add(batch.objects, batch.declared)), ...checker.settle()];
}
