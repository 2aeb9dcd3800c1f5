import { compareText } from '../core/internal';
import { AccessMatrix, explainAccess } from './access';
import { UnknownNameError } from './check';
import { EdgeExplanation, explainEdge } from './edge';
import { EgressEntry, explainEgress } from './egress';
import { shortHost } from './hosts';
import { Mesh } from './mesh';
import { explainServiceEntries, ServiceEntryInfo } from './service-entry';
import { indexOf } from './mesh-index';
import { refName } from './objects';
import { namedCallersOf } from './summary';
import { explainTraffic, ServiceTraffic } from './traffic';
import { Identity, identityName, Workload, workloadsOfService } from './workloads';

/**
 * What a mesh config does before it is deployed: how each service's requests are routed, who may call whom, and
 * what may leave the mesh. Plain data in a stable order, rendered as text, mermaid or JSON.
 */
export interface Explanation {
  readonly traffic: readonly ServiceTraffic[];
  readonly access: AccessMatrix;
  readonly egress: readonly EgressEntry[];
  /** The ServiceEntries: hosts added to the registry, their ports, resolution and who sees them. */
  readonly serviceEntries: readonly ServiceEntryInfo[];
  /** The edge: each Gateway, its servers, the routes bound to it, its login and policies. */
  readonly edge: EdgeExplanation;
  /** Caveats about the input as a whole (objects not evaluated, conflicting configs). */
  readonly notes: readonly string[];
}

/** Explains a mesh: routes per service, the access matrix and the egress table. */
export function explainMesh(mesh: Mesh): Explanation {
  return {
    traffic: explainTraffic(mesh),
    access: explainAccess(mesh),
    egress: explainEgress(mesh),
    serviceEntries: explainServiceEntries(mesh),
    edge: explainEdge(mesh),
    notes: [...mesh.notes],
  };
}

/**
 * The part of a mesh to explain in detail; every field narrows it (all given must hold). Callers of a scoped access
 * table are those that matter to its targets: the identities of their namespaces and those their policies name, plus
 * a plaintext caller.
 */
export interface ExplainScope {
  /** Namespaces: their hosts' routes, their workloads as targets and callers, their egress. */
  readonly namespaces?: readonly string[];
  /** A host: `name` (any namespace), `name.namespace`, or the full host; its routes and its workloads as targets. */
  readonly service?: string;
  /** A caller, `namespace/sa/name` or `namespace/workload`: its row of the access table and its egress. */
  readonly caller?: string;
  /** A target workload, `namespace/name`: its column of the access table and its egress. */
  readonly target?: string;
}

/** Explains the part of `mesh` that `scope` names, in the same detail as explainMesh. Throws UnknownNameError for a name the mesh lacks. */
export function explainScope(mesh: Mesh, scope: ExplainScope): Explanation {
  const { clusterDomain } = mesh.options;
  const namespaces = scope.namespaces === undefined ? undefined : new Set(scope.namespaces);
  if (namespaces !== undefined) {
    const known = new Set([...mesh.workloads, ...mesh.services, ...mesh.virtualServices].map((o) => o.namespace));
    const unknown = [...namespaces].filter((ns) => !known.has(ns));
    if (unknown.length > 0) throw new UnknownNameError(`no namespace ${unknown.map((ns) => JSON.stringify(ns)).join(', ')} in the input. Fix: --in takes a namespace of the input: ${[...known].sort(compareText).join(', ') || '(none)'}`);
  }
  const inScope = (namespace: string) => namespaces === undefined || namespaces.has(namespace);
  const services = scope.service === undefined ? undefined : mesh.services.filter((s) => serviceNames(scope.service!, s.host, clusterDomain));
  if (services !== undefined && services.length === 0 && !mesh.virtualServices.some((v) => v.hosts.includes(scope.service!.toLowerCase()))) {
    throw new UnknownNameError(`no Service ${JSON.stringify(scope.service)} in the input. Fix: --service takes a Service name, name.namespace or a full host: ${mesh.services.map((s) => shortHost(s.host, clusterDomain)).join(', ') || '(none)'}`);
  }
  const caller = scope.caller === undefined ? undefined : callerOf(mesh, scope.caller);
  if (scope.target !== undefined && !mesh.workloads.some((w) => refName(w) === scope.target)) {
    throw new UnknownNameError(`no workload ${JSON.stringify(scope.target)} in the input. Fix: --target takes namespace/workload: ${mesh.workloads.map(refName).join(', ') || '(none)'}`);
  }

  // Routes: of the hosts in scope, unless the scope is a caller or a target (whose rows and columns are access's).
  const traffic = caller !== undefined || scope.target !== undefined ? [] : explainTraffic(mesh).filter((t) => {
    const namespace = (t.service ?? t.virtualService ?? '/').split('/')[0];
    return inScope(namespace) && (scope.service === undefined || t.host === scope.service.toLowerCase() || services!.some((s) => s.host === t.host));
  });
  const behindServices = services === undefined ? undefined : new Set(services.flatMap((s) => workloadsOfService(s, indexOf(mesh).workloadsIn(s.namespace))));
  const targets = new Set(mesh.workloads.filter((w) => inScope(w.namespace)
    && (scope.target === undefined || refName(w) === scope.target)
    && (behindServices === undefined || behindServices.has(w))));
  // Callers: the one asked for, or those that matter to the targets (and a plaintext caller).
  const callers = new Set<string | undefined>([undefined]);
  if (caller !== undefined) {
    callers.clear();
    callers.add(caller.identity.principal);
  } else {
    const index = indexOf(mesh);
    for (const t of targets) {
      index.identitiesIn(t.namespace).forEach((i) => callers.add(i.principal));
      namedCallersOf(mesh, t).forEach((i) => callers.add(i.principal));
    }
  }
  const access = explainAccess(mesh, { callers: (c) => callers.has(c?.principal), targets: (t) => targets.has(t) });
  // Egress: of the caller's workloads, or of the targets.
  const egressOf = caller === undefined ? targets : new Set(caller.workloads);
  const egress = egressOf.size === 0 ? [] : explainEgress({ ...mesh, workloads: mesh.workloads.filter((w) => egressOf.has(w)) });
  // The edge: the Gateways of the namespaces in scope, and those whose routes a VirtualService there binds.
  const fullEdge = namespaces === undefined ? undefined : explainEdge(mesh);
  const edge: EdgeExplanation = fullEdge === undefined ? { gateways: [], notes: [] } : {
    gateways: fullEdge.gateways.filter((g) => inScope(g.gateway.split('/')[0]) || g.virtualServices.some((v) => inScope(v.virtualService.split('/')[0]))),
    notes: fullEdge.notes,
  };
  const serviceEntries = caller !== undefined || scope.target !== undefined || scope.service !== undefined ? []
    : explainServiceEntries(mesh).filter((se) => inScope(se.serviceEntry.split('/')[0]));
  return { traffic, access, egress, serviceEntries, edge, notes: [...mesh.notes] };
}

/** Whether `service` (`name`, `name.namespace` or a full host) names the Service host `host`. */
function serviceNames(service: string, host: string, clusterDomain: string): boolean {
  const name = service.toLowerCase();
  const suffix = `.svc.${clusterDomain}`;
  if (host === name) return true;
  if (!host.endsWith(suffix)) return false;
  const short = host.slice(0, -suffix.length);
  return short === name || short.slice(0, short.indexOf('.')) === name;
}

/** A caller given as `namespace/sa/name` or `namespace/workload`: its identity and the workloads that run as it (or the one named). */
function callerOf(mesh: Mesh, caller: string): { identity: Identity; workloads: readonly Workload[] } {
  const identity = mesh.identities.find((i) => identityName(i) === caller);
  if (identity !== undefined) return { identity, workloads: mesh.workloads.filter((w) => w.principal === identity.principal) };
  const workload = mesh.workloads.find((w) => refName(w) === caller);
  const found = workload === undefined ? undefined : mesh.identities.find((i) => i.principal === workload.principal);
  if (workload === undefined || found === undefined) {
    throw new UnknownNameError(`no caller ${JSON.stringify(caller)} in the input. Fix: --caller takes namespace/workload or namespace/sa/name. Known workloads: ${mesh.workloads.map(refName).join(', ') || '(none)'}. Known identities: ${mesh.identities.map(identityName).join(', ') || '(none)'}`);
  }
  return { identity: found, workloads: [workload] };
}
