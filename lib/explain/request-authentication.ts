import { MeshOptions, ObjectRef, readObject, refName, selects } from './objects';
import { SourcedManifest } from './source';

/**
 * One `jwtRules` entry: the tokens of one issuer that the selected pods accept.
 * @see https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule
 */
export interface JwtRule {
  readonly issuer: string;
  /** Audiences a token must name one of; empty: any audience. */
  readonly audiences: readonly string[];
  readonly jwksUri?: string;
  /** Where the token is read from, in words: `header Authorization: Bearer <token>` unless fromHeaders, fromParams or fromCookies say otherwise. */
  readonly from: readonly string[];
  /** The verified token stays on the request the proxy forwards (else Envoy removes it). */
  readonly forwardOriginalToken: boolean;
}

/** A RequestAuthentication, as far as meshlight explain reads it. */
export interface RequestAuthenticationConfig extends ObjectRef {
  /** `selector.matchLabels`; undefined: every workload of the namespace (of the mesh, in the root namespace). */
  readonly selector?: Readonly<Record<string, string>>;
  /** True when it uses `targetRef`/`targetRefs` (gateways of the Gateway API, waypoints), which no sidecar takes. */
  readonly hasTargetRefs: boolean;
  readonly jwtRules: readonly JwtRule[];
}

/** Reads a RequestAuthentication (security.istio.io/v1 or v1beta1). */
export function readRequestAuthentication(manifest: SourcedManifest, options: MeshOptions, problems: string[]): RequestAuthenticationConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const selector = reader.record(spec.selector, 'spec.selector');
  const jwtRules = reader.list(spec.jwtRules, 'spec.jwtRules').map((r, i): JwtRule => {
    const at = `spec.jwtRules[${i}]`;
    const rule = reader.record(r, at) ?? {};
    const headers = reader.list(rule.fromHeaders, `${at}.fromHeaders`).map((h, j) => {
      const header = reader.record(h, `${at}.fromHeaders[${j}]`) ?? {};
      const prefix = reader.string(header.prefix, `${at}.fromHeaders[${j}].prefix`);
      return `header ${reader.string(header.name, `${at}.fromHeaders[${j}].name`) ?? '?'}${prefix === undefined ? '' : `: ${prefix}<token>`}`;
    });
    const params = reader.strings(rule.fromParams, `${at}.fromParams`).map((p) => `query ${p}`);
    const cookies = reader.strings(rule.fromCookies, `${at}.fromCookies`).map((c) => `cookie ${c}`);
    const from = [...headers, ...params, ...cookies];
    return {
      issuer: reader.string(rule.issuer, `${at}.issuer`) ?? '',
      audiences: reader.strings(rule.audiences, `${at}.audiences`),
      jwksUri: reader.string(rule.jwksUri, `${at}.jwksUri`),
      from: from.length === 0 ? ['header Authorization: Bearer <token>', 'query access_token'] : from,
      forwardOriginalToken: rule.forwardOriginalToken === true,
    };
  });
  return {
    ...ref,
    selector: selector === undefined ? undefined : reader.stringMap(selector.matchLabels, 'spec.selector.matchLabels') ?? {},
    hasTargetRefs: spec.targetRef !== undefined || spec.targetRefs !== undefined,
    jwtRules,
  };
}

/** Pods that RequestAuthentications and AuthorizationPolicies select: their namespace and labels. */
export interface SelectedPods {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The RequestAuthentications that apply to `pods`: of their namespace (or the root namespace, which covers every
 * namespace), with no selector or one their labels match. Istio merges their rules.
 */
export function requestAuthenticationsFor(pods: SelectedPods, all: readonly RequestAuthenticationConfig[], options: MeshOptions): RequestAuthenticationConfig[] {
  return all.filter((ra) => !ra.hasTargetRefs && (ra.namespace === pods.namespace || ra.namespace === options.rootNamespace)
    && (ra.selector === undefined || selects(ra.selector, pods.labels)));
}

/** A token as the client sends it (where the rules read it), signed with its issuer's keys. */
export interface JwtToken {
  readonly issuer: string;
  /** The `aud` claim; undefined: the token names no audience. */
  readonly audience?: string;
  /** The `sub` claim. */
  readonly subject: string;
}

/**
 * What JWT verification at some pods makes of a request: `none` (no token, or no rule: no request principal),
 * `verified` (the request principal `<iss>/<sub>`, by a rule), `rejected` (Envoy answers 401), or `unknown` (the
 * request does not say whether it carries a token).
 */
export type JwtVerdict =
  | { readonly kind: 'none'; readonly why: string }
  | { readonly kind: 'verified'; readonly requestPrincipal: string; readonly rule: JwtRule; readonly by: string; readonly why: string }
  | { readonly kind: 'rejected'; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

/**
 * Istio's JWT verification of `token` (null: the request carries none; undefined: not known) against the rules of
 * `policies`: no token passes without a request principal (only an AuthorizationPolicy can require one); a token of
 * an issuer no rule names, or for an audience the rule does not list, is rejected with 401.
 * @see https://istio.io/latest/docs/reference/config/security/request_authentication/
 */
export function verifyToken(token: JwtToken | null | undefined, policies: readonly RequestAuthenticationConfig[]): JwtVerdict {
  const rules = policies.flatMap((p) => p.jwtRules.map((rule) => ({ rule, by: `RequestAuthentication ${refName(p)}` })));
  if (token === undefined) {
    return rules.length === 0
      ? { kind: 'none', why: 'no RequestAuthentication applies: a token would be ignored' }
      : { kind: 'unknown', why: `the request does not say whether it carries a token (${rules.map((r) => `issuer ${r.rule.issuer} by ${r.by}`).join(', ')})` };
  }
  if (token === null) {
    return { kind: 'none', why: rules.length === 0 ? 'no token, and no RequestAuthentication applies' : 'no token: the request goes on without a request principal' };
  }
  if (rules.length === 0) {
    return { kind: 'none', why: 'no RequestAuthentication applies: the token is not verified and gives no request principal' };
  }
  const byIssuer = rules.filter((r) => r.rule.issuer === token.issuer);
  if (byIssuer.length === 0) {
    return { kind: 'rejected', why: `401: no rule accepts issuer ${token.issuer} (rules for ${[...new Set(rules.map((r) => r.rule.issuer))].join(', ')})` };
  }
  const accepting = byIssuer.find((r) => r.rule.audiences.length === 0 || (token.audience !== undefined && r.rule.audiences.includes(token.audience)));
  if (accepting === undefined) {
    const wanted = [...new Set(byIssuer.flatMap((r) => r.rule.audiences))].join(', ');
    return { kind: 'rejected', why: `401: the token is for ${token.audience === undefined ? 'no audience' : `audience ${token.audience}`}; ${byIssuer[0].by} accepts only ${wanted}` };
  }
  const requestPrincipal = `${token.issuer}/${token.subject}`;
  const audiences = accepting.rule.audiences.length === 0 ? 'any audience' : `audience ${token.audience}`;
  return { kind: 'verified', requestPrincipal, rule: accepting.rule, by: accepting.by, why: `verified by ${accepting.by} (issuer ${token.issuer}, ${audiences}): request principal ${requestPrincipal}` };
}
