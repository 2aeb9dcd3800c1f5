import { hostSlug } from './egress-allow-list';
import { ProblemCollector, quote } from './errors';
import { MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from './names';
import { re2SyntaxError } from './regex';
import { StringMatch, StringMatchLike, toStringMatch } from './string-match';
import { WorkloadIdentity } from './workload';

/** An HTTP route of a service's VirtualService, as core renders it. */
export type HttpRoute = Readonly<Record<string, unknown>>;

/** What MeshIngress needs of a service: who it is and its routes (a GrayscaleService provides both). */
export interface IngressService {
  /** The service's identity. */
  readonly identity: WorkloadIdentity;
  /** The service's HTTP routes in evaluation order: rules, weighted split, catch-all. */
  readonly httpRoutes: readonly HttpRoute[];
}

/** A host the ingress serves. */
export interface IngressHostProps {
  /** Host name, e.g. `shop.example.com`, or a wildcard such as `*.example.com`. */
  readonly host: string;
  /**
   * Kubernetes TLS Secret (in the gateway's namespace) with the host's certificate (Gateway `tls.credentialName`).
   * HTTP requests to the host are redirected to HTTPS.
   * @default - required unless the ingress sets allowPlainHttp
   */
  readonly tlsSecret?: string;
}

/** One service bound to a host (and optionally a path) of the ingress. */
export interface IngressRouteProps {
  /** The service; its rule and weight grayscale apply at the edge as inside the mesh. */
  readonly service: IngressService;
  /** The host, one of the ingress's hosts. */
  readonly host: string;
  /**
   * Path prefix the service is served under; it is stripped before the service's own routes apply, so
   * `/httpbin/v1/get` reaches httpbin as `/v1/get` would inside the mesh.
   * @default '/' (every path of the host)
   */
  readonly path?: string;
}

/**
 * Cross-origin resource sharing for browsers (VirtualService `corsPolicy`).
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy
 */
export interface CorsProps {
  /** Origins allowed to call, e.g. `https://app.example.com`; a plain string is exact. */
  readonly allowOrigins: readonly StringMatchLike[];
  /** Methods browsers may use. @default ['GET', 'POST'] */
  readonly allowMethods?: readonly string[];
  /** Request headers browsers may send. @default - none beyond the CORS-safelisted ones */
  readonly allowHeaders?: readonly string[];
  /** Response headers browsers may read. @default - none beyond the CORS-safelisted ones */
  readonly exposeHeaders?: readonly string[];
  /** Whether requests may carry credentials (cookies). Turns CSRF protection on. @default false */
  readonly allowCredentials?: boolean;
  /** How long browsers may cache the preflight answer, in whole seconds. @default 86400 */
  readonly maxAgeSeconds?: number;
}

/** CSRF protection settings. */
export interface CsrfProps {
  /** Origins besides the request's own host whose unsafe requests are accepted. @default - the CORS origins */
  readonly additionalOrigins?: readonly StringMatchLike[];
}

/**
 * Login by JSON Web Token: requests must carry a valid token, except on excluded paths.
 * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
 */
export interface JwtProps {
  /** The token issuer (`iss`). */
  readonly issuer: string;
  /** Where the issuer's signing keys are published. */
  readonly jwksUri: string;
  /** Audiences a token must be for (`aud`). @default - any */
  readonly audiences?: readonly string[];
  /** Header the token is read from, with an optional prefix such as `Bearer `. @default - Authorization: Bearer */
  readonly fromHeader?: { readonly name: string; readonly prefix?: string };
  /** Query parameter the token is read from. @default - none */
  readonly fromParam?: string;
  /** Paths served without a token, e.g. `/healthz` (exact, or one `*` at the start or end). @default - none */
  readonly excludedPaths?: readonly string[];
}

/**
 * Login through an external authorization service, declared in meshConfig as an extension provider.
 * @see https://istio.io/latest/docs/tasks/security/authorization/authz-custom/
 */
export interface ExternalLoginProps {
  /** Name of the mesh extension provider (meshConfig `extensionProviders[].name`). */
  readonly provider: string;
  /** Paths served without asking the provider. @default - none */
  readonly excludedPaths?: readonly string[];
}

/** The ingress gateway deployment. The defaults are those of Istio's default profile. */
export interface IngressGatewayWorkloadProps {
  /** Namespace of the gateway pods. @default 'istio-system' */
  readonly namespace?: string;
  /** Labels of the gateway pods. @default { istio: 'ingressgateway' } */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Props of a MeshIngress: the north-south edge for a set of hosts.
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
 */
export interface MeshIngressProps {
  /** Hosts the ingress serves. */
  readonly hosts: readonly IngressHostProps[];
  /** Services bound to hosts and paths. */
  readonly routes: readonly IngressRouteProps[];
  /** Name of the Gateway and prefix of the other objects. @default - the construct id or resource name */
  readonly name?: string;
  /** Namespace of the Gateway and VirtualServices. @default 'default' */
  readonly namespace?: string;
  /** The gateway deployment. @default - istio-system, istio=ingressgateway */
  readonly gateway?: IngressGatewayWorkloadProps;
  /** Serve hosts without tlsSecret over plain HTTP; an explicit opt-in. @default false */
  readonly allowPlainHttp?: boolean;
  /** CORS for every route. @default - none: browsers refuse cross-origin calls */
  readonly cors?: CorsProps;
  /**
   * CSRF protection for unsafe methods (Envoy's CSRF filter on the gateway), or false for none.
   * @default - on when cors.allowCredentials is true, off otherwise
   */
  readonly csrf?: boolean | CsrfProps;
  /** Require a JSON Web Token. @default - none */
  readonly jwt?: JwtProps;
  /** Require login through an external authorization provider. @default - none */
  readonly externalLogin?: ExternalLoginProps;
}

/** Where errors are reported from, and the default name. */
export interface IngressContext {
  readonly path: string;
  readonly defaultName: string;
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
const AUTHZ_PATH = /^(\*|\*?\/[^*\s]*|\/[^*\s]*\*)$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

interface HostPlan {
  readonly host: string;
  readonly tlsSecret?: string;
}

interface RoutePlan {
  readonly host: string;
  readonly path?: string;
  readonly service: IngressService;
}

interface IngressPlan {
  readonly name: string;
  readonly namespace: string;
  readonly gatewayNamespace: string;
  readonly gatewayLabels: Readonly<Record<string, string>>;
  readonly hosts: readonly HostPlan[];
  readonly routes: readonly RoutePlan[];
  readonly cors?: Record<string, unknown>;
  readonly csrfOrigins?: readonly StringMatch[];
  readonly jwt?: JwtProps;
  readonly externalLogin?: ExternalLoginProps;
}

function isIngressService(value: unknown): value is IngressService {
  return typeof value === 'object' && value !== null && Array.isArray((value as IngressService).httpRoutes)
    && typeof (value as IngressService).identity?.host === 'string' && typeof (value as IngressService).identity?.name === 'string';
}

function isHost(host: unknown): host is string {
  return typeof host === 'string' && isDnsSubdomain(host.startsWith('*.') ? host.slice(2) : host);
}

function checkPaths(problems: ProblemCollector, field: string, paths: unknown): string[] {
  if (paths === undefined) return [];
  if (!Array.isArray(paths)) {
    problems.add(field, paths, 'is not a list of paths', 'use a list such as ["/healthz"]');
    return [];
  }
  for (const p of paths) {
    if (typeof p !== 'string' || !AUTHZ_PATH.test(p)) {
      problems.add(field, p, 'is not a path Istio can match', 'use an exact path such as "/healthz", or one "*" at the start or end such as "/public/*"');
    }
  }
  return paths as string[];
}

/** The strings of a list that match `pattern`; everything else is reported. */
function listOfStrings(problems: ProblemCollector, field: string, raw: unknown, pattern: RegExp, what: string, fix: string): string[] {
  if (!Array.isArray(raw)) {
    problems.add(field, raw, 'is not a list', fix);
    return [];
  }
  return raw.filter((item) => {
    const ok = typeof item === 'string' && pattern.test(item);
    if (!ok) problems.add(field, item, `is not ${what}`, fix);
    return ok;
  });
}

function planOrigins(problems: ProblemCollector, field: string, raw: unknown): StringMatch[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add(field, raw, 'lists no origins', 'list the origins of your web apps, e.g. ["https://app.example.com"]');
    return [];
  }
  const out: StringMatch[] = [];
  for (const o of raw) {
    if (typeof o !== 'string' && !(o instanceof StringMatch)) {
      problems.add(field, o, 'is not an origin', 'use "https://app.example.com" or StringMatch.regex(...)');
      continue;
    }
    const m = toStringMatch(o);
    if (m.kind === 'exact' && m.value === '*') {
      out.push(m);
    } else if (m.kind === 'regex') {
      const error = re2SyntaxError(m.value);
      if (error !== undefined) problems.add(field, m.value, `is not an RE2 regular expression (${error})`, 'rewrite it without look-around or back-references');
      else out.push(m);
    } else if (m.kind === 'exact' && !ORIGIN.test(m.value)) {
      problems.add(field, m.value, 'is not an origin (scheme://host[:port], no path)', `use an origin such as "https://app.example.com"`);
    } else if (m.kind === 'prefix' && !/^https?:\/\//.test(m.value)) {
      problems.add(field, m.value, 'is not the start of an origin', 'start it with the scheme, e.g. StringMatch.prefix("https://")');
    } else {
      out.push(m);
    }
  }
  return out;
}

function planCors(problems: ProblemCollector, raw: CorsProps | undefined): { policy?: Record<string, unknown>; origins: StringMatch[]; credentials: boolean } {
  if (raw === undefined) return { origins: [], credentials: false };
  if (typeof raw !== 'object' || raw === null) {
    problems.add('cors', raw, 'is not a CORS policy', 'use an object such as { allowOrigins: ["https://app.example.com"] }');
    return { origins: [], credentials: false };
  }
  const origins = planOrigins(problems, 'cors.allowOrigins', raw.allowOrigins);
  const credentials = raw.allowCredentials ?? false;
  if (typeof credentials !== 'boolean') {
    problems.add('cors.allowCredentials', credentials, 'is not true or false', 'use true only if browsers must send cookies');
  }
  if (credentials === true && origins.some((o) => o.kind === 'exact' && o.value === '*')) {
    problems.add('cors.allowOrigins', '*', 'allows every origin while allowCredentials is true, so any web page could act with a user\'s cookies (browsers refuse it too)', 'list the origins of your web apps');
  }
  const methods = listOfStrings(problems, 'cors.allowMethods', raw.allowMethods ?? ['GET', 'POST'], /^[A-Z]+$/, 'an HTTP method', 'use upper-case methods such as "GET"');
  const allowHeaders = listOfStrings(problems, 'cors.allowHeaders', raw.allowHeaders ?? [], HEADER_NAME, 'a header name', 'use header names such as "content-type"');
  const exposeHeaders = listOfStrings(problems, 'cors.exposeHeaders', raw.exposeHeaders ?? [], HEADER_NAME, 'a header name', 'use header names such as "content-type"');
  let maxAge = raw.maxAgeSeconds ?? 86400;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0) {
    problems.add('cors.maxAgeSeconds', maxAge, 'is not a whole number of seconds', 'use e.g. 600');
    maxAge = 86400;
  }
  const policy: Record<string, unknown> = {
    allowCredentials: credentials === true,
    allowMethods: [...methods].sort(),
    allowOrigins: origins.map((o) => o.toIstio()),
    maxAge: `${maxAge}s`,
  };
  if (allowHeaders.length > 0) policy.allowHeaders = [...allowHeaders].sort();
  if (exposeHeaders.length > 0) policy.exposeHeaders = [...exposeHeaders].sort();
  return { policy, origins, credentials: credentials === true };
}

function planIngress(props: MeshIngressProps, context: IngressContext): IngressPlan {
  const problems = new ProblemCollector(context.path);
  const input = (typeof props === 'object' && props !== null ? props : {}) as Partial<MeshIngressProps>;
  if (input !== props) problems.add('props', props, 'is not an object', 'pass an object such as { hosts, routes }');
  const name = input.name ?? context.defaultName;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    problems.add('name', name, 'is not a valid name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const namespace = input.namespace ?? 'default';
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('namespace', namespace, 'is not a namespace name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const gatewayNamespace = input.gateway?.namespace ?? 'istio-system';
  if (typeof gatewayNamespace !== 'string' || !isDnsLabel(gatewayNamespace)) {
    problems.add('gateway.namespace', gatewayNamespace, 'is not a namespace name', 'use the namespace of the ingress gateway pods, usually "istio-system"');
  }
  const gatewayLabels = input.gateway?.labels ?? { istio: 'ingressgateway' };
  if (typeof gatewayLabels !== 'object' || gatewayLabels === null || Object.keys(gatewayLabels).length === 0
    || Object.entries(gatewayLabels).some(([k, v]) => !isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v))) {
    problems.add('gateway.labels', gatewayLabels, 'is not a set of pod labels', 'use the labels of the gateway pods, e.g. { istio: "ingressgateway" }');
  }
  const allowPlainHttp = input.allowPlainHttp ?? false;

  const hosts: HostPlan[] = [];
  if (!Array.isArray(input.hosts) || input.hosts.length === 0) {
    problems.add('hosts', input.hosts, 'lists no hosts', 'list the hosts users reach, e.g. [{ host: "shop.example.com", tlsSecret: "shop-cert" }]');
  } else {
    input.hosts.forEach((raw, i) => {
      const h = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<IngressHostProps>;
      if (!isHost(h.host)) {
        problems.add(`hosts[${i}].host`, h.host, 'is not a host name', 'use a lower-case DNS name such as "shop.example.com"');
        return;
      }
      if (hosts.some((o) => o.host === h.host)) {
        problems.add(`hosts[${i}].host`, h.host, 'is listed twice', 'list each host once');
        return;
      }
      if (h.tlsSecret === undefined && allowPlainHttp !== true) {
        problems.add(`hosts[${i}].tlsSecret`, undefined, `is missing, so ${h.host} would be served over plain HTTP`, 'name the Kubernetes TLS Secret with its certificate, or set allowPlainHttp: true on purpose');
      } else if (h.tlsSecret !== undefined && (typeof h.tlsSecret !== 'string' || !isDnsSubdomain(h.tlsSecret))) {
        problems.add(`hosts[${i}].tlsSecret`, h.tlsSecret, 'is not a Secret name', 'use the name of a kubernetes.io/tls Secret in the gateway namespace');
      }
      hosts.push({ host: h.host, tlsSecret: typeof h.tlsSecret === 'string' ? h.tlsSecret : undefined });
    });
  }

  const routes: RoutePlan[] = [];
  if (!Array.isArray(input.routes) || input.routes.length === 0) {
    problems.add('routes', input.routes, 'lists no routes', 'bind at least one service, e.g. [{ service: httpbin, host: "shop.example.com" }]');
  } else {
    input.routes.forEach((raw, i) => {
      const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<IngressRouteProps>;
      if (!isIngressService(r.service)) {
        problems.add(`routes[${i}].service`, r.service === undefined ? undefined : '(not a GrayscaleService)', 'is not a known service', 'pass a GrayscaleService');
        return;
      }
      if (!hosts.some((h) => h.host === r.host)) {
        problems.add(`routes[${i}].host`, r.host, 'is not one of the ingress hosts', `use one of ${quote(hosts.map((h) => h.host))}`);
        return;
      }
      const path = r.path === undefined || r.path === '/' ? undefined : r.path;
      if (path !== undefined && (typeof path !== 'string' || !/^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*$/.test(path) || path.endsWith('/') || path.includes('//'))) {
        problems.add(`routes[${i}].path`, r.path, 'is not a path prefix', 'use a path such as "/httpbin", without a trailing "/"');
        return;
      }
      const twin = routes.findIndex((o) => o.host === r.host && o.path === path);
      if (twin !== -1) {
        problems.add(`routes[${i}].path`, r.path ?? '/', `is already served on ${r.host} by routes[${twin}]`, 'give each service its own path or host');
        return;
      }
      routes.push({ host: r.host as string, path, service: r.service });
    });
  }

  const cors = planCors(problems, input.cors);
  let csrfOrigins: StringMatch[] | undefined;
  const csrf = input.csrf ?? cors.credentials;
  if (csrf === true) {
    csrfOrigins = cors.origins.filter((o) => !(o.kind === 'exact' && o.value === '*'));
  } else if (typeof csrf === 'object' && csrf !== null) {
    csrfOrigins = csrf.additionalOrigins === undefined ? cors.origins : planOrigins(problems, 'csrf.additionalOrigins', csrf.additionalOrigins);
  } else if (csrf !== false) {
    problems.add('csrf', csrf, 'is not true, false or CSRF settings', 'use true, false or { additionalOrigins: [...] }');
  }

  const jwt = input.jwt;
  if (jwt !== undefined) {
    if (typeof jwt !== 'object' || jwt === null || typeof jwt.issuer !== 'string' || jwt.issuer === '') {
      problems.add('jwt.issuer', (jwt as Partial<JwtProps> | undefined)?.issuer, 'is missing', 'give the token issuer (the "iss" claim), e.g. "https://accounts.example.com"');
    } else {
      if (typeof jwt.jwksUri !== 'string' || !/^https?:\/\/[^\s]+$/.test(jwt.jwksUri)) {
        problems.add('jwt.jwksUri', jwt.jwksUri, 'is not an http(s) URL', 'give the URL where the issuer publishes its keys, e.g. "https://accounts.example.com/.well-known/jwks.json"');
      }
      checkPaths(problems, 'jwt.excludedPaths', jwt.excludedPaths);
      if (jwt.audiences !== undefined) listOfStrings(problems, 'jwt.audiences', jwt.audiences, /^\S+$/, 'an audience', 'list the audiences a token must be for, e.g. ["shop"]');
      if (jwt.fromHeader !== undefined && (typeof jwt.fromHeader !== 'object' || jwt.fromHeader === null || typeof jwt.fromHeader.name !== 'string' || !HEADER_NAME.test(jwt.fromHeader.name)
        || (jwt.fromHeader.prefix !== undefined && typeof jwt.fromHeader.prefix !== 'string'))) {
        problems.add('jwt.fromHeader', jwt.fromHeader, 'is not a header to read the token from', 'use { name: "authorization", prefix: "Bearer " }');
      }
      if (jwt.fromParam !== undefined && (typeof jwt.fromParam !== 'string' || jwt.fromParam === '')) {
        problems.add('jwt.fromParam', jwt.fromParam, 'is not a query parameter name', 'use a name such as "access_token"');
      }
    }
  }
  const externalLogin = input.externalLogin;
  if (externalLogin !== undefined) {
    if (typeof externalLogin !== 'object' || externalLogin === null || typeof externalLogin.provider !== 'string' || externalLogin.provider === '') {
      problems.add('externalLogin.provider', (externalLogin as Partial<ExternalLoginProps> | undefined)?.provider, 'is missing', 'name the meshConfig extension provider of your login service');
    } else {
      checkPaths(problems, 'externalLogin.excludedPaths', externalLogin.excludedPaths);
    }
  }
  problems.throwIfAny();
  return {
    name, namespace, gatewayNamespace, gatewayLabels: sortedRecord(gatewayLabels), hosts,
    routes, cors: cors.policy, csrfOrigins, jwt, externalLogin,
  };
}

function meta(namespace: string, name: string): Manifest['metadata'] {
  return { name, namespace, labels: { ...MANAGED_BY_LABEL } };
}

function renderGateway(plan: IngressPlan): Manifest {
  const tlsHosts = plan.hosts.filter((h) => h.tlsSecret !== undefined);
  const plainHosts = plan.hosts.filter((h) => h.tlsSecret === undefined).map((h) => h.host);
  const servers: Record<string, unknown>[] = tlsHosts.map((h) => ({
    hosts: [`${plan.namespace}/${h.host}`],
    port: { name: `https-${hostSlug(h.host)}`.slice(0, 63).replace(/-+$/, ''), number: 443, protocol: 'HTTPS' },
    tls: { credentialName: h.tlsSecret, mode: 'SIMPLE' },
  }));
  if (tlsHosts.length > 0) {
    servers.push({ hosts: tlsHosts.map((h) => `${plan.namespace}/${h.host}`), port: { name: 'http-redirect', number: 80, protocol: 'HTTP' }, tls: { httpsRedirect: true } });
  }
  if (plainHosts.length > 0) {
    servers.push({ hosts: plainHosts.map((h) => `${plan.namespace}/${h}`), port: { name: 'http', number: 80, protocol: 'HTTP' } });
  }
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: meta(plan.namespace, plan.name),
    spec: { selector: plan.gatewayLabels, servers },
  };
}

/**
 * A route of the service moved under `path`: each match is prefixed with it, and the rewrite strips it again, so the
 * service sees the path it would see inside the mesh. Rewrite replaces what the match matched, so matches that need
 * different rewrites become separate routes (named `<name>`, `<name>-2`, ...).
 */
function routeUnderPath(route: HttpRoute, path: string): HttpRoute[] {
  const ownRewrite = (route.rewrite as { uri?: string } | undefined)?.uri;
  const byRewrite = new Map<string, Record<string, unknown>[]>();
  for (const m of (route.match as Record<string, unknown>[] | undefined) ?? [{}]) {
    const uri = m.uri as { exact?: string; prefix?: string } | undefined;
    const moved: [Record<string, unknown>, string][] = uri === undefined
      ? [[{ ...m, uri: { exact: path } }, '/'], [{ ...m, uri: { prefix: `${path}/` } }, '/']]
      : uri.exact !== undefined
        ? [[{ ...m, uri: { exact: `${path}${uri.exact}` } }, uri.exact]]
        : [[{ ...m, uri: { prefix: `${path}${uri.prefix}` } }, uri.prefix!]];
    for (const [match, own] of moved) {
      const rewrite = ownRewrite ?? own;
      byRewrite.set(rewrite, [...(byRewrite.get(rewrite) ?? []), sortedRecord(match)]);
    }
  }
  return [...byRewrite.entries()].map(([rewrite, match], i) => {
    const out: Record<string, unknown> = { ...route, match, name: i === 0 ? route.name : `${String(route.name)}-${i + 1}` };
    if (route.directResponse === undefined) out.rewrite = { uri: rewrite };
    return sortedRecord(out);
  });
}

function renderVirtualServices(plan: IngressPlan): Manifest[] {
  const gateway = `${plan.namespace}/${plan.name}`;
  return plan.hosts.filter((h) => plan.routes.some((r) => r.host === h.host)).map((h) => {
    // Longest path first, so /api/v2 is not hidden behind /api; the service on "/" comes last.
    const routes = plan.routes.filter((r) => r.host === h.host).sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0));
    const http = routes.flatMap((r) => r.service.httpRoutes.map((route) => {
      const named: HttpRoute = { ...route, name: `${r.service.identity.name}-${String(route.name ?? 'route')}` };
      const placed = r.path === undefined ? [named] : routeUnderPath(named, r.path);
      return placed.map((p) => (plan.cors === undefined || p.directResponse !== undefined ? p : sortedRecord({ ...p, corsPolicy: plan.cors })));
    }).flat());
    return {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: meta(plan.namespace, `${plan.name}-${hostSlug(h.host)}`),
      spec: { gateways: [gateway], hosts: [h.host], http },
    };
  });
}

function renderCsrf(plan: IngressPlan): Manifest[] {
  if (plan.csrfOrigins === undefined) return [];
  const csrf: Record<string, unknown> = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.http.csrf.v3.CsrfPolicy',
    filter_enabled: { default_value: { denominator: 'HUNDRED', numerator: 100 }, runtime_key: 'csrf.enabled' },
  };
  if (plan.csrfOrigins.length > 0) {
    csrf.additional_origins = plan.csrfOrigins.map((o) => (o.kind === 'regex' ? { safe_regex: { regex: o.value } } : { [o.kind]: o.value.replace(/^https?:\/\//, '') }));
  }
  return [{
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: meta(plan.gatewayNamespace, `${plan.name}-csrf`),
    spec: {
      configPatches: [{
        applyTo: 'HTTP_FILTER',
        match: { context: 'GATEWAY', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } },
        patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.filters.http.csrf', typed_config: csrf } },
      }],
      workloadSelector: { labels: plan.gatewayLabels },
    },
  }];
}

function hostsOf(plan: IngressPlan): string[] {
  return plan.hosts.map((h) => h.host);
}

function renderJwt(plan: IngressPlan): Manifest[] {
  const jwt = plan.jwt;
  if (jwt === undefined) return [];
  const rule: Record<string, unknown> = { issuer: jwt.issuer, jwksUri: jwt.jwksUri };
  if (jwt.audiences?.length) rule.audiences = [...jwt.audiences];
  if (jwt.fromHeader !== undefined) rule.fromHeaders = [jwt.fromHeader.prefix === undefined ? { name: jwt.fromHeader.name } : { name: jwt.fromHeader.name, prefix: jwt.fromHeader.prefix }];
  if (jwt.fromParam !== undefined) rule.fromParams = [jwt.fromParam];
  const operation: Record<string, unknown> = { hosts: hostsOf(plan) };
  if (jwt.excludedPaths?.length) operation.notPaths = [...jwt.excludedPaths];
  return [
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: meta(plan.gatewayNamespace, `${plan.name}-jwt`),
      spec: { jwtRules: [rule], selector: { matchLabels: plan.gatewayLabels } },
    },
    {
      // A request without a valid token has no request principal: deny it on the ingress's hosts.
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: meta(plan.gatewayNamespace, `${plan.name}-require-jwt`),
      spec: {
        action: 'DENY',
        rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation }] }],
        selector: { matchLabels: plan.gatewayLabels },
      },
    },
  ];
}

function renderExternalLogin(plan: IngressPlan): Manifest[] {
  const login = plan.externalLogin;
  if (login === undefined) return [];
  const operation: Record<string, unknown> = { hosts: hostsOf(plan) };
  if (login.excludedPaths?.length) operation.notPaths = [...login.excludedPaths];
  return [{
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(plan.gatewayNamespace, `${plan.name}-login`),
    spec: {
      action: 'CUSTOM',
      provider: { name: login.provider },
      rules: [{ to: [{ operation }] }],
      selector: { matchLabels: plan.gatewayLabels },
    },
  }];
}

/** What a MeshIngress renders to. */
export interface RenderedMeshIngress {
  /** Name of the Gateway. */
  readonly name: string;
  /**
   * Gateway, a VirtualService per host, then (in the gateway's namespace) the CSRF EnvoyFilter, JWT
   * RequestAuthentication and AuthorizationPolicy, and the external-login AuthorizationPolicy.
   */
  readonly manifests: readonly Manifest[];
}

/** Renders a MeshIngress. Throws MeshlightValidationError, having rendered nothing, when the props are invalid. */
export function renderMeshIngress(props: MeshIngressProps, context: IngressContext): RenderedMeshIngress {
  const plan = planIngress(props, context);
  return {
    name: plan.name,
    manifests: [renderGateway(plan), ...renderVirtualServices(plan), ...renderCsrf(plan), ...renderJwt(plan), ...renderExternalLogin(plan)],
  };
}

/** The HTTP routes of a service's own VirtualService, for binding it at the edge. */
export function httpRoutesOf(manifests: readonly Manifest[], serviceName: string): HttpRoute[] {
  const vs = manifests.find((m) => m.kind === 'VirtualService' && m.metadata.name === serviceName);
  return [...(((vs?.spec as { http?: HttpRoute[] } | undefined)?.http) ?? [])];
}

/**
 * The meshConfig fragment (Helm values for istiod) that declares an external login service as an extension
 * provider, for `externalLogin.provider`.
 */
export function loginProviderMeshConfig(provider: string, service: string, port: number, headersToCheck: readonly string[] = ['authorization', 'cookie']): Record<string, unknown> {
  return {
    meshConfig: {
      extensionProviders: [{
        envoyExtAuthzHttp: { includeRequestHeadersInCheck: [...headersToCheck], port, service },
        name: provider,
      }],
    },
  };
}
