// The summary of a mesh that `meshlight explain` prints by default: per namespace, how traffic is routed, who may
// call its workloads and what may leave it, in numbers a person reads in a minute, with the findings that need a look.
// Everything is computed in time linear in the size of the mesh: a workload's callers are those its policies name
// (and one caller no policy names, standing for every other), never every identity against every workload.
import { compareText } from '../core/internal';
import { decideAccess } from './access';
import { AuthorizationPolicyConfig, policyAppliesTo } from './authorization-policy';
import { isExportedTo } from './hosts';
import { Mesh } from './mesh';
import { groupBy, indexOf, MeshIndex } from './mesh-index';
import { OutboundMode, refName } from './objects';
import { effectiveMtls, MtlsMode } from './peer-authentication';
import { ServiceEntryConfig } from './service-entry';
import { importingEgressHost, sidecarFor } from './sidecar';
import { appliesToSidecars, VirtualServiceConfig } from './virtual-service';
import { HttpRouteConfig } from './http-route';
import { Identity, Workload } from './workloads';
import { wildcardMatches } from './value-match';

/** How many workloads of a namespace are in each state, and what they admit. */
export interface NamespaceSummary {
  readonly namespace: string;
  readonly workloads: number;
  readonly services: number;
  /**
   * Hosts of the namespace's VirtualServices for in-mesh calls and Services its HTTPRoutes attach to, and how their
   * routes (HTTPRoute: rules) split traffic.
   */
  readonly routing: {
    readonly hosts: number;
    /** Routes that split traffic by weight over two or more destinations. */
    readonly weightedSplits: number;
    /** Routes with a match (header, query, cookie, path, source...). */
    readonly ruleRoutes: number;
    readonly faults: number;
    readonly mirrors: number;
  };
  /** Workloads by the mTLS mode they accept. */
  readonly mtls: Readonly<Partial<Record<MtlsMode, number>>>;
  readonly access: {
    /** Workloads that an ALLOW policy selects: callers no rule admits are denied. */
    readonly denyByDefault: number;
    /** Workloads that a caller no policy names may call (no ALLOW policy, or one that admits any identity). */
    readonly openToAnyCaller: number;
    /** Workloads that accept plaintext callers (mTLS not STRICT, and no policy denies them). */
    readonly plaintextAllowed: number;
    /** Caller identities allowed in, summed over the workloads (any request). */
    readonly grants: number;
    /** Caller identities allowed for some requests only, summed over the workloads. */
    readonly conditionalGrants: number;
  };
  readonly egress: {
    /** Workloads by the outbound mode their Sidecar (or the mesh) gives them. */
    readonly modes: Readonly<Partial<Record<OutboundMode, number>>>;
    /** External hosts (ServiceEntry hosts) that some workload of the namespace may reach under REGISTRY_ONLY. */
    readonly externalHosts: readonly string[];
  };
}

/** The summary of a mesh. */
export interface MeshSummary {
  readonly totals: {
    readonly namespaces: number;
    readonly workloads: number;
    readonly services: number;
    readonly identities: number;
    readonly virtualServices: number;
    /** HTTPRoutes (gateway.networking.k8s.io); absent when there are none. */
    readonly httpRoutes?: number;
    readonly authorizationPolicies: number;
    readonly serviceEntries: number;
    readonly gateways: number;
  };
  readonly namespaces: readonly NamespaceSummary[];
  /** What needs a look: workloads open to any caller or to plaintext, ALLOW_ANY egress. */
  readonly findings: readonly string[];
}

/** A principal no policy of the mesh can name, standing for every caller that no rule names. */
const UNNAMED_NAMESPACE = 'meshlight-explain-unnamed-caller';

/** Summarises `mesh`: per namespace and in total. */
export function summariseMesh(mesh: Mesh): MeshSummary {
  const index = indexOf(mesh);
  const findings: string[] = [];
  const namespaces = new Set<string>([...index.namespaces, ...mesh.services.map((s) => s.namespace), ...mesh.virtualServices.map((v) => v.namespace)]);
  const externalHostsOf = externalHostsResolver(mesh);
  const servicesIn = countBy(mesh.services.map((s) => s.namespace));
  const routesIn = groupBy(mesh.virtualServices.filter(appliesToSidecars), (v) => v.namespace);
  const httpRoutesIn = groupBy(mesh.httpRoutes.filter((r) => r.parents.some((p) => p.kind === 'Service')), (r) => r.namespace);
  const summaries = [...namespaces].sort(compareText).map((namespace): NamespaceSummary => {
    const workloads = index.workloadsIn(namespace);
    const mtls: Partial<Record<MtlsMode, number>> = {};
    const modes: Partial<Record<OutboundMode, number>> = {};
    const externalHosts = new Set<string>();
    const access = { denyByDefault: 0, openToAnyCaller: 0, plaintextAllowed: 0, grants: 0, conditionalGrants: 0 };
    const open: string[] = [];
    const plaintext: string[] = [];
    const allowAny: string[] = [];
    for (const w of workloads) {
      const mode = effectiveMtls(w, index.peerAuthenticationsFor(namespace), mesh.options).mode;
      mtls[mode] = (mtls[mode] ?? 0) + 1;
      const a = workloadAccess(mesh, w);
      if (a.denyByDefault) access.denyByDefault++;
      access.grants += a.grants;
      access.conditionalGrants += a.conditionalGrants;
      if (a.openToAnyCaller) {
        access.openToAnyCaller++;
        open.push(refName(w));
      }
      if (a.plaintextAllowed) {
        access.plaintextAllowed++;
        plaintext.push(refName(w));
      }
      if (!w.hasSidecar) continue;
      const sidecar = sidecarFor(namespace, w.labels, index.sidecarsFor(namespace), mesh.options).sidecar;
      const outbound = sidecar?.outboundMode ?? mesh.options.outboundTrafficPolicy;
      modes[outbound] = (modes[outbound] ?? 0) + 1;
      if (outbound === 'ALLOW_ANY') allowAny.push(refName(w));
      else for (const h of externalHostsOf(namespace, sidecar?.egressHosts)) externalHosts.add(h);
    }
    if (open.length > 0) findings.push(`${namespace}: ${countOf(open.length, 'workload')} open to callers no policy names: ${listed(open)}`);
    if (plaintext.length > 0) findings.push(`${namespace}: ${countOf(plaintext.length, 'workload')} accept plaintext callers: ${listed(plaintext)}`);
    if (allowAny.length > 0) findings.push(`${namespace}: ${countOf(allowAny.length, 'workload')} may reach any external host (ALLOW_ANY): ${listed(allowAny)}`);
    return {
      namespace,
      workloads: workloads.length,
      services: servicesIn.get(namespace) ?? 0,
      routing: routingOf(routesIn.get(namespace) ?? [], httpRoutesIn.get(namespace) ?? [], mesh.options.clusterDomain),
      mtls,
      access,
      egress: { modes, externalHosts: [...externalHosts].sort(compareText) },
    };
  });
  return {
    totals: {
      namespaces: summaries.length,
      workloads: mesh.workloads.length,
      services: mesh.services.length,
      identities: mesh.identities.length,
      virtualServices: mesh.virtualServices.length,
      ...(mesh.httpRoutes.length === 0 ? {} : { httpRoutes: mesh.httpRoutes.length }),
      authorizationPolicies: mesh.authorizationPolicies.length,
      serviceEntries: mesh.serviceEntries.length,
      gateways: mesh.gateways.length,
    },
    namespaces: summaries,
    findings,
  };
}

/** Who may call one workload, for any request. */
export interface WorkloadAccess {
  /** An enforced ALLOW policy selects it: callers no rule admits are denied. */
  readonly denyByDefault: boolean;
  /** Identities of the mesh that the policies name and that are allowed in for any request. */
  readonly grants: number;
  /** Identities of the mesh that the policies name and that are allowed in for some requests only. */
  readonly conditionalGrants: number;
  /** A caller that no policy names is not always denied (so every such identity may call, at least sometimes). */
  readonly openToAnyCaller: boolean;
  /** A caller without mTLS is not always denied. */
  readonly plaintextAllowed: boolean;
}

/**
 * Who may call `workload`, from the identities its policies name (by principal, namespace or service account) and
 * one caller no policy names, which stands for every other identity: a rule that admits it admits them all, and one
 * that does not cannot tell them apart. Linear in the policies that apply, not in the identities of the mesh.
 */
export function workloadAccess(mesh: Mesh, workload: Workload): WorkloadAccess {
  const index = indexOf(mesh);
  let grants = 0;
  let conditionalGrants = 0;
  for (const caller of namedCallers(enforcedPolicies(mesh, workload), index)) {
    const decision = decideAccess(mesh, caller, workload).decision;
    if (decision === 'allowed') grants++;
    else if (decision === 'depends') conditionalGrants++;
  }
  const unnamed: Identity = { namespace: UNNAMED_NAMESPACE, serviceAccount: 'any', principal: `${mesh.options.trustDomain}/ns/${UNNAMED_NAMESPACE}/sa/any` };
  return {
    denyByDefault: enforcedPolicies(mesh, workload).some((p) => p.action === 'ALLOW'),
    grants,
    conditionalGrants,
    openToAnyCaller: decideAccess(mesh, unnamed, workload).decision !== 'denied',
    plaintextAllowed: decideAccess(mesh, undefined, workload).decision !== 'denied',
  };
}

/** The enforced (not dry-run, not AUDIT) AuthorizationPolicies of `workload`. */
function enforcedPolicies(mesh: Mesh, workload: Workload): AuthorizationPolicyConfig[] {
  return indexOf(mesh).policiesFor(workload.namespace).filter((p) => p.action !== 'AUDIT' && !p.dryRun && policyAppliesTo(p, workload, mesh.options));
}

/** The identities of the mesh that the rules of the policies applying to `workload` name (dry-run ones included). */
export function namedCallersOf(mesh: Mesh, workload: Workload): Identity[] {
  const policies = indexOf(mesh).policiesFor(workload.namespace).filter((p) => p.action !== 'AUDIT' && policyAppliesTo(p, workload, mesh.options));
  return namedCallers(policies, indexOf(mesh));
}

/** The identities the rules of `policies` name: by principal, by namespace or by service account. */
function namedCallers(policies: readonly AuthorizationPolicyConfig[], index: MeshIndex): Identity[] {
  const named = new Map<string, Identity>();
  const add = (identity: Identity | undefined) => { if (identity !== undefined) named.set(identity.principal, identity); };
  const principals = (values: readonly string[]) => {
    for (const principal of values) {
      const plain = principal.replace(/^spiffe:\/\//, '');
      if (!plain.includes('*')) add(index.identityOf(plain));
      else {
        // A pattern: the identities it matches, among those of the namespace it names when it names one.
        const ns = /\/ns\/([^/*]+)\//.exec(plain)?.[1];
        (ns === undefined ? index.identities : index.identitiesIn(ns)).filter((i) => wildcardMatches(plain, i.principal)).forEach(add);
      }
    }
  };
  const namespaces = (values: readonly string[]) => {
    for (const namespace of values) {
      const matching = namespace.includes('*') ? index.namespaces.filter((ns) => wildcardMatches(namespace, ns)) : [namespace];
      matching.forEach((ns) => index.identitiesIn(ns).forEach(add));
    }
  };
  const serviceAccounts = (values: readonly string[]) => {
    for (const account of values) {
      const [ns, sa] = account.split('/');
      if (sa !== undefined) add(index.identitiesIn(ns).find((i) => i.serviceAccount === sa));
    }
  };
  // An identity a rule names, for or against it (`notPrincipals`: everyone but it), may be treated otherwise than
  // the unnamed caller, so it is asked about on its own.
  for (const rule of policies.flatMap((p) => p.rules)) {
    for (const source of rule.from) {
      principals([...source.principals ?? [], ...source.notPrincipals ?? []]);
      namespaces([...source.namespaces ?? [], ...source.notNamespaces ?? []]);
      serviceAccounts([...source.serviceAccounts ?? [], ...source.notServiceAccounts ?? []]);
    }
    for (const condition of rule.when) {
      const values = [...condition.values, ...condition.notValues];
      if (condition.key === 'source.principal') principals(values);
      else if (condition.key === 'source.namespace') namespaces(values);
    }
  }
  return [...named.values()];
}

/** How a namespace's VirtualServices for in-mesh calls and its HTTPRoutes of Services (GAMMA) route. */
function routingOf(services: readonly VirtualServiceConfig[], httpRoutes: readonly HttpRouteConfig[], clusterDomain: string): NamespaceSummary['routing'] {
  const routes = services.flatMap((v) => v.http);
  const rules = httpRoutes.flatMap((r) => r.rules);
  const isDefaultMatch = (rule: HttpRouteConfig['rules'][number]): boolean => rule.matches.length === 1 && rule.matches[0].path.type === 'PathPrefix'
    && rule.matches[0].path.value === '/' && rule.matches[0].method === undefined && rule.matches[0].headers.length === 0 && rule.matches[0].queryParams.length === 0;
  const routeHosts = httpRoutes.flatMap((r) => r.parents.filter((p) => p.kind === 'Service').map((p) => `${p.name}.${p.namespace}.svc.${clusterDomain}`));
  return {
    hosts: new Set([...services.flatMap((v) => v.hosts), ...routeHosts]).size,
    weightedSplits: routes.filter((r) => r.destinations.length > 1).length + rules.filter((r) => r.backends.filter((b) => b.weight > 0).length > 1).length,
    ruleRoutes: routes.filter((r) => r.matches.length > 0).length + rules.filter((r) => !isDefaultMatch(r)).length,
    faults: routes.filter((r) => r.fault !== undefined).length,
    mirrors: routes.filter((r) => r.mirror !== undefined).length + rules.filter((r) => r.mirrors.length > 0).length,
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/**
 * The external hosts a Sidecar's egress hosts import for a workload of a namespace (all visible ones without an
 * egress list): ServiceEntry hosts, looked up by host where the entry names one, and cached per entry and namespace
 * where it is a pattern, so that a mesh of many Sidecars is not read once per Sidecar.
 */
function externalHostsResolver(mesh: Mesh): (namespace: string, egressHosts: readonly string[] | undefined) => readonly string[] {
  const external = mesh.serviceEntries.filter((se) => se.location === 'MESH_EXTERNAL');
  const byHost = new Map<string, ServiceEntryConfig[]>();
  for (const se of external) for (const h of se.hosts) byHost.set(h, [...(byHost.get(h) ?? []), se]);
  const cache = new Map<string, readonly string[]>();
  const visible = (se: ServiceEntryConfig, namespace: string) => isExportedTo(se.exportTo, se.namespace, namespace);
  const importedBy = (entry: string, namespace: string): readonly string[] => {
    const key = `${entry}\n${namespace}`;
    let hosts = cache.get(key);
    if (hosts === undefined) {
      // Whether the entry imports a host is the Sidecar's rule (importingEgressHost); the index only narrows the candidates.
      const dns = entry.slice(entry.indexOf('/') + 1).toLowerCase();
      const candidates = dns.includes('*') ? external : byHost.get(dns) ?? [];
      hosts = candidates.filter((se) => visible(se, namespace))
        .flatMap((se) => se.hosts.filter((h) => importingEgressHost([entry], namespace, se.namespace, h) !== undefined));
      cache.set(key, hosts);
    }
    return hosts;
  };
  return (namespace, egressHosts) => {
    if (egressHosts === undefined) return importedBy('*/*', namespace);
    return egressHosts.flatMap((entry) => importedBy(entry, namespace));
  };
}

function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Up to five names, then how many more. */
function listed(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

