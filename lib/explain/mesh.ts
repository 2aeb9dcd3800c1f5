import { compareText } from '../core/internal';
import { AuthorizationPolicyConfig, readAuthorizationPolicy } from './authorization-policy';
import { DestinationRuleConfig, readDestinationRule } from './destination-rule';
import { byRef, DEFAULT_MESH_OPTIONS, inFile, MeshOptions, readObject, refName } from './objects';
import { PeerAuthenticationConfig, readPeerAuthentication } from './peer-authentication';
import { readServiceEntry, ServiceEntryConfig } from './service-entry';
import { readSidecar, SidecarConfig } from './sidecar';
import { describeSource, ExplainInputError, isRecord, ManifestSource, SourcedManifest } from './source';
import { unevaluatedFields } from './unevaluated-fields';
import { appliesToSidecars, readVirtualService, VirtualServiceConfig } from './virtual-service';
import { EnvoyFilterConfig, readEnvoyFilter } from './envoy-filter';
import { GatewayConfig, readGateway } from './gateway';
import { GATEWAY_API_GROUP, HttpRouteConfig, readHttpRoute } from './http-route';
import { isWaypoint, KubeGatewayConfig, readKubeGateway } from './gateway-api';
import { readRequestAuthentication, RequestAuthenticationConfig } from './request-authentication';
import {
  Identity, identityName, KubeService, principalOf, readService, readServiceAccount, readWorkload, Workload, WORKLOAD_KINDS,
} from './workloads';

/**
 * Everything meshlight explain knows about a mesh: the objects of the input, read into typed configs, and the
 * options that say what the input does not.
 */
export interface Mesh {
  readonly options: MeshOptions;
  readonly workloads: readonly Workload[];
  readonly services: readonly KubeService[];
  /**
   * Caller identities: the service accounts of the workloads, the ServiceAccount objects, and the principals that
   * AuthorizationPolicies name exactly (such as an ingress gateway's).
   */
  readonly identities: readonly Identity[];
  readonly destinationRules: readonly DestinationRuleConfig[];
  readonly virtualServices: readonly VirtualServiceConfig[];
  readonly authorizationPolicies: readonly AuthorizationPolicyConfig[];
  readonly peerAuthentications: readonly PeerAuthenticationConfig[];
  readonly sidecars: readonly SidecarConfig[];
  readonly serviceEntries: readonly ServiceEntryConfig[];
  /** Gateways (networking.istio.io), explained with the edge. */
  readonly gateways: readonly GatewayConfig[];
  /** HTTPRoutes (gateway.networking.k8s.io): mesh routes of Services (GAMMA), and routes of Gateway API Gateways. */
  readonly httpRoutes: readonly HttpRouteConfig[];
  /** Gateways of the Gateway API (gateway.networking.k8s.io): ingress gateways (check --via) and waypoints. */
  readonly kubeGateways: readonly KubeGatewayConfig[];
  /** The labels of the Namespace objects of the input (`istio.io/dataplane-mode`, `istio.io/use-waypoint`), by name. */
  readonly namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly requestAuthentications: readonly RequestAuthenticationConfig[];
  /** EnvoyFilters: their CSRF filter is evaluated at gateways, other patches are listed in `notes`. */
  readonly envoyFilters: readonly EnvoyFilterConfig[];
  /** What the input holds that meshlight explain does not evaluate, and other caveats, one sentence each. */
  readonly notes: readonly string[];
}

const ISTIO_NETWORKING = 'networking.istio.io';
const ISTIO_SECURITY = 'security.istio.io';

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * The manifests that `kubectl apply` of the whole input leaves in the cluster: of several with the same group, kind,
 * namespace and name, the last in reading order (files in the order given, documents in order). A note names each
 * replaced one and its file.
 */
function lastOfEach(manifests: readonly SourcedManifest[], options: MeshOptions, notes: string[]): Set<SourcedManifest> {
  const byKey = new Map<string, SourcedManifest[]>();
  for (const m of manifests) {
    const meta = isRecord(m.object.metadata) ? m.object.metadata : {};
    if (typeof meta.name !== 'string') {
      continue; // the object's reader reports it
    }
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : options.defaultNamespace;
    const key = JSON.stringify([groupOf(m.apiVersion), m.kind, namespace, meta.name]);
    byKey.set(key, [...byKey.get(key) ?? [], m]);
  }
  const kept = new Set(manifests);
  for (const [key, same] of byKey) {
    const [, kind, namespace, name] = JSON.parse(key) as string[];
    const last = same[same.length - 1];
    for (const replaced of same.slice(0, -1)) {
      const where = (m: SourcedManifest): string => (replaced.source.file === last.source.file ? describeSource(m.source) : m.source.file);
      notes.push(`${kind} ${namespace}/${name} in ${where(last)} replaces the one in ${where(replaced)}, as kubectl apply would`);
      kept.delete(replaced);
    }
  }
  return kept;
}

/**
 * Reads manifests into a Mesh. Of objects with the same kind, namespace and name only the last is kept (lastOfEach).
 * Objects of kinds it does not evaluate are listed in `notes`. Throws ExplainInputError
 * naming the file, document, object, field and value of every field of the wrong type.
 */
export function buildMesh(manifests: readonly SourcedManifest[], options: Partial<MeshOptions> = {}): Mesh {
  const opts: MeshOptions = { ...DEFAULT_MESH_OPTIONS, ...options };
  const problems: string[] = [];
  const notes: string[] = [];
  const workloads: Workload[] = [];
  const services: KubeService[] = [];
  const accounts: Identity[] = [];
  const destinationRules: DestinationRuleConfig[] = [];
  const virtualServices: VirtualServiceConfig[] = [];
  const authorizationPolicies: AuthorizationPolicyConfig[] = [];
  const peerAuthentications: PeerAuthenticationConfig[] = [];
  const sidecars: SidecarConfig[] = [];
  const serviceEntries: ServiceEntryConfig[] = [];
  const gateways: GatewayConfig[] = [];
  const httpRoutes: HttpRouteConfig[] = [];
  const kubeGateways: KubeGatewayConfig[] = [];
  const namespaceLabels: Record<string, Record<string, string>> = {};
  const requestAuthentications: RequestAuthenticationConfig[] = [];
  const envoyFilters: EnvoyFilterConfig[] = [];

  const kept = lastOfEach(manifests, opts, notes);
  for (const m of manifests) {
    const group = groupOf(m.apiVersion);
    if ((WORKLOAD_KINDS as readonly string[]).includes(m.kind) && (group === 'apps' || (m.kind === 'Pod' && group === ''))) {
      workloads.push(readWorkload(m, opts, problems));
    } else if (group === '' && m.kind === 'Service') {
      services.push(readService(m, opts, problems));
    } else if (group === '' && m.kind === 'Namespace') {
      const { ref, reader } = readObject(m, opts, problems);
      const meta = reader.record(m.object.metadata, 'metadata') ?? {};
      namespaceLabels[ref.name] = reader.stringMap(meta.labels, 'metadata.labels') ?? {};
    } else if (group === '' && m.kind === 'ServiceAccount') {
      accounts.push(readServiceAccount(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'DestinationRule') {
      destinationRules.push(readDestinationRule(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'VirtualService') {
      virtualServices.push(readVirtualService(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'Sidecar') {
      sidecars.push(readSidecar(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'ServiceEntry') {
      serviceEntries.push(readServiceEntry(m, opts, problems));
    } else if (group === ISTIO_SECURITY && m.kind === 'AuthorizationPolicy') {
      authorizationPolicies.push(readAuthorizationPolicy(m, opts, problems));
    } else if (group === ISTIO_SECURITY && m.kind === 'PeerAuthentication') {
      peerAuthentications.push(readPeerAuthentication(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'Gateway') {
      gateways.push(readGateway(m, opts, problems));
    } else if (group === GATEWAY_API_GROUP && m.kind === 'HTTPRoute') {
      httpRoutes.push(readHttpRoute(m, opts, problems));
    } else if (group === GATEWAY_API_GROUP && m.kind === 'Gateway') {
      const gateway = readKubeGateway(m, opts, problems);
      kubeGateways.push(gateway);
      if (kept.has(m)) {
        notes.push(isWaypoint(gateway)
          ? `Gateway ${refName(gateway)} (${describeSource(m.source)}) is a waypoint (class istio-waypoint): check and the access table evaluate the AuthorizationPolicies that target it with the caller's identity, then the pods' own with the waypoint's; HTTPRoutes of Services are evaluated as at sidecars`
          : `Gateway ${refName(gateway)} (${describeSource(m.source)}) of class ${gateway.gatewayClassName || '(none)'} is explained by check --via ${refName(gateway)}, not in EDGE`);
      }
    } else if (group === ISTIO_SECURITY && m.kind === 'RequestAuthentication') {
      requestAuthentications.push(readRequestAuthentication(m, opts, problems));
    } else if (group === ISTIO_NETWORKING && m.kind === 'EnvoyFilter') {
      const filter = readEnvoyFilter(m, opts, problems);
      envoyFilters.push(filter);
      if (filter.otherPatches.length > 0 && kept.has(m)) {
        notes.push(`EnvoyFilter ${refName(filter)} (${describeSource(m.source)}) patches ${filter.otherPatches.join(', ')}: not evaluated by meshlight explain (only Envoy's CSRF filter is)`);
      }
    } else if (group === ISTIO_NETWORKING || group === ISTIO_SECURITY || group.endsWith('.istio.io') || group === GATEWAY_API_GROUP) {
      const { ref } = readObject(m, opts, problems);
      if (kept.has(m)) notes.push(`${m.kind} ${refName(ref)} (${describeSource(m.source)}) is not evaluated by meshlight explain`);
    }
  }
  if (problems.length > 0) {
    throw new ExplainInputError(problems);
  }
  // Replaced objects are read too, so that their problems are reported, and then dropped (in place: inputs are large).
  if (kept.size < manifests.length) {
    const keptSources = new Set([...kept].map((m) => m.source));
    for (const list of [workloads, services, destinationRules, virtualServices, authorizationPolicies, peerAuthentications, sidecars, serviceEntries, gateways, httpRoutes, kubeGateways, requestAuthentications, envoyFilters] as { source: ManifestSource }[][]) {
      let n = 0;
      for (const x of list) {
        if (keptSources.has(x.source)) list[n++] = x;
      }
      list.length = n;
    }
  }
  const manifestOf = new Map(manifests.map((m) => [m.source, m]));
  for (const o of [...destinationRules, ...virtualServices, ...sidecars, ...serviceEntries]) {
    const fields = unevaluatedFields(manifestOf.get(o.source)!);
    if (fields.length > 0) {
      notes.push(`${o.kind} ${refName(o)} uses what meshlight explain does not evaluate: ${fields.join('; ')}${inFile(o)}`);
    }
  }

  for (const vs of virtualServices) {
    if (!appliesToSidecars(vs)) {
      notes.push(`VirtualService ${refName(vs)} applies only to gateways ${vs.gateways.join(', ')}: explained at the edge (EDGE, check --via), not for in-mesh calls${inFile(vs)}`);
    }
    if (vs.otherRoutes > 0) {
      notes.push(`VirtualService ${refName(vs)} has ${vs.otherRoutes} tcp/tls route(s): only http routes are explained${inFile(vs)}`);
    }
    vs.writtenHosts.forEach((written, i) => {
      const parts = written.split('.');
      if (parts.length === 2 && services.some((s) => s.name === parts[0] && s.namespace === parts[1])) {
        notes.push(`VirtualService ${refName(vs)} host ${JSON.stringify(written)} is taken literally by Istio, so it does not apply to Service ${parts[1]}/${parts[0]}; write ${JSON.stringify(vs.hosts[i] + '.svc.' + opts.clusterDomain)} or the short name${inFile(vs)}`);
      }
    });
  }
  notes.push(...httpRouteNotes(httpRoutes, virtualServices, services, kubeGateways));
  for (const p of authorizationPolicies) {
    const atWaypoint = p.targetRefs.length > 0 && p.targetRefs.every((t) => t.kind === 'Service'
      || (t.kind === 'Gateway' && kubeGateways.some((g) => isWaypoint(g) && g.namespace === p.namespace && g.name === t.name))
      || (t.kind === 'GatewayClass' && t.name === 'istio-waypoint' && p.namespace === opts.rootNamespace));
    if (atWaypoint) {
      notes.push(`AuthorizationPolicy ${refName(p)} targets waypoints or Services: check evaluates it at the waypoint of Services that use one (istio.io/use-waypoint), and so does the access table${inFile(p)}`);
    } else if (p.hasTargetRefs) {
      notes.push(`AuthorizationPolicy ${refName(p)} uses targetRefs (gateways or waypoints): it applies to no sidecar and is not evaluated${inFile(p)}`);
    }
    if (p.action === 'AUDIT') {
      notes.push(`AuthorizationPolicy ${refName(p)} is AUDIT: it only marks requests for logging and never allows or denies${inFile(p)}`);
    }
  }
  for (const p of peerAuthentications) {
    if (p.namespace === opts.rootNamespace && p.selector !== undefined) {
      notes.push(`PeerAuthentication ${refName(p)} has a selector in the root namespace: Istio ignores it there${inFile(p)}`);
    }
  }

  return {
    options: opts,
    workloads: workloads.sort(byRef),
    services: services.sort(byRef),
    identities: identitiesOf(workloads, accounts, authorizationPolicies, opts),
    destinationRules: destinationRules.sort(byRef),
    virtualServices: virtualServices.sort(byRef),
    authorizationPolicies: authorizationPolicies.sort(byRef),
    peerAuthentications: peerAuthentications.sort(byRef),
    sidecars: sidecars.sort(byRef),
    serviceEntries: serviceEntries.sort(byRef),
    gateways: gateways.sort(byRef),
    httpRoutes: httpRoutes.sort(byRef),
    kubeGateways: kubeGateways.sort(byRef),
    namespaceLabels,
    requestAuthentications: requestAuthentications.sort(byRef),
    envoyFilters: envoyFilters.sort(byRef),
    notes,
  };
}

/**
 * What HTTPRoutes do that meshlight explain does not follow, and what Istio leaves undefined: a VirtualService and
 * an HTTPRoute for the same Service, parents the input lacks or of other kinds, consumer routes, filters not
 * evaluated, backends of other kinds, namespaces (ReferenceGrant) or missing.
 */
function httpRouteNotes(httpRoutes: readonly HttpRouteConfig[], virtualServices: readonly VirtualServiceConfig[], services: readonly KubeService[],
  kubeGateways: readonly KubeGatewayConfig[]): string[] {
  const notes: string[] = [];
  for (const r of [...httpRoutes].sort(byRef)) {
    for (const p of r.parents.filter((x) => x.kind === 'Service')) {
      const service = services.find((s) => s.namespace === p.namespace && s.name === p.name);
      if (service === undefined) {
        notes.push(`HTTPRoute ${refName(r)} attaches to Service ${p.namespace}/${p.name}, which the input does not have${inFile(r)}`);
        continue;
      }
      const vs = virtualServices.filter((v) => appliesToSidecars(v) && v.hosts.includes(service.host));
      if (vs.length > 0) {
        notes.push(`HTTPRoute ${refName(r)} and VirtualService ${vs.map(refName).join(', ')} both route ${service.host}: Istio's precedence between them is undefined; meshlight explain follows the HTTPRoute${inFile(r)}`);
      }
      if (r.namespace !== service.namespace) {
        notes.push(`HTTPRoute ${refName(r)} is a consumer route of Service ${refName(service)}: it applies only to callers in namespace ${r.namespace}, instead of the Service's own (producer) routes${inFile(r)}`);
      }
    }
    for (const p of r.parents.filter((x) => x.kind === 'Gateway' && !kubeGateways.some((g) => g.namespace === x.namespace && g.name === x.name))) {
      notes.push(`HTTPRoute ${refName(r)} attaches to Gateway ${p.namespace}/${p.name}, which the input does not have (a Gateway of the Gateway API, not an Istio Gateway)${inFile(r)}`);
    }
    for (const p of r.parents.filter((x) => x.kind.endsWith('/Service'))) {
      notes.push(`HTTPRoute ${refName(r)} attaches to ${p.kind} ${p.namespace}/${p.name}, which is no Service: write group: "" in the parentRef for the core Service${inFile(r)}`);
    }
    for (const p of r.parents.filter((x) => x.kind !== 'Service' && x.kind !== 'Gateway' && !x.kind.endsWith('/Service'))) {
      notes.push(`HTTPRoute ${refName(r)} attaches to ${p.kind} ${p.namespace}/${p.name}: only Service and Gateway parents are evaluated${inFile(r)}`);
    }
    for (const rule of r.rules) {
      if (rule.otherFilters.length > 0) {
        notes.push(`HTTPRoute ${refName(r)} rule ${rule.position} has filters ${rule.otherFilters.join(', ')}: not evaluated by meshlight explain${inFile(r)}`);
      }
      for (const b of [...rule.backends, ...rule.mirrors.map((m) => m.backend)]) {
        if (b.kind !== 'Service') {
          notes.push(`HTTPRoute ${refName(r)} rule ${rule.position} sends to ${b.kind} ${b.namespace}/${b.name}: only Service backends are evaluated${inFile(r)}`);
        } else if (b.namespace !== r.namespace) {
          notes.push(`HTTPRoute ${refName(r)} rule ${rule.position} sends to Service ${b.namespace}/${b.name} in another namespace: a ReferenceGrant there must allow it (not checked)${inFile(r)}`);
        } else if (!services.some((s) => s.host === b.host)) {
          notes.push(`HTTPRoute ${refName(r)} rule ${rule.position} sends to Service ${b.namespace}/${b.name}, which the input does not have: its share is answered 500${inFile(r)}`);
        }
      }
      if (rule.rewrite?.path?.type === 'ReplacePrefixMatch' && rule.matches.some((m) => m.path.type !== 'PathPrefix')) {
        notes.push(`HTTPRoute ${refName(r)} rule ${rule.position} uses ReplacePrefixMatch with a match that is not a PathPrefix: the route is not Accepted${inFile(r)}`);
      }
    }
  }
  return notes;
}

function identitiesOf(workloads: readonly Workload[], accounts: readonly Identity[], policies: readonly AuthorizationPolicyConfig[], options: MeshOptions): Identity[] {
  const byName = new Map<string, Identity>();
  const add = (namespace: string, serviceAccount: string): void => {
    const identity = { namespace, serviceAccount, principal: principalOf(options.trustDomain, namespace, serviceAccount) };
    byName.set(identityName(identity), identity);
  };
  accounts.forEach((a) => add(a.namespace, a.serviceAccount));
  workloads.forEach((w) => add(w.namespace, w.serviceAccount));
  const prefix = `${options.trustDomain}/`;
  for (const policy of policies) {
    for (const principal of policy.rules.flatMap((r) => r.from.flatMap((f) => f.principals ?? []))) {
      const plain = principal.replace(/^spiffe:\/\//, '');
      const m = plain.startsWith(prefix) ? /^ns\/([^/*]+)\/sa\/([^/*]+)$/.exec(plain.slice(prefix.length)) : null;
      if (m) {
        add(m[1], m[2]);
      }
    }
  }
  return [...byName.values()].sort((a, b) => compareText(identityName(a), identityName(b)));
}
