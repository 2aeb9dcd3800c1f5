import { hostSlug } from './egress-allow-list';
import { RE2JS } from 're2js';
import { ProblemCollector, quote, RenderContext } from './errors';
import { checkKnownFields, closestField, fieldsOf, isLiteralObject } from './fields';
import { compareText, MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { isDnsLabel, isDnsSubdomain, isHostPattern, isLabelSet } from './names';
import { checkSecurityPaths, PathNormalization, planPathNormalization } from './path-safety';
import { TOKEN } from './http-names';
import { BackendOf, httpRouteRulesOf, RoutingDialect } from './http-route';
import { checkRe2, escapeRe2 } from './regex';
import { isStringMatchLike, StringMatch, StringMatchLike, toStringMatch } from './string-match';
import { WorkloadIdentity } from './workload';

/** An HTTP route of a service's VirtualService, as core renders it. */
export type HttpRoute = Readonly<Record<string, unknown>>;

/** What MeshIngress needs of a service: who it is and its routes (a GrayscaleService provides all of it). */
export interface IngressService {
  /** The service's identity. */
  readonly identity: WorkloadIdentity;
  /** The service's HTTP routes in evaluation order: rules, weighted split, catch-all. */
  readonly httpRoutes: readonly HttpRoute[];
  /** Names of the routes a request picks by what it sends (rule and sticky-version routes). @default - none */
  readonly requestChosenRoutes?: readonly string[];
  /** The response header its routes set to the version that served. @default - none */
  readonly versionHeader?: string;
}

/**
 * A MeshIngress as the caller of the services it routes to. A ZeroTrustNamespace admits its gateway's identity for
 * these hosts and the services' own ports only, and, with jwt, only requests that carry a valid token.
 */
export interface IngressCaller {
  /** Name of the MeshIngress (its Gateway). */
  readonly name: string;
  /** The gateway pods: their namespace, the service account that is their mTLS identity, and their labels. */
  readonly gateway: { readonly namespace: string; readonly serviceAccount: string; readonly labels: Readonly<Record<string, string>> };
  /** Each service the ingress routes to, with the hosts that reach it. */
  readonly backends: readonly IngressBackend[];
  /** With jwt: the token rule the services check again (the gateway forwards the token), and its issuer. */
  readonly jwt?: { readonly issuer: string; readonly rule: Readonly<Record<string, unknown>> };
}

/** A service an ingress routes to. */
export interface IngressBackend {
  readonly service: WorkloadIdentity;
  /** The ingress's hosts routed to the service, each with the paths served there without a token, as the service sees them. */
  readonly hosts: readonly { readonly host: string; readonly publicPaths: readonly string[] }[];
}

/** Anything that is an ingress caller: a MeshIngress construct or component. */
export interface HasIngressCaller {
  readonly ingressCaller: IngressCaller;
}

/** Whether `value` carries an ingress caller (a MeshIngress), for a ZeroTrustNamespace call. */
export function isIngressCaller(value: unknown): value is HasIngressCaller {
  const caller = typeof value === 'object' && value !== null ? (value as Partial<HasIngressCaller>).ingressCaller : undefined;
  return typeof caller === 'object' && caller !== null && Array.isArray(caller.backends);
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
  /**
   * Origins allowed to call, e.g. `https://app.example.com`; a plain string is exact, except that
   * `https://*.example.com` admits any one label in place of `*`. With credentials, none may admit other sites.
   */
  readonly allowOrigins: readonly StringMatchLike[];
  /** Methods browsers may use. @default ['GET', 'POST'] */
  readonly allowMethods?: readonly string[];
  /** Request headers browsers may send. @default - none beyond the CORS-safelisted ones */
  readonly allowHeaders?: readonly string[];
  /** Response headers browsers may read. @default - none beyond the CORS-safelisted ones */
  readonly exposeHeaders?: readonly string[];
  /** Whether requests may carry credentials (cookies). Turns CSRF protection on. @default false */
  readonly allowCredentials?: boolean;
  /** How long browsers may cache the preflight answer, in whole seconds from 1 to a year. @default 86400 */
  readonly maxAgeSeconds?: number;
}

/** CSRF protection settings. */
export interface CsrfProps {
  /**
   * Origins besides the request's own host whose unsafe requests are accepted (an empty list: none). Envoy compares
   * their host[:port] only, so a regex must be a scheme followed by one host pattern.
   * @default - the CORS origins but "*"
   */
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
  /**
   * Audiences a token must be for (`aud`). Without them, a token the issuer signs for any other application would do.
   * @default - required, unless anyAudience is true
   */
  readonly audiences?: readonly string[];
  /** Accept the issuer's tokens whatever their audience; an explicit opt-in. @default false */
  readonly anyAudience?: boolean;
  /** Header the token is read from, with an optional prefix such as `Bearer `. @default - Authorization: Bearer */
  readonly fromHeader?: { readonly name: string; readonly prefix?: string };
  /** Query parameter the token is read from. @default - none */
  readonly fromParam?: string;
  /**
   * Paths served without a token, per host: `{ 'shop.example.com': ['/healthz'] }`. Exact paths; a `*` at the start
   * or end only with pathNormalization `DECODE_AND_MERGE_SLASHES`.
   * @default - none
   */
  readonly excludedPaths?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Login through an external authorization service, declared in meshConfig as an extension provider.
 * @see https://istio.io/latest/docs/tasks/security/authorization/authz-custom/
 */
export interface ExternalLoginProps {
  /** Name of the mesh extension provider (meshConfig `extensionProviders[].name`). */
  readonly provider: string;
  /** Paths served without asking the provider, per host, as for JWT. @default - none */
  readonly excludedPaths?: Readonly<Record<string, readonly string[]>>;
}

/** The ingress gateway deployment. The defaults are those of Istio's default profile. */
export interface IngressGatewayWorkloadProps {
  /** Namespace of the gateway pods. @default 'istio-system' */
  readonly namespace?: string;
  /** Labels of the gateway pods. @default { istio: 'ingressgateway' } */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Service account of the gateway pods, which ZeroTrustNamespaces admit as the ingress's caller identity.
   * @default 'istio-ingressgateway-service-account'
   */
  readonly serviceAccount?: string;
}

/**
 * Who may pick a version at the edge by what the request carries (rule headers, query parameters and cookies, the
 * sticky-version cookie).
 * - `everyone`: any internet client, as inside the mesh (the DMSP article's behaviour, meant for testing in production).
 * - `authenticated`: only requests with a valid token (needs jwt); others get the weighted split.
 * - `none`: nobody at the edge; every internet request gets the weighted split.
 */
export type RulesAtEdge = 'everyone' | 'authenticated' | 'none';

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
  /**
   * The gateway deployment. With dialect `'gateway-api'`, only its namespace: where the Gateway and the pods Istio
   * deploys for it run (`'istio-ingress'` by default, outside the app's zero-trust namespaces).
   * @default - istio-system, istio=ingressgateway
   */
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
  /**
   * Who may pick a version at the edge with rule headers, query parameters or cookies.
   * @default 'everyone'
   */
  readonly rulesAtEdge?: RulesAtEdge;
  /**
   * Whether responses to internet clients carry the services' version header (e.g. `x-meshlight-version`).
   * @default true
   */
  readonly versionHeaderAtEdge?: boolean;
  /**
   * The mesh's path normalisation (meshConfig `pathNormalization`), which meshlight cannot see: paths with a `*` in
   * excludedPaths need `DECODE_AND_MERGE_SLASHES`.
   * @default 'BASE' (Istio's default)
   */
  readonly pathNormalization?: PathNormalization;
  /**
   * The API the edge is written in: `'istio'` (an Istio Gateway on the ingress gateway pods given in `gateway`, a
   * VirtualService per host) or `'gateway-api'` (a Kubernetes Gateway of class `istio`, whose pods Istio deploys in
   * the ingress's namespace, and an HTTPRoute per host; the services it routes to must be in the Gateway API dialect
   * too). Login, CSRF protection and the policies are the same in both.
   * @default 'istio'
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/
   */
  readonly dialect?: RoutingDialect;
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
/** The methods istiod accepts in a CORS policy. */
const CORS_METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|CONNECT|OPTIONS|TRACE)$/;
/** One DNS label, for the `*` of a wildcard origin. */
const LABEL_PATTERN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
/** The longest preflight cache accepted, a year: browsers keep one a day at most anyway (and Istio rejects 0). */
const MAX_AGE_SECONDS = 86400 * 365;
/** Origins of a site nobody may own: an origin matcher that admits one admits other people's sites. */
const FOREIGN_ORIGINS = ['https://attacker.invalid', 'http://attacker.invalid', 'null'];
/** The scheme at the start of a regex origin, which Envoy's CSRF filter does not compare. */
const REGEX_SCHEME = /^\^?(https\??|http):(\/|\\\/){2}/;

const PROPS_FIELDS = fieldsOf<MeshIngressProps>({
  hosts: true, routes: true, name: true, namespace: true, gateway: true, allowPlainHttp: true, cors: true, csrf: true, jwt: true, externalLogin: true,
  rulesAtEdge: true, versionHeaderAtEdge: true, pathNormalization: true, dialect: true,
});
const HOST_FIELDS = fieldsOf<IngressHostProps>({ host: true, tlsSecret: true });
const ROUTE_FIELDS = fieldsOf<IngressRouteProps>({ service: true, host: true, path: true });
const GATEWAY_FIELDS = fieldsOf<IngressGatewayWorkloadProps>({ namespace: true, labels: true, serviceAccount: true });
const CORS_FIELDS = fieldsOf<CorsProps>({
  allowOrigins: true, allowMethods: true, allowHeaders: true, exposeHeaders: true, allowCredentials: true, maxAgeSeconds: true,
});
const CSRF_FIELDS = fieldsOf<CsrfProps>({ additionalOrigins: true });
const JWT_FIELDS = fieldsOf<JwtProps>({ issuer: true, jwksUri: true, audiences: true, anyAudience: true, fromHeader: true, fromParam: true, excludedPaths: true });
const JWT_HEADER_FIELDS = fieldsOf<NonNullable<JwtProps['fromHeader']>>({ name: true, prefix: true });
const EXTERNAL_LOGIN_FIELDS = fieldsOf<ExternalLoginProps>({ provider: true, excludedPaths: true });

interface HostPlan {
  readonly host: string;
  /** `*.example.com`: authorization policies cannot match its names with a port (`a.example.com:443`). */
  readonly wildcard: boolean;
  /** The host in object names: VirtualService `<name>-<slug>`, Gateway port `https-<slug>`. */
  readonly slug: string;
  readonly tlsSecret?: string;
}

interface RoutePlan {
  readonly host: string;
  readonly path?: string;
  readonly service: IngressService;
}

/** An allowed origin: as written, and as Istio matches it. */
interface OriginPlan {
  readonly given: string;
  readonly match: StringMatch;
  /** An origin of someone else's site the matcher admits, if any: `"*"` admits every origin. */
  readonly foreign?: string;
}

interface IngressPlan {
  readonly name: string;
  readonly namespace: string;
  readonly gatewayNamespace: string;
  readonly gatewayLabels: Readonly<Record<string, string>>;
  readonly hosts: readonly HostPlan[];
  readonly routes: readonly RoutePlan[];
  readonly cors?: Record<string, unknown>;
  /** Envoy StringMatchers for the CSRF filter's `additional_origins`, when CSRF protection is on. */
  readonly csrfOrigins?: readonly Record<string, unknown>[];
  /** Origins of the `http` scheme that unsafe requests may come from, when CSRF protection is on. */
  readonly csrfHttpOrigins?: readonly string[];
  readonly jwt?: JwtPlan;
  readonly externalLogin?: LoginPlan;
  readonly gatewayServiceAccount: string;
  readonly rulesAtEdge: RulesAtEdge;
  readonly versionHeaderAtEdge: boolean;
  readonly dialect: RoutingDialect;
  /** The CORS settings as the Gateway API's CORS filter takes them, with the Gateway API dialect and cors. */
  readonly corsFilter?: Record<string, unknown>;
}

/** Paths served without login, by host; hosts without any are absent. */
type ExcludedPaths = ReadonlyMap<string, readonly string[]>;

interface JwtPlan {
  readonly issuer: string;
  /** The `jwtRules` entry, as the gateway's RequestAuthentication and the backends' carry it. */
  readonly rule: Readonly<Record<string, unknown>>;
  readonly excluded: ExcludedPaths;
}

interface LoginPlan {
  readonly provider: string;
  readonly excluded: ExcludedPaths;
}

/**
 * Whether `value` is missing `field` because an unknown field of it is that one misspelt: checkKnownFields reports the
 * misspelling, and the missing field would be the same mistake twice.
 */
function misspelt(value: object, field: string, known: readonly string[]): boolean {
  return Object.keys(value).some((k) => !known.includes(k) && closestField(k, known) === field);
}

function isIngressService(value: unknown): value is IngressService {
  return typeof value === 'object' && value !== null && Array.isArray((value as IngressService).httpRoutes)
    && typeof (value as IngressService).identity?.host === 'string' && typeof (value as IngressService).identity?.name === 'string';
}

/**
 * Paths served without login, by host: each key one of the ingress's hosts, each path one a security rule can use
 * safely under the mesh's path normalisation.
 */
function planExcludedPaths(problems: ProblemCollector, field: string, raw: unknown, hosts: readonly HostPlan[], normalization: PathNormalization): Map<string, string[]> {
  const excluded = new Map<string, string[]>();
  if (raw === undefined) return excluded;
  const example = `{ ${quote(hosts[0]?.host ?? 'shop.example.com')}: ["/healthz"] }`;
  if (!isLiteralObject(raw)) {
    problems.add(field, raw, Array.isArray(raw) ? 'lists paths without their host, so they would be open on every host of the ingress' : 'is not a map of hosts to paths',
      `name the host each path belongs to, e.g. ${example}`);
    return excluded;
  }
  for (const [host, paths] of Object.entries(raw)) {
    if (!hosts.some((h) => h.host === host)) {
      problems.add(`${field}[${quote(host)}]`, host, 'is not one of the ingress hosts', hosts.length > 0 ? `use one of ${quote(hosts.map((h) => h.host))}` : `list the host in hosts first`);
      continue;
    }
    if (!Array.isArray(paths) || paths.length === 0) {
      problems.add(`${field}[${quote(host)}]`, paths, 'is not a non-empty list of paths', `use a list such as ["/healthz"]`);
      continue;
    }
    const before = problems.count;
    checkSecurityPaths(problems, `${field}[${quote(host)}]`, paths, normalization);
    if (problems.count === before) excluded.set(host, [...new Set(paths as string[])].sort(compareText));
  }
  return excluded;
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

/** An origin of someone else's site that `match` admits, or undefined when it admits only hosts the user names. */
function foreignOriginOf(match: StringMatch): string | undefined {
  if (match.kind === 'exact') return match.value === '*' ? '*' : undefined;
  if (match.kind === 'regex') {
    const regex = RE2JS.compile(match.value);
    return [...FOREIGN_ORIGINS, ...lookalikeOrigins(match.value)].find((o) => regex.matches(o));
  }
  // A prefix fixes the host only when it runs up to the port: "https://app.example.com" admits
  // "https://app.example.com.attacker.invalid".
  const rest = match.value.replace(/^https?:\/\//, '');
  if (rest.includes(':')) return undefined;
  return `${match.value}${rest === '' || rest.endsWith('.') ? '' : rest.endsWith('-') ? 'x.' : '.'}attacker.invalid`;
}

/**
 * Origins of other people's sites that look like a domain the regex names, for a regex that does not pin the domain
 * down: the domain glued to another name (`https://.*example\.com` admits "https://attackerexample.com"), with
 * another domain after it (`https://example\.com.*`), or with a dot the regex leaves unescaped taken by a letter
 * (`https://app.example\.com` admits "https://appxexample.com").
 */
function lookalikeOrigins(pattern: string): string[] {
  // Domains as written in the pattern: labels joined by escaped or unescaped dots.
  const written = pattern.match(/[a-z0-9-]+(?:\\?\.[a-z0-9-]+)+/gi) ?? [];
  return written.flatMap((w) => {
    const domain = w.replace(/\\\./g, '.').toLowerCase();
    const hosts = [`attacker${domain}`, `attacker-${domain}`, `${domain}.attacker.invalid`];
    // Each unescaped dot in turn, so that the rest stays a registrable domain.
    for (const dot of w.matchAll(/(?<!\\)\./g)) {
      const i = dot.index!;
      hosts.push(`${w.slice(0, i)}x${w.slice(i + 1)}`.replace(/\\\./g, '.').toLowerCase());
    }
    return hosts.flatMap((h) => [`https://${h}`, `http://${h}`]);
  });
}

/**
 * The origin as Istio must match it: `https://*.example.com` (any one label in place of `*`) becomes the equivalent
 * RE2 pattern, since Istio compares an exact origin literally.
 */
function originMatch(m: StringMatch): StringMatch {
  if (m.kind !== 'exact' || !m.value.includes('://*.')) return m;
  const [scheme, rest] = m.value.split('://*');
  return StringMatch.regex(`${scheme}://${LABEL_PATTERN}${escapeRe2(rest)}`);
}

/** Whether `pattern` has a `|` outside every group and class, which would split it into alternatives. */
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The Envoy StringMatcher of the CSRF filter for an origin, or undefined for a regex it cannot take. The filter compares
 * the host[:port] of the Origin (or Referer) header, without its scheme, so the scheme comes off every matcher.
 */
function csrfMatcherOf(match: StringMatch): Record<string, unknown> | undefined {
  if (match.kind !== 'regex') return { [match.kind]: match.value.replace(/^https?:\/\//, '') };
  const scheme = REGEX_SCHEME.exec(match.value);
  const host = scheme === null ? '' : match.value.slice(scheme[0].length);
  return host === '' || hasTopLevelAlternation(host) ? undefined : { safe_regex: { regex: host } };
}

function planOrigins(problems: ProblemCollector, field: string, raw: unknown, emptyAllowed: boolean): OriginPlan[] {
  if (!Array.isArray(raw) || (raw.length === 0 && !emptyAllowed)) {
    problems.add(field, raw, 'lists no origins', 'list the origins of your web apps, e.g. ["https://app.example.com"]');
    return [];
  }
  const out: OriginPlan[] = [];
  for (const o of raw) {
    if (!isStringMatchLike(o)) {
      problems.add(field, o, 'is not an origin', 'use "https://app.example.com" or StringMatch.regex(...) (as data, { regex: "..." })');
      continue;
    }
    const m = toStringMatch(o);
    if (m.kind === 'regex') {
      if (!checkRe2(problems, field, m.value)) continue;
    } else if (m.kind === 'exact' && m.value !== '*' && !ORIGIN.test(m.value)) {
      problems.add(field, m.value, 'is not an origin (scheme://host[:port], no path)', `use an origin such as "https://app.example.com"`);
      continue;
    } else if (m.kind === 'prefix' && !/^https?:\/\//.test(m.value)) {
      problems.add(field, m.value, 'is not the start of an origin', 'start it with the scheme, e.g. StringMatch.prefix("https://")');
      continue;
    }
    out.push({ given: m.value, match: originMatch(m), foreign: foreignOriginOf(m) });
  }
  return out;
}

interface CorsPlan {
  readonly policy?: Record<string, unknown>;
  readonly origins: readonly OriginPlan[];
  readonly credentials: boolean;
}

function planCors(problems: ProblemCollector, raw: unknown): CorsPlan {
  if (raw === undefined) return { origins: [], credentials: false };
  if (!isLiteralObject(raw)) {
    problems.add('cors', raw, 'is not a CORS policy', 'use an object such as { allowOrigins: ["https://app.example.com"] }');
    return { origins: [], credentials: false };
  }
  checkKnownFields(problems, 'cors', raw, CORS_FIELDS, 'a CORS policy');
  const cors = raw as Partial<CorsProps>;
  const origins = cors.allowOrigins === undefined && misspelt(cors, 'allowOrigins', CORS_FIELDS) ? [] : planOrigins(problems, 'cors.allowOrigins', cors.allowOrigins, false);
  const credentials = cors.allowCredentials ?? false;
  if (typeof credentials !== 'boolean') {
    problems.add('cors.allowCredentials', credentials, 'is not true or false', 'use true only if browsers must send cookies');
  }
  for (const o of credentials === true ? origins : []) {
    if (o.foreign === '*') {
      problems.add('cors.allowOrigins', '*', 'allows every origin while allowCredentials is true, so any web page could act with a user\'s cookies (browsers refuse it too)', 'list the origins of your web apps');
    } else if (o.foreign !== undefined) {
      problems.add('cors.allowOrigins', o.given, `admits other sites' origins such as "${o.foreign}" while allowCredentials is true, so their pages could act with a user's cookies`, 'list exact origins such as "https://app.example.com", "https://*.example.com" for the subdomains of your own domain, or a regex that fixes the host');
    }
  }
  const methods = listOfStrings(problems, 'cors.allowMethods', cors.allowMethods ?? ['GET', 'POST'], CORS_METHOD, 'an HTTP method', 'use upper-case methods such as "GET"');
  const allowHeaders = listOfStrings(problems, 'cors.allowHeaders', cors.allowHeaders ?? [], TOKEN, 'a header name', 'list header names of letters, digits and "-", no spaces, e.g. ["content-type", "x-request-id"]');
  const exposeHeaders = listOfStrings(problems, 'cors.exposeHeaders', cors.exposeHeaders ?? [], TOKEN, 'a header name', 'list header names of letters, digits and "-", no spaces, e.g. ["content-type", "x-request-id"]');
  const maxAge = cors.maxAgeSeconds ?? 86400;
  if (typeof maxAge !== 'number' || !Number.isInteger(maxAge)) {
    problems.add('cors.maxAgeSeconds', maxAge, 'is not a whole number of seconds', 'use e.g. 600');
  } else if (maxAge < 1 || maxAge > MAX_AGE_SECONDS) {
    problems.add('cors.maxAgeSeconds', maxAge, `is not between 1 and ${MAX_AGE_SECONDS} seconds (a year)`, 'use e.g. 600; browsers keep a preflight answer for a day at most anyway');
  }
  const policy: Record<string, unknown> = {
    allowCredentials: credentials === true,
    allowMethods: [...methods].sort(),
    allowOrigins: origins.map((o) => o.match.toIstio()),
    // A bad maxAge is reported above; the policy is then never rendered.
    maxAge: typeof maxAge === 'number' ? `${maxAge}s` : undefined,
  };
  if (allowHeaders.length > 0) policy.allowHeaders = [...allowHeaders].sort();
  if (exposeHeaders.length > 0) policy.exposeHeaders = [...exposeHeaders].sort();
  return { policy, origins, credentials: credentials === true };
}

/**
 * The CSRF filter's additional origins, and the `http://` origins unsafe requests may come from (Envoy's filter
 * compares host[:port] only, so meshlight checks the scheme in a policy of its own); undefined when CSRF protection is
 * off. By default the origins are the CORS origins but "*": that one opens cross-origin reads, never cross-origin writes.
 */
function planCsrf(problems: ProblemCollector, raw: unknown, cors: CorsPlan, hosts: readonly HostPlan[]): { matchers: Record<string, unknown>[]; httpOrigins: string[] } | undefined {
  const csrf = raw ?? cors.credentials;
  if (csrf === false) return undefined;
  if (csrf !== true && !isLiteralObject(csrf)) {
    problems.add('csrf', csrf, 'is not true, false or CSRF settings', 'use true, false or { additionalOrigins: [...] }');
    return undefined;
  }
  if (isLiteralObject(csrf)) checkKnownFields(problems, 'csrf', csrf, CSRF_FIELDS, 'CSRF settings');
  const listed = isLiteralObject(csrf) && csrf.additionalOrigins !== undefined;
  const origins = listed ? planOrigins(problems, 'csrf.additionalOrigins', (csrf as CsrfProps).additionalOrigins, true) : cors.origins.filter((o) => o.foreign !== '*');
  const matchers: Record<string, unknown>[] = [];
  // The ingress's own plain-HTTP hosts are the origins of their pages; HTTPS hosts redirect HTTP.
  const httpOrigins = hosts.filter((h) => h.tlsSecret === undefined).map((h) => (h.wildcard ? `*${h.host.slice(1)}` : `http://${h.host}`));
  for (const o of origins) {
    if (o.foreign !== undefined) {
      // With credentials, the CORS check has reported it already.
      if (listed || !cors.credentials) {
        problems.add(listed ? 'csrf.additionalOrigins' : 'cors.allowOrigins', o.given, `admits ${o.foreign === '*' ? 'every origin' : `other sites' origins such as "${o.foreign}"`}, so CSRF protection would let unsafe requests from other sites through`, 'list exact origins, or "https://*.example.com" for the subdomains of your own domain; set csrf: false to turn CSRF protection off on purpose');
      }
      continue;
    }
    const matcher = csrfMatcherOf(o.match);
    if (matcher === undefined) {
      problems.add(listed ? 'csrf.additionalOrigins' : 'cors.allowOrigins', o.given, 'is a regex CSRF protection cannot use: Envoy compares only the host[:port] of an origin there, so the pattern must be a scheme ("https://", "http://" or "https?://") followed by one host pattern', 'write it as e.g. StringMatch.regex("https://(app|admin)\\\\.example\\\\.com")');
      continue;
    }
    const http = httpOriginPattern(o.match);
    if (http === null) {
      problems.add(listed ? 'csrf.additionalOrigins' : 'cors.allowOrigins', o.given, 'admits plain-HTTP origins by a pattern, which CSRF protection cannot tell from their https:// twins (Envoy compares host[:port] only, and the scheme check matches exact origins or prefixes)', 'list plain-HTTP origins exactly, e.g. "http://app.example.com:8080", and write the pattern for https:// only');
      continue;
    }
    if (http !== undefined) httpOrigins.push(http);
    matchers.push(matcher);
  }
  return { matchers, httpOrigins: [...new Set(httpOrigins)].sort(compareText) };
}

/**
 * The `http://` origins `match` admits, as an AuthorizationPolicy value (exact, or a prefix ending in `*`): undefined
 * when it admits none, null when a pattern admits some that a value cannot state.
 */
function httpOriginPattern(match: StringMatch): string | undefined | null {
  if (match.kind === 'exact') return match.value.startsWith('http://') ? match.value : undefined;
  if (match.kind === 'prefix') return match.value.startsWith('http://') ? `${match.value}*` : undefined;
  const scheme = REGEX_SCHEME.exec(match.value);
  return scheme !== null && scheme[1] !== 'https' ? null : undefined;
}

function planJwt(problems: ProblemCollector, jwt: unknown, hosts: readonly HostPlan[], normalization: PathNormalization): JwtPlan | undefined {
  if (jwt === undefined) return undefined;
  if (!isLiteralObject(jwt)) {
    problems.add('jwt', jwt, 'is not JWT settings', 'use an object such as { issuer: "https://accounts.example.com", jwksUri: "https://accounts.example.com/.well-known/jwks.json", audiences: ["shop"] }');
    return undefined;
  }
  const before = problems.count;
  checkKnownFields(problems, 'jwt', jwt, JWT_FIELDS, 'JWT settings');
  const j = jwt as Partial<JwtProps>;
  if ((typeof j.issuer !== 'string' || j.issuer === '') && !(j.issuer === undefined && misspelt(j, 'issuer', JWT_FIELDS))) {
    problems.add('jwt.issuer', j.issuer, j.issuer === undefined ? 'is missing' : 'is not a token issuer', 'give the token issuer (the "iss" claim), e.g. "https://accounts.example.com"');
  }
  if ((typeof j.jwksUri !== 'string' || !/^https?:\/\/[^\s]+$/.test(j.jwksUri)) && !(j.jwksUri === undefined && misspelt(j, 'jwksUri', JWT_FIELDS))) {
    problems.add('jwt.jwksUri', j.jwksUri, 'is not an http(s) URL', 'give the URL where the issuer publishes its keys, e.g. "https://accounts.example.com/.well-known/jwks.json"');
  }
  const excluded = planExcludedPaths(problems, 'jwt.excludedPaths', j.excludedPaths, hosts, normalization);
  const anyAudience = j.anyAudience ?? false;
  if (typeof anyAudience !== 'boolean') {
    problems.add('jwt.anyAudience', anyAudience, 'is not true or false', 'list the audiences a token must be for instead, or set true to accept any on purpose');
  }
  const audiences = j.audiences === undefined ? [] : listOfStrings(problems, 'jwt.audiences', j.audiences, /^\S+$/, 'an audience', 'list the audiences a token must be for, e.g. ["shop"]');
  if (j.audiences === undefined && anyAudience === false && !misspelt(j, 'audiences', JWT_FIELDS)) {
    problems.add('jwt.audiences', undefined, 'are missing, so a token the issuer signed for any other application would log in here', 'list the audiences ("aud") tokens for this application carry, e.g. audiences: ["shop"], or set anyAudience: true on purpose');
  } else if (j.audiences !== undefined && anyAudience === true) {
    problems.add('jwt.anyAudience', true, 'contradicts the audiences listed', 'remove one of audiences and anyAudience');
  } else if (Array.isArray(j.audiences) && j.audiences.length === 0) {
    problems.add('jwt.audiences', j.audiences, 'lists no audiences', 'list the audiences tokens for this application carry, or set anyAudience: true on purpose');
  }
  if (j.fromHeader !== undefined) {
    if (!isLiteralObject(j.fromHeader) || typeof j.fromHeader.name !== 'string' || !TOKEN.test(j.fromHeader.name)
      || (j.fromHeader.prefix !== undefined && typeof j.fromHeader.prefix !== 'string')) {
      problems.add('jwt.fromHeader', j.fromHeader, 'is not a header to read the token from', 'use { name: "authorization", prefix: "Bearer " }');
    } else {
      checkKnownFields(problems, 'jwt.fromHeader', j.fromHeader, JWT_HEADER_FIELDS, 'a token header');
    }
  }
  if (j.fromParam !== undefined && (typeof j.fromParam !== 'string' || j.fromParam === '')) {
    problems.add('jwt.fromParam', j.fromParam, 'is not a query parameter name', 'use a name such as "access_token"');
  }
  checkLoginHosts(problems, 'jwt', hosts);
  if (problems.count !== before) return undefined;
  const rule: Record<string, unknown> = { issuer: j.issuer, jwksUri: j.jwksUri };
  if (audiences.length > 0) rule.audiences = [...audiences];
  if (j.fromHeader !== undefined) rule.fromHeaders = [j.fromHeader.prefix === undefined ? { name: j.fromHeader.name } : { name: j.fromHeader.name, prefix: j.fromHeader.prefix }];
  if (j.fromParam !== undefined) rule.fromParams = [j.fromParam];
  return { issuer: j.issuer as string, rule, excluded };
}

function planExternalLogin(problems: ProblemCollector, login: unknown, hosts: readonly HostPlan[], normalization: PathNormalization): LoginPlan | undefined {
  if (login === undefined) return undefined;
  if (!isLiteralObject(login)) {
    problems.add('externalLogin', login, 'is not login settings', 'use an object such as { provider: "oauth2-proxy" }, naming the meshConfig extension provider');
    return undefined;
  }
  const before = problems.count;
  checkKnownFields(problems, 'externalLogin', login, EXTERNAL_LOGIN_FIELDS, 'login settings');
  const l = login as Partial<ExternalLoginProps>;
  if ((typeof l.provider !== 'string' || l.provider === '') && !(l.provider === undefined && misspelt(l, 'provider', EXTERNAL_LOGIN_FIELDS))) {
    problems.add('externalLogin.provider', l.provider, 'is missing', 'name the meshConfig extension provider of your login service');
  }
  const excluded = planExcludedPaths(problems, 'externalLogin.excludedPaths', l.excludedPaths, hosts, normalization);
  checkLoginHosts(problems, 'externalLogin', hosts);
  return problems.count === before ? { provider: l.provider as string, excluded } : undefined;
}

/**
 * Login policies match the request's host, with and without a port (`shop.example.com:443` routes like
 * `shop.example.com`). A wildcard host cannot be matched with a port (one `*` per value), so a request naming a port
 * would skip the login: refused.
 */
function checkLoginHosts(problems: ProblemCollector, field: string, hosts: readonly HostPlan[]): void {
  const wildcard = hosts.find((h) => h.wildcard);
  if (wildcard === undefined) return;
  problems.add(field, wildcard.host,
    `would not apply to requests for ${wildcard.host} whose Host header carries a port ("app${wildcard.host.slice(1)}:443"): Istio's authorization policies match one "*" per host, so they cannot match a wildcard host with a port`,
    'list the hosts one by one, or serve the wildcard host from a MeshIngress without login');
}

function planGateway(problems: ProblemCollector, raw: unknown): { namespace: string; labels: Record<string, string>; serviceAccount: string } {
  const defaults = { namespace: 'istio-system', labels: { istio: 'ingressgateway' }, serviceAccount: 'istio-ingressgateway-service-account' };
  if (raw === undefined) return defaults;
  if (!isLiteralObject(raw)) {
    problems.add('gateway', raw, 'is not the gateway deployment', 'use an object such as { namespace: "istio-system", labels: { istio: "ingressgateway" } }, or leave it out for Istio\'s default ingress gateway');
    return defaults;
  }
  checkKnownFields(problems, 'gateway', raw, GATEWAY_FIELDS, 'the gateway deployment');
  const namespace = raw.namespace ?? defaults.namespace;
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('gateway.namespace', namespace, 'is not a namespace name', 'use the namespace of the ingress gateway pods, usually "istio-system"');
  }
  const labels = raw.labels ?? defaults.labels;
  if (!isLiteralObject(labels) || !isLabelSet(labels)) {
    problems.add('gateway.labels', labels, 'is not a set of pod labels', 'use the labels of the gateway pods, e.g. { istio: "ingressgateway" }');
  }
  const serviceAccount = raw.serviceAccount ?? defaults.serviceAccount;
  if (typeof serviceAccount !== 'string' || !isDnsSubdomain(serviceAccount)) {
    problems.add('gateway.serviceAccount', serviceAccount, 'is not a service account name', 'use the service account of the gateway pods, e.g. "istio-ingressgateway-service-account"');
  }
  return { namespace: namespace as string, labels: labels as Record<string, string>, serviceAccount: serviceAccount as string };
}

/**
 * The hosts, and every host name the props list, valid or not (none when they list no hosts), so that a route to a
 * host already reported is not reported again.
 */
function planHosts(problems: ProblemCollector, raw: unknown, allowPlainHttp: unknown): { hosts: HostPlan[]; named?: Set<unknown> } {
  const hosts: HostPlan[] = [];
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('hosts', raw, 'lists no hosts', 'list the hosts users reach, e.g. [{ host: "shop.example.com", tlsSecret: "shop-cert" }]');
    return { hosts };
  }
  const named = new Set<unknown>();
  raw.forEach((entry: unknown, i) => {
    if (!isLiteralObject(entry)) {
      if (typeof entry === 'string') named.add(entry);
      problems.add(`hosts[${i}]`, entry, 'is not a host entry', 'use an object such as { host: "shop.example.com", tlsSecret: "shop-cert" }');
      return;
    }
    checkKnownFields(problems, `hosts[${i}]`, entry, HOST_FIELDS, 'an ingress host');
    const h = entry as Partial<IngressHostProps>;
    if (typeof h.host === 'string') named.add(h.host);
    if (h.host === undefined && misspelt(h, 'host', HOST_FIELDS)) return;
    if (!isHostPattern(h.host)) {
      problems.add(`hosts[${i}].host`, h.host, 'is not a host name', 'use a lower-case DNS name such as "shop.example.com"');
      return;
    }
    if (hosts.some((o) => o.host === h.host)) {
      problems.add(`hosts[${i}].host`, h.host, 'is listed twice', 'list each host once');
      return;
    }
    const slug = hostSlug(h.host);
    const twin = hosts.find((o) => o.slug === slug);
    if (twin !== undefined) {
      problems.add(
        `hosts[${i}].host`, h.host,
        `gives the same object names as "${twin.host}" (VirtualService <name>-${slug}, Gateway port https-${slug})`,
        'serve one of the two from a second MeshIngress: object names keep only the letters and digits of a host ("*." as "wildcard."), cut to 50 characters',
      );
      return;
    }
    if (h.tlsSecret === undefined && allowPlainHttp === false && !misspelt(h, 'tlsSecret', HOST_FIELDS)) {
      problems.add(`hosts[${i}].tlsSecret`, undefined, `is missing, so ${h.host} would be served over plain HTTP`, 'name the Kubernetes TLS Secret with its certificate, or set allowPlainHttp: true on purpose');
    } else if (h.tlsSecret !== undefined && (typeof h.tlsSecret !== 'string' || !isDnsSubdomain(h.tlsSecret))) {
      problems.add(`hosts[${i}].tlsSecret`, h.tlsSecret, 'is not a Secret name', 'use the name of a kubernetes.io/tls Secret in the gateway namespace');
    }
    hosts.push({ host: h.host, wildcard: h.host.startsWith('*.'), slug, tlsSecret: typeof h.tlsSecret === 'string' ? h.tlsSecret : undefined });
  });
  return { hosts, named };
}

function planRoutes(problems: ProblemCollector, raw: unknown, hosts: readonly HostPlan[], named: Set<unknown> | undefined): RoutePlan[] {
  const routes: RoutePlan[] = [];
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('routes', raw, 'lists no routes', 'bind at least one service, e.g. [{ service: httpbin, host: "shop.example.com" }]');
    return routes;
  }
  raw.forEach((entry: unknown, i) => {
    if (!isLiteralObject(entry) || isIngressService(entry)) {
      problems.add(`routes[${i}]`, isIngressService(entry) ? '(a service)' : entry, 'is not a route', 'use an object such as { service: cart, host: "shop.example.com" }');
      return;
    }
    checkKnownFields(problems, `routes[${i}]`, entry, ROUTE_FIELDS, 'an ingress route');
    const r = entry as Partial<IngressRouteProps>;
    if ((r.service === undefined && misspelt(r, 'service', ROUTE_FIELDS)) || (r.host === undefined && misspelt(r, 'host', ROUTE_FIELDS))) return;
    if (!isIngressService(r.service)) {
      problems.add(`routes[${i}].service`, r.service === undefined ? undefined : '(not a GrayscaleService)', 'is not a known service', 'pass a GrayscaleService');
      return;
    }
    if (!hosts.some((h) => h.host === r.host)) {
      // A host that is listed but wrong, or no hosts at all, has been reported already.
      if (named !== undefined && !named.has(r.host)) {
        problems.add(`routes[${i}].host`, r.host, 'is not one of the ingress hosts', `use one of ${quote(hosts.map((h) => h.host))}`);
      }
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
  return routes;
}

function planIngress(props: MeshIngressProps, context: RenderContext): IngressPlan {
  const problems = new ProblemCollector(context.path);
  if (!isLiteralObject(props)) {
    problems.add('props', props, 'is not an object', 'pass an object such as { hosts, routes }');
    problems.throwIfAny();
  }
  checkKnownFields(problems, '', props, PROPS_FIELDS, 'MeshIngress props');
  const input = props as Partial<MeshIngressProps>;
  const name = input.name ?? context.defaultName;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    problems.add('name', name, 'is not a valid name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const namespace = input.namespace ?? 'default';
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('namespace', namespace, 'is not a namespace name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  const gateway = planGateway(problems, input.gateway);
  const allowPlainHttp = input.allowPlainHttp ?? false;
  if (typeof allowPlainHttp !== 'boolean') {
    problems.add('allowPlainHttp', allowPlainHttp, 'is not true or false', 'use true to serve hosts without tlsSecret over plain HTTP on purpose, or leave it out');
  }
  const { hosts, named } = input.hosts === undefined && misspelt(input, 'hosts', PROPS_FIELDS) ? { hosts: [], named: undefined } : planHosts(problems, input.hosts, allowPlainHttp);
  const routes = input.routes === undefined && misspelt(input, 'routes', PROPS_FIELDS) ? [] : planRoutes(problems, input.routes, hosts, named);
  const cors = planCors(problems, input.cors);
  const csrf = planCsrf(problems, input.csrf, cors, hosts);
  const pathNormalization = planPathNormalization(problems, input.pathNormalization);
  const jwt = planJwt(problems, input.jwt, hosts, pathNormalization);
  const externalLogin = planExternalLogin(problems, input.externalLogin, hosts, pathNormalization);
  const rulesAtEdge = input.rulesAtEdge ?? 'everyone';
  if (!['everyone', 'authenticated', 'none'].includes(rulesAtEdge)) {
    problems.add('rulesAtEdge', rulesAtEdge, 'is not who may pick a version at the edge', 'use "everyone" (the default), "authenticated" (with jwt) or "none"');
  } else if (rulesAtEdge === 'authenticated' && input.jwt === undefined) {
    problems.add('rulesAtEdge', rulesAtEdge, 'needs jwt: without a token, no request at the edge is authenticated', 'configure jwt, or use "none" to let nobody at the edge pick a version');
  }
  const versionHeaderAtEdge = input.versionHeaderAtEdge ?? true;
  if (typeof versionHeaderAtEdge !== 'boolean') {
    problems.add('versionHeaderAtEdge', versionHeaderAtEdge, 'is not true or false', 'use false to keep the version header from internet clients, or leave it out');
  }
  const dialect = planIngressDialect(problems, input, cors);
  problems.throwIfAny();
  // A Gateway of the Gateway API gets pods of its own from Istio: `<name>-istio`, in its namespace, labelled with its
  // name. They take internet traffic, so they stay out of the app's namespaces (a ZeroTrustNamespace would fence them).
  const pods = dialect === 'gateway-api'
    ? { namespace: (input.gateway?.namespace ?? 'istio-ingress') as string, labels: { [GATEWAY_NAME_LABEL]: name as string }, serviceAccount: `${name}-istio` }
    : gateway;
  return {
    name, namespace, gatewayNamespace: pods.namespace, gatewayLabels: sortedRecord(pods.labels), hosts,
    routes, cors: cors.policy, csrfOrigins: csrf?.matchers, csrfHttpOrigins: csrf?.httpOrigins, jwt, externalLogin,
    gatewayServiceAccount: pods.serviceAccount, rulesAtEdge, versionHeaderAtEdge: versionHeaderAtEdge === true, dialect,
    ...(dialect === 'gateway-api' && cors.policy !== undefined ? { corsFilter: corsFilterOf(cors.policy, cors.origins) } : {}),
  };
}

/** The label Istio gives the pods it deploys for a Gateway of the Gateway API: the Gateway's name. */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * The edge's dialect; with gateway-api, a problem for what its Gateway cannot be given: the pods of `gateway` (Istio
 * deploys the Gateway's own), a version picked at the edge by token (an HTTPRoute cannot match a JWT claim), and CORS
 * origins other than exact ones (the Gateway API's `*` admits any number of labels, and it takes no expressions).
 */
function planIngressDialect(problems: ProblemCollector, input: Partial<MeshIngressProps>, cors: CorsPlan): RoutingDialect {
  const dialect = input.dialect ?? 'istio';
  if (dialect !== 'istio' && dialect !== 'gateway-api') {
    problems.add('dialect', dialect, 'is not a routing dialect', 'use "istio" (Istio Gateway, VirtualServices) or "gateway-api" (Gateway of class istio, HTTPRoutes)');
    return 'istio';
  }
  if (dialect === 'istio') return dialect;
  for (const field of ['labels', 'serviceAccount'] as const) {
    if (isLiteralObject(input.gateway) && input.gateway[field] !== undefined) {
      problems.add(`gateway.${field}`, input.gateway[field], 'describes existing gateway pods, and Istio deploys the pods of a Gateway API Gateway itself (labelled with its name, as <name>-istio)', 'give gateway only the namespace of the Gateway and its pods, or use dialect "istio" to serve through existing gateway pods');
    }
  }
  if (input.rulesAtEdge === 'authenticated') {
    problems.add('rulesAtEdge', input.rulesAtEdge, 'keeps rules for requests with a valid token, which needs a match on a JWT claim that an HTTPRoute cannot make', 'use "everyone" or "none", or dialect "istio"');
  }
  for (const o of cors.origins) {
    if (o.given !== '*' && (o.match.kind !== 'exact' || o.given.includes('*'))) {
      problems.add('cors.allowOrigins', o.given, 'is not an exact origin, and the Gateway API\'s CORS filter takes exact origins or a "*" that admits any number of labels (a.b.example.com for *.example.com)', 'list the origins one by one, or use dialect "istio"');
    }
  }
  return dialect;
}

/** The Gateway API's CORS filter of a VirtualService corsPolicy whose origins are exact (or "*"). */
function corsFilterOf(policy: Record<string, unknown>, origins: readonly OriginPlan[]): Record<string, unknown> {
  const cors: Record<string, unknown> = {
    allowCredentials: policy.allowCredentials,
    allowMethods: policy.allowMethods,
    allowOrigins: origins.map((o) => o.given),
    maxAge: Number(String(policy.maxAge).replace(/s$/, '')),
  };
  if (policy.allowHeaders !== undefined) cors.allowHeaders = policy.allowHeaders;
  if (policy.exposeHeaders !== undefined) cors.exposeHeaders = policy.exposeHeaders;
  return { type: 'CORS', cors };
}

function meta(namespace: string, name: string): Manifest['metadata'] {
  return { name, namespace, labels: { ...MANAGED_BY_LABEL } };
}

function renderGateway(plan: IngressPlan): Manifest {
  const tlsHosts = plan.hosts.filter((h) => h.tlsSecret !== undefined);
  const plainHosts = plan.hosts.filter((h) => h.tlsSecret === undefined).map((h) => h.host);
  const servers: Record<string, unknown>[] = tlsHosts.map((h) => ({
    hosts: [`${plan.namespace}/${h.host}`],
    port: { name: `https-${h.slug}`.slice(0, 63).replace(/-+$/, ''), number: 443, protocol: 'HTTPS' },
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
function routeUnderPath(route: HttpRoute, path: string, segments = false): HttpRoute[] {
  const ownRewrite = (route.rewrite as { uri?: string } | undefined)?.uri;
  const byRewrite = new Map<string, Record<string, unknown>[]>();
  const matches = (route.match as Record<string, unknown>[] | undefined) ?? [{}];
  const exacts = new Set(matches.map((m) => (m.uri as { exact?: string } | undefined)?.exact));
  for (const m of matches) {
    const uri = m.uri as { exact?: string; prefix?: string } | undefined;
    // With `segments` (an HTTPRoute's PathPrefix, which matches whole segments), `prefix: X/` beside `exact: X` is
    // rewritten as X is: replacing the prefix P+X by X leaves the same path as replacing P+X/ by X/.
    const paired = segments && uri?.prefix?.endsWith('/') === true && exacts.has(uri.prefix.slice(0, -1));
    const moved: [Record<string, unknown>, string][] = uri === undefined
      ? [[{ ...m, uri: { exact: path } }, '/'], [{ ...m, uri: { prefix: `${path}/` } }, '/']]
      : uri.exact !== undefined
        ? [[{ ...m, uri: { exact: `${path}${uri.exact}` } }, uri.exact]]
        : [[{ ...m, uri: { prefix: `${path}${uri.prefix}` } }, paired ? uri.prefix!.slice(0, -1) : uri.prefix!]];
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

/** The routes of host `h` at the edge, in evaluation order, with the service each comes from. */
function hostRoutesOf(plan: IngressPlan, h: HostPlan, segments = false): { readonly route: HttpRoute; readonly from: RoutePlan }[] {
  // Longest path first, so /api/v2 is not hidden behind /api; the service on "/" comes last.
  const routes = plan.routes.filter((r) => r.host === h.host).sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0));
  return routes.flatMap((r) => edgeRoutesOf(plan, r.service).flatMap((route) => {
    const named: HttpRoute = { ...route, name: `${r.service.identity.name}-${String(route.name ?? 'route')}` };
    return (r.path === undefined ? [named] : routeUnderPath(named, r.path, segments)).map((placed) => ({ route: placed, from: r }));
  }));
}

/** The hosts some route is bound to. */
function routedHosts(plan: IngressPlan): HostPlan[] {
  return plan.hosts.filter((h) => plan.routes.some((r) => r.host === h.host));
}

function renderVirtualServices(plan: IngressPlan): Manifest[] {
  const gateway = `${plan.namespace}/${plan.name}`;
  return routedHosts(plan).map((h) => {
    const http = hostRoutesOf(plan, h).map(({ route: p }) => (plan.cors === undefined || p.directResponse !== undefined ? p : sortedRecord({ ...p, corsPolicy: plan.cors })));
    return {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: meta(plan.namespace, `${plan.name}-${h.slug}`),
      spec: { gateways: [gateway], hosts: [h.host], http },
    };
  });
}

/** A listener's name for host `h`: `https-<slug>` or `http-<slug>`, as a Gateway's sectionName. */
function listenerName(scheme: 'http' | 'https', h: HostPlan): string {
  return `${scheme}-${h.slug}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The Gateway of the Gateway API dialect, of class `istio`, in the gateway's namespace: an HTTPS listener per host with
 * a TLS Secret, an HTTP one per host (redirected to HTTPS, or served with allowPlainHttp), each taking routes of the
 * ingress's namespace only.
 */
function renderKubeGateway(plan: IngressPlan): Manifest {
  const same = plan.gatewayNamespace === plan.namespace
    ? { namespaces: { from: 'Same' } }
    : { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': plan.namespace } } } };
  const listeners = plan.hosts.flatMap((h) => [
    ...(h.tlsSecret === undefined ? [] : [{
      allowedRoutes: same, hostname: h.host, name: listenerName('https', h), port: 443, protocol: 'HTTPS',
      tls: { certificateRefs: [{ group: '', kind: 'Secret', name: h.tlsSecret }], mode: 'Terminate' },
    }]),
    { allowedRoutes: same, hostname: h.host, name: listenerName('http', h), port: 80, protocol: 'HTTP' },
  ]);
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: meta(plan.gatewayNamespace, plan.name),
    spec: { gatewayClassName: 'istio', listeners },
  };
}

/**
 * The HTTPRoutes of the Gateway API dialect: per routed host, its routes on the host's HTTPS listener (or its HTTP one
 * without TLS), translated from the routes the Istio dialect's VirtualService would have; per host with TLS, one that
 * redirects plain HTTP to HTTPS (as an Istio Gateway's httpsRedirect does, with a 301).
 */
function renderKubeRoutes(problems: ProblemCollector, plan: IngressPlan): Manifest[] {
  const parent = (section: string) => ({
    group: 'gateway.networking.k8s.io', kind: 'Gateway', name: plan.name,
    ...(plan.gatewayNamespace === plan.namespace ? {} : { namespace: plan.gatewayNamespace }), sectionName: section,
  });
  const routes: Manifest[] = [];
  const inIstioDialect = new Set<number>();
  for (const h of plan.hosts) {
    const served = routedHosts(plan).includes(h);
    if (served) {
      const placed = hostRoutesOf(plan, h, true);
      const backend: BackendOf = (destination) => {
        const host = String(destination.host);
        const index = plan.routes.findIndex((r) => r.service.identity.host === host);
        if (destination.subset !== undefined && !inIstioDialect.has(index)) {
          inIstioDialect.add(index);
          problems.add(`routes[${index}].service`, plan.routes[index].service.identity.name, 'is routed in Istio\'s dialect (DestinationRule subsets), which an HTTPRoute cannot send to', 'give the service dialect "gateway-api" too, or give the ingress dialect "istio"');
        }
        const [name, namespace] = host.split('.');
        const port = (destination.port as { number?: number } | undefined)?.number;
        return { group: '', kind: 'Service', name, ...(namespace === plan.namespace ? {} : { namespace }), ...(port === undefined ? {} : { port }) };
      };
      const rules = httpRouteRulesOf(problems, `routes`, placed.map((p) => p.route), backend, plan.corsFilter === undefined ? [] : [plan.corsFilter]);
      routes.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: meta(plan.namespace, `${plan.name}-${h.slug}`),
        spec: { hostnames: [h.host], parentRefs: [parent(listenerName(h.tlsSecret === undefined ? 'http' : 'https', h))], rules },
      });
    }
    if (h.tlsSecret !== undefined) {
      routes.push({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: meta(plan.namespace, `${plan.name}-${h.slug}-redirect`),
        spec: {
          hostnames: [h.host], parentRefs: [parent(listenerName('http', h))],
          rules: [{ filters: [{ requestRedirect: { scheme: 'https', statusCode: 301 }, type: 'RequestRedirect' }], name: 'https-redirect' }],
        },
      });
    }
  }
  return routes;
}

/**
 * The ReferenceGrants that let the ingress's HTTPRoutes send to Services of other namespaces: one in each such
 * namespace, for HTTPRoutes of the ingress's namespace.
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
function renderReferenceGrants(plan: IngressPlan): Manifest[] {
  const namespaces = [...new Set(plan.routes.map((r) => r.service.identity.namespace))].filter((n) => n !== plan.namespace).sort(compareText);
  return namespaces.map((namespace) => ({
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: meta(namespace, `${plan.name}-from-${plan.namespace}`.slice(0, 63).replace(/-+$/, '')),
    spec: {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: plan.namespace }],
      to: [{ group: '', kind: 'Service' }],
    },
  }));
}

function renderCsrf(plan: IngressPlan): Manifest[] {
  if (plan.csrfOrigins === undefined) return [];
  const csrf: Record<string, unknown> = {
    '@type': 'type.googleapis.com/envoy.extensions.filters.http.csrf.v3.CsrfPolicy',
    filter_enabled: { default_value: { denominator: 'HUNDRED', numerator: 100 }, runtime_key: 'csrf.enabled' },
  };
  if (plan.csrfOrigins.length > 0) csrf.additional_origins = plan.csrfOrigins;
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

/**
 * A service's routes as the edge serves them: routes a request picks by what it sends are left out, or kept for
 * requests with a valid token only (an `@request.auth.claims.iss` match, which Istio evaluates at ingress gateways),
 * as rulesAtEdge says; without versionHeaderAtEdge, no destination sets the version header.
 */
function edgeRoutesOf(plan: IngressPlan, service: IngressService): HttpRoute[] {
  const chosen = new Set(service.requestChosenRoutes ?? []);
  const routes = plan.rulesAtEdge === 'none' ? service.httpRoutes.filter((r) => !chosen.has(String(r.name))) : [...service.httpRoutes];
  return routes.map((route) => {
    let out: Record<string, unknown> = route;
    if (plan.rulesAtEdge === 'authenticated' && chosen.has(String(route.name))) {
      const claim = { '@request.auth.claims.iss': { exact: plan.jwt!.issuer } };
      const matches = (route.match as Record<string, unknown>[] | undefined) ?? [{}];
      out = { ...out, match: matches.map((m) => sortedRecord({ ...m, headers: sortedRecord({ ...(m.headers as object | undefined), ...claim }) })) };
    }
    if (!plan.versionHeaderAtEdge && service.versionHeader !== undefined && Array.isArray(route.route)) {
      out = { ...out, route: (route.route as Record<string, unknown>[]).map((d) => withoutResponseHeader(d, service.versionHeader!)) };
    }
    return out;
  });
}

/** A route destination without the response header `name` it sets. */
function withoutResponseHeader(destination: Record<string, unknown>, name: string): Record<string, unknown> {
  const headers = destination.headers as { response?: { set?: Record<string, string> } } | undefined;
  const set = headers?.response?.set;
  if (set === undefined || !(name in set)) return destination;
  const { [name]: _removed, ...rest } = set;
  const response: Record<string, unknown> = { ...headers!.response };
  if (Object.keys(rest).length > 0) response.set = rest;
  else delete response.set;
  const out: Record<string, unknown> = { ...destination };
  if (Object.keys(response).length > 0) out.headers = { ...headers, response };
  else delete out.headers;
  return out;
}

/**
 * The values that match a host in an AuthorizationPolicy, whatever the request's Host header carries: the host, and
 * the host with any port (`shop.example.com:443` reaches the same routes). Istio compares hosts without regard to
 * case. A wildcard host has no port form (one `*` per value): a request naming a port does not match it.
 */
export function authorizationHostsOf(host: string): string[] {
  return host.startsWith('*') ? [host] : [host, `${host}:*`];
}

function hostOperation(hosts: readonly string[], notPaths?: readonly string[]): Record<string, unknown> {
  const operation: Record<string, unknown> = { hosts: hosts.flatMap(authorizationHostsOf) };
  if (notPaths !== undefined) operation.notPaths = [...notPaths];
  return operation;
}

/**
 * The operations a login covers: the hosts without excluded paths in one, then each host with its excluded paths as
 * `notPaths`, so a path excluded on one host stays protected on the others.
 */
function loginOperations(plan: IngressPlan, excluded: ExcludedPaths): Record<string, unknown>[] {
  const plain = plan.hosts.filter((h) => !excluded.has(h.host)).map((h) => h.host);
  const operations = plain.length > 0 ? [hostOperation(plain)] : [];
  for (const h of plan.hosts) {
    const paths = excluded.get(h.host);
    if (paths !== undefined) operations.push(hostOperation([h.host], paths));
  }
  return operations;
}

function renderJwt(plan: IngressPlan): Manifest[] {
  const jwt = plan.jwt;
  if (jwt === undefined) return [];
  return [
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: meta(plan.gatewayNamespace, `${plan.name}-jwt`),
      // The gateway keeps the token on the request, so that the backends check it again.
      spec: { jwtRules: [{ ...jwt.rule, forwardOriginalToken: true }], selector: { matchLabels: plan.gatewayLabels } },
    },
    {
      // A request without a valid token has no request principal: deny it on the ingress's hosts.
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: meta(plan.gatewayNamespace, `${plan.name}-require-jwt`),
      spec: {
        action: 'DENY',
        rules: loginOperations(plan, jwt.excluded).map((operation) => ({ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation }] })),
        selector: { matchLabels: plan.gatewayLabels },
      },
    },
  ];
}

function renderExternalLogin(plan: IngressPlan): Manifest[] {
  const login = plan.externalLogin;
  if (login === undefined) return [];
  return [{
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(plan.gatewayNamespace, `${plan.name}-login`),
    spec: {
      action: 'CUSTOM',
      provider: { name: login.provider },
      rules: [{ to: loginOperations(plan, login.excluded).map((operation) => ({ operation })) }],
      selector: { matchLabels: plan.gatewayLabels },
    },
  }];
}

/** Methods a browser sends cross-origin without CSRF risk, which Envoy's CSRF filter lets through too. */
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The scheme half of CSRF protection: Envoy's filter compares an origin's host[:port] only, so an unsafe request from
 * `http://console.example.com` would pass where `https://console.example.com` is allowed. This DENY refuses unsafe
 * requests on the ingress's hosts whose Origin is plain HTTP, but for the `http://` origins allowed on purpose.
 */
function renderCsrfScheme(plan: IngressPlan): Manifest[] {
  if (plan.csrfOrigins === undefined) return [];
  const when: Record<string, unknown> = { key: 'request.headers[origin]', values: ['http://*'] };
  if (plan.csrfHttpOrigins!.length > 0) when.notValues = [...plan.csrfHttpOrigins!];
  return [{
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(plan.gatewayNamespace, `${plan.name}-csrf-scheme`),
    spec: {
      action: 'DENY',
      rules: [{ to: [{ operation: { ...hostOperation(plan.hosts.map((h) => h.host)), notMethods: SAFE_METHODS } }], when: [when] }],
      selector: { matchLabels: plan.gatewayLabels },
    },
  }];
}

type UriMatch = { readonly exact?: string; readonly prefix?: string; readonly regex?: string };

/**
 * Where an excluded path (exact, `prefix*`, `*suffix` or `*`) of the edge lands on the service behind `route`: the
 * route's own path comes off, then the service's routes rewrite it as they would the request. Every route that can
 * match contributes, so the result errs on the side of what the gateway already lets through without a token.
 */
function backendPathsOf(route: RoutePlan, excluded: string): string[] {
  const inner = innerPathOf(route.path, excluded);
  if (inner === undefined) return [];
  const out = new Set<string>();
  for (const r of route.service.httpRoutes) {
    if (r.route === undefined) continue;
    const rewrite = (r.rewrite as { uri?: string } | undefined)?.uri;
    for (const m of (r.match as { uri?: UriMatch }[] | undefined) ?? [{}]) {
      const landed = landedPath(m.uri, rewrite, inner);
      if (landed !== undefined) out.add(landed);
    }
  }
  return [...out];
}

/** The excluded path with the route's path prefix taken off, or undefined when it cannot reach the route. */
function innerPathOf(prefix: string | undefined, path: string): string | undefined {
  if (prefix === undefined || path === '*' || path.startsWith('*')) return path;
  if (path.endsWith('*')) {
    const head = path.slice(0, -1);
    if (head.startsWith(`${prefix}/`)) return `${head.slice(prefix.length)}*`;
    return prefix.startsWith(head) ? '*' : undefined;
  }
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}

/** Where `path` (exact or a pattern) lands through one match of a service route, or undefined if it cannot match. */
function landedPath(uri: UriMatch | undefined, rewrite: string | undefined, path: string): string | undefined {
  if (uri === undefined) return path;
  if (uri.regex !== undefined) return undefined;
  const start = uri.exact ?? uri.prefix!;
  const join = (rest: string) => (rewrite === undefined ? `${start}${rest}` : `${rewrite}${rest}`.replace(/^\/\//, '/'));
  if (path === '*' || path.startsWith('*')) return path;
  if (path.endsWith('*')) {
    const head = path.slice(0, -1);
    if (head.startsWith(start) && uri.prefix !== undefined) return `${join(head.slice(start.length))}*`;
    if (start.startsWith(head)) return uri.exact !== undefined ? join('') : `${join('')}*`;
    return undefined;
  }
  if (uri.exact !== undefined) return path === uri.exact ? join('') : undefined;
  return path.startsWith(start) ? join(path.slice(start.length)) : undefined;
}

/** The ingress as the caller of its services, for ZeroTrustNamespaces (see IngressCaller). */
function ingressCallerOf(plan: IngressPlan): IngressCaller {
  const byService = new Map<string, { service: WorkloadIdentity; hosts: Map<string, Set<string>> }>();
  for (const r of plan.routes) {
    const id = r.service.identity;
    const key = `${id.namespace}/${id.name}`;
    const entry = byService.get(key) ?? { service: id, hosts: new Map<string, Set<string>>() };
    byService.set(key, entry);
    const paths = entry.hosts.get(r.host) ?? new Set<string>();
    entry.hosts.set(r.host, paths);
    for (const excluded of plan.jwt?.excluded.get(r.host) ?? []) {
      for (const p of backendPathsOf(r, excluded)) paths.add(p);
    }
  }
  const backends = [...byService.keys()].sort(compareText).map((key) => {
    const { service, hosts } = byService.get(key)!;
    return {
      service,
      hosts: [...hosts.keys()].sort(compareText).map((host) => ({ host, publicPaths: [...hosts.get(host)!].sort(compareText) })),
    };
  });
  return {
    name: plan.name,
    gateway: { namespace: plan.gatewayNamespace, serviceAccount: plan.gatewayServiceAccount, labels: plan.gatewayLabels },
    backends,
    jwt: plan.jwt === undefined ? undefined : { issuer: plan.jwt.issuer, rule: plan.jwt.rule },
  };
}

/** What a MeshIngress renders to. */
export interface RenderedMeshIngress {
  /** Name of the Gateway. */
  readonly name: string;
  /**
   * Gateway, a VirtualService per host, then (in the gateway's namespace) the CSRF EnvoyFilter and scheme
   * AuthorizationPolicy, JWT RequestAuthentication and AuthorizationPolicy, and the external-login AuthorizationPolicy.
   */
  readonly manifests: readonly Manifest[];
  /** What a ZeroTrustNamespace needs to admit the ingress's traffic to the services it routes to. */
  readonly caller: IngressCaller;
}

/** Renders a MeshIngress. Throws MeshlightValidationError, having rendered nothing, when the props are invalid. */
export function renderMeshIngress(props: MeshIngressProps, context: RenderContext): RenderedMeshIngress {
  const plan = planIngress(props, context);
  let routing: Manifest[];
  if (plan.dialect === 'gateway-api') {
    const problems = new ProblemCollector(context.path);
    routing = [renderKubeGateway(plan), ...renderKubeRoutes(problems, plan), ...renderReferenceGrants(plan)];
    problems.throwIfAny();
  } else {
    routing = [renderGateway(plan), ...renderVirtualServices(plan)];
  }
  return {
    name: plan.name,
    manifests: [...routing, ...renderCsrf(plan), ...renderCsrfScheme(plan), ...renderJwt(plan), ...renderExternalLogin(plan)],
    caller: ingressCallerOf(plan),
  };
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
