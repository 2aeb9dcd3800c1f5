// Istio's ambient mode, as far as meshlight explain follows it: a Service (or its namespace) labelled
// `istio.io/use-waypoint` sends its traffic through a waypoint proxy, a Gateway of class `istio-waypoint`, which
// enforces the L7 AuthorizationPolicies that target it (targetRefs) with the caller's identity, then connects to the
// pods with its own identity (it does not impersonate its clients), which their ztunnel checks (ztunnel.ts).
// HTTPRoutes attached to the Service apply there as they do at sidecars (check.ts follows them either way).
// @see https://istio.io/latest/docs/ambient/usage/waypoint/
// @see https://istio.io/latest/docs/ambient/usage/l4-policy/
import { AuthorizationDecision, authorizeBy } from './authorization-policy';
import { isWaypoint, KubeGatewayConfig } from './gateway-api';
import { Mesh } from './mesh';
import { refName } from './objects';
import { MeshRequest } from './request';
import { Identity, KubeService, principalOf } from './workloads';

/** The waypoint a Service's traffic goes through. */
export interface WaypointUse {
  /** `namespace/name` of the waypoint. */
  readonly waypoint: string;
  /** The Gateway of class `istio-waypoint`; undefined when the input does not have it. */
  readonly gateway?: KubeGatewayConfig;
  /** Where the label was found: `Service shop/api` or `Namespace shop`. */
  readonly labelledOn: string;
}

/**
 * The waypoint of `service`: its own `istio.io/use-waypoint` label, else its namespace's (`none` opts out), in the
 * namespace `istio.io/use-waypoint-namespace` names, else the Service's. Undefined when it uses none.
 */
export function waypointOf(mesh: Mesh, service: KubeService): WaypointUse | undefined {
  const namespaceLabels = mesh.namespaceLabels[service.namespace] ?? {};
  const [labels, labelledOn] = service.labels['istio.io/use-waypoint'] !== undefined ? [service.labels, `Service ${refName(service)}`]
    : [namespaceLabels, `Namespace ${service.namespace}`];
  const name = labels['istio.io/use-waypoint'];
  if (name === undefined || name === 'none') return undefined;
  const namespace = labels['istio.io/use-waypoint-namespace'] ?? service.namespace;
  const gateway = mesh.kubeGateways.find((g) => isWaypoint(g) && g.namespace === namespace && g.name === name);
  return { waypoint: `${namespace}/${name}`, gateway, labelledOn };
}

/**
 * The identity a waypoint connects to the pods with, which their ztunnel sees instead of the caller's: the
 * ServiceAccount its Gateway's `gateway.istio.io/service-account` annotation names, else the Gateway's name (Istio's
 * default for class `istio-waypoint`), in the waypoint's namespace.
 */
export function waypointIdentity(mesh: Mesh, use: WaypointUse): Identity {
  const [namespace, name] = use.waypoint.split('/');
  const serviceAccount = use.gateway?.serviceAccount ?? name;
  return { namespace, serviceAccount, principal: principalOf(mesh.options.trustDomain, namespace, serviceAccount) };
}

/**
 * L7 authorization at the waypoint of `service`: the AuthorizationPolicies of the waypoint's namespace that target
 * it (`targetRefs` kind Gateway), those of the Service's namespace that target the Service (kind Service) and those
 * of the root namespace that target every waypoint (kind GatewayClass, `istio-waypoint`), with the caller's identity
 * (the waypoint sees the original client). Undefined when no policy targets either.
 */
export function authorizeAtWaypoint(mesh: Mesh, use: WaypointUse, service: KubeService, request: MeshRequest): AuthorizationDecision | undefined {
  const [namespace, name] = use.waypoint.split('/');
  const policies = mesh.authorizationPolicies.filter((p) => (p.namespace === namespace && p.targetRefs.some((t) => t.kind === 'Gateway' && t.name === name))
    || (p.namespace === service.namespace && p.targetRefs.some((t) => t.kind === 'Service' && t.name === service.name))
    || (p.namespace === mesh.options.rootNamespace && p.targetRefs.some((t) => t.kind === 'GatewayClass' && t.name === 'istio-waypoint')));
  return policies.length === 0 ? undefined : authorizeBy(policies, request);
}
