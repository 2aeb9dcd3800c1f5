import { compareText } from '../core/internal';
import { AuthorizationPolicyConfig, policyAppliesTo, PolicyAction, ruleTruth } from './authorization-policy';
import { CsrfFilter, envoyFiltersFor } from './envoy-filter';
import { describeGatewayHost, GatewayConfig, hostsExposedBy, isHttpServer, namesGateway, virtualServicesOf } from './gateway';
import { Mesh } from './mesh';
import { formatLabels, refName, selects } from './objects';
import { JwtRule, requestAuthenticationsFor } from './request-authentication';
import { describeRoute, RouteInfo } from './traffic';
import { isUnknown } from './truth';
import { HttpRoute, VirtualServiceConfig } from './virtual-service';
import { principalOf, targetPortOf, Workload, workloadsOfService } from './workloads';

/**
 * The pods a Gateway configures: the workloads of the input its selector matches, or, when the input has none,
 * Istio's default gateway of that name (`istio: ingressgateway` runs in the root namespace as
 * `istio-ingressgateway-service-account`), said in `assumed`.
 */
export interface GatewayPods {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  /** The pods' mTLS identity, the caller the backends see. */
  readonly principal: string;
  /** `namespace/name` of the workload of the input; undefined when assumed. */
  readonly workload?: string;
  /** How the pods were assumed, when the input has no workload for the selector. */
  readonly assumed?: string;
  /** The pods as a Workload, for the policies that select them. */
  readonly asWorkload: Workload;
  /** The port of the pods that a Gateway server port arrives on (the gateway Service's targetPort). */
  podPort(serverPort: number): number;
}

/** Ports of Istio's default ingress and egress gateway Services: 80 and 443 arrive on 8080 and 8443. */
const DEFAULT_GATEWAY_PORTS: Readonly<Record<number, number>> = { 80: 8080, 443: 8443 };

/** The gateway pods that `gateway` selects: one entry per workload of the input, or Istio's default gateway. */
export function gatewayPodsOf(mesh: Mesh, gateway: Pick<GatewayConfig, 'selector'>): GatewayPods[] {
  const selector = gateway.selector;
  const found = Object.keys(selector).length === 0 ? [] : mesh.workloads.filter((w) => selects(selector, w.labels));
  if (found.length > 0) {
    return found.map((w) => {
      const services = mesh.services.filter((s) => workloadsOfService(s, [w]).length > 0);
      return {
        namespace: w.namespace, labels: w.labels, serviceAccount: w.serviceAccount, principal: w.principal, workload: refName(w), asWorkload: w,
        podPort: (port: number) => {
          const servicePort = services.flatMap((s) => s.ports).find((p) => p.port === port);
          return (servicePort === undefined ? undefined : targetPortOf(servicePort, w)) ?? port;
        },
      };
    });
  }
  const name = Object.keys(selector).length === 1 ? selector.istio : undefined;
  if (name === undefined) {
    return [];
  }
  const namespace = mesh.options.rootNamespace;
  const serviceAccount = `istio-${name}-service-account`;
  const principal = principalOf(mesh.options.trustDomain, namespace, serviceAccount);
  const asWorkload: Workload = {
    kind: 'Deployment', namespace, name: `istio-${name}`, source: { file: '(assumed)', document: 0, line: 0 }, labels: selector,
    serviceAccount, principal, hasSidecar: true, containerPorts: [],
  };
  return [{
    namespace, labels: selector, serviceAccount, principal, asWorkload,
    assumed: `no workload of the input has labels ${formatLabels(selector)}: assumed Istio's default gateway ${namespace}/istio-${name} (service account ${serviceAccount}, ports 80 and 443 on 8080 and 8443)`,
    podPort: (port: number) => DEFAULT_GATEWAY_PORTS[port] ?? port,
  }];
}

/** One server of a Gateway, in words. */
export interface GatewayServerInfo {
  readonly port: number;
  readonly protocol: string;
  readonly portName?: string;
  /** Hosts as `namespace/host` (namespace `*` when not written). */
  readonly hosts: readonly string[];
  /** TLS in words: `SIMPLE, credential shop-tls`, `redirects HTTP to HTTPS`, or `-`. */
  readonly tls: string;
}

/** A VirtualService bound to a Gateway, with the routes that apply there in evaluation order. */
export interface GatewayRoutes {
  readonly virtualService: string;
  readonly hosts: readonly string[];
  /** Ports of the Gateway's servers that expose at least one of its hosts. */
  readonly ports: readonly number[];
  readonly routes: readonly RouteInfo[];
  readonly notes: readonly string[];
}

/** A RequestAuthentication that applies to the gateway pods. */
export interface GatewayJwt {
  readonly policy: string;
  readonly rules: readonly JwtRule[];
}

/** An AuthorizationPolicy that applies to the gateway pods, its rules in words. */
export interface GatewayPolicy {
  readonly policy: string;
  readonly action: PolicyAction;
  readonly provider?: string;
  readonly dryRun: boolean;
  /** Each rule's conditions in words (`any request` for a rule without any); none: the policy matches nothing. */
  readonly rules: readonly string[];
}

/** An EnvoyFilter that applies to the gateway pods: the CSRF filter it inserts, its other patches (not evaluated). */
export interface GatewayFilter {
  readonly envoyFilter: string;
  readonly csrf?: CsrfFilter;
  readonly otherPatches: readonly string[];
}

/** What one Gateway does: its pods, servers, bound routes, and the login and policies at its pods. */
export interface GatewayExplanation {
  readonly gateway: string;
  readonly selector: Readonly<Record<string, string>>;
  /** The pods it configures: `namespace/name` of workloads of the input, or the assumed default gateway. */
  readonly pods: readonly string[];
  /** The pods' mTLS principals, the caller identity the backends see. */
  readonly principals: readonly string[];
  readonly servers: readonly GatewayServerInfo[];
  readonly virtualServices: readonly GatewayRoutes[];
  readonly requestAuthentications: readonly GatewayJwt[];
  /** In evaluation order: CUSTOM, DENY, ALLOW, then AUDIT; by name inside each. */
  readonly authorizationPolicies: readonly GatewayPolicy[];
  readonly filters: readonly GatewayFilter[];
  readonly notes: readonly string[];
}

/** The edge of the mesh: every Gateway of the input. */
export interface EdgeExplanation {
  readonly gateways: readonly GatewayExplanation[];
  /** Caveats about the edge as a whole, such as VirtualServices naming a Gateway the input lacks. */
  readonly notes: readonly string[];
}

const ACTION_ORDER: readonly PolicyAction[] = ['CUSTOM', 'DENY', 'ALLOW', 'AUDIT'];

/**
 * The routes of `vs` that apply at `gateway`: match entries limited to other gateways (`match[].gateways`) are
 * dropped, and a route left without any match entry does not apply there.
 */
export function routesAtGateway(vs: VirtualServiceConfig, gateway: Pick<GatewayConfig, 'namespace' | 'name'>): HttpRoute[] {
  return vs.http.flatMap((route) => {
    if (route.matches.length === 0) {
      return [route];
    }
    const matches = route.matches.filter((m) => m.gateways.length === 0 || m.gateways.some((g) => namesGateway(g, vs.namespace, gateway)))
      .map((m) => ({ ...m, gateways: [] }));
    return matches.length === 0 ? [] : [{ ...route, matches }];
  });
}

function describeTls(server: GatewayConfig['servers'][number]): string {
  const tls = server.tls;
  if (tls === undefined) {
    return '-';
  }
  if (tls.httpsRedirect) {
    return 'redirects HTTP to HTTPS (301)';
  }
  return [tls.mode ?? 'SIMPLE', tls.credentialName === undefined ? undefined : `credential ${tls.credentialName}`].filter((x) => x !== undefined).join(', ');
}

/** The rules of a policy in words: each rule's conditions with every request attribute left open. */
export function describePolicyRules(policy: AuthorizationPolicyConfig): string[] {
  return policy.rules.map((rule) => {
    const t = ruleTruth(rule, { source: {} });
    return isUnknown(t) ? t.when : t ? 'any request' : 'no request';
  });
}

/** The AuthorizationPolicies that apply to the gateway pods, in evaluation order (CUSTOM, DENY, ALLOW, AUDIT). */
export function gatewayPolicies(mesh: Mesh, pods: GatewayPods): AuthorizationPolicyConfig[] {
  return mesh.authorizationPolicies.filter((p) => policyAppliesTo(p, pods.asWorkload, mesh.options))
    .sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || compareText(refName(a), refName(b)));
}

function explainGateway(mesh: Mesh, gateway: GatewayConfig): GatewayExplanation {
  const pods = gatewayPodsOf(mesh, gateway);
  const notes: string[] = pods.flatMap((p) => (p.assumed === undefined ? [] : [p.assumed]));
  if (pods.length === 0) {
    notes.push(`no workload of the input has labels ${formatLabels(gateway.selector)}: the gateway pods, their login and their policies are unknown`);
  }
  const servers = gateway.servers.map((s): GatewayServerInfo => ({
    port: s.port, protocol: s.protocol, portName: s.portName, hosts: s.hosts.map(describeGatewayHost), tls: describeTls(s),
  }));
  gateway.servers.filter((s) => !isHttpServer(s)).forEach((s) => notes.push(`server on port ${s.port} (${s.protocol}${s.tls?.mode === undefined ? '' : ` ${s.tls.mode}`}) carries tcp/tls: only http routes are explained`));
  const virtualServices = virtualServicesOf(gateway, mesh.virtualServices).map((vs): GatewayRoutes => {
    const vsNotes: string[] = [];
    const ports = [...new Set(gateway.servers.filter((s) => hostsExposedBy(s, gateway, vs).length > 0).map((s) => s.port))].sort((a, b) => a - b);
    if (ports.length === 0) {
      vsNotes.push(`no server of the Gateway exposes its hosts ${vs.writtenHosts.join(', ')} to namespace ${vs.namespace}: Istio ignores it here`);
    }
    const routes = routesAtGateway(vs, gateway);
    const catchAll = routes.find((r) => r.matches.length === 0);
    if (catchAll !== undefined && catchAll !== routes[routes.length - 1]) {
      vsNotes.push(`routes after #${catchAll.position} never match: route #${catchAll.position} matches every request`);
    }
    if (vs.otherRoutes > 0) {
      vsNotes.push(`${vs.otherRoutes} tcp/tls route(s): only http routes are explained`);
    }
    return { virtualService: refName(vs), hosts: vs.writtenHosts, ports, routes: routes.map((r) => describeRoute(mesh, r)), notes: vsNotes };
  });
  const first = pods[0];
  const requestAuthentications = first === undefined ? [] : requestAuthenticationsFor(first, mesh.requestAuthentications, mesh.options)
    .map((ra): GatewayJwt => ({ policy: refName(ra), rules: ra.jwtRules }));
  const authorizationPolicies = first === undefined ? [] : gatewayPolicies(mesh, first).map((p): GatewayPolicy => ({
    policy: refName(p), action: p.action, provider: p.provider, dryRun: p.dryRun, rules: describePolicyRules(p),
  }));
  const filters = first === undefined ? [] : envoyFiltersFor(first.namespace, first.labels, mesh.envoyFilters, mesh.options)
    .map((f): GatewayFilter => ({ envoyFilter: refName(f), csrf: f.csrf, otherPatches: f.otherPatches }));
  for (const f of mesh.envoyFilters.filter((x) => x.csrf !== undefined && x.csrfContext !== 'GATEWAY' && x.csrfContext !== 'ANY')) {
    notes.push(`EnvoyFilter ${refName(f)} inserts the CSRF filter in context ${f.csrfContext}, not at gateways`);
  }
  return {
    gateway: refName(gateway),
    selector: gateway.selector,
    pods: pods.map((p) => p.workload ?? `${p.asWorkload.namespace}/${p.asWorkload.name} (assumed)`),
    principals: pods.map((p) => p.principal),
    servers,
    virtualServices,
    requestAuthentications,
    authorizationPolicies,
    filters: filters.filter((f) => f.csrf !== undefined || f.otherPatches.length > 0),
    notes: [...new Set(notes)],
  };
}

/** The edge: per Gateway, its pods, servers, bound VirtualServices, JWT login, policies and CSRF filter. */
export function explainEdge(mesh: Mesh): EdgeExplanation {
  const notes: string[] = [];
  for (const vs of mesh.virtualServices) {
    for (const written of vs.gateways.filter((g) => g !== 'mesh')) {
      if (!mesh.gateways.some((g) => namesGateway(written, vs.namespace, g))) {
        const named = written.includes('/') ? written : `${vs.namespace}/${written}`;
        notes.push(`VirtualService ${refName(vs)} names Gateway ${named}, which the input does not have`);
      }
    }
  }
  return { gateways: mesh.gateways.map((g) => explainGateway(mesh, g)), notes };
}
