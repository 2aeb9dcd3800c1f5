// A request from the internet, followed through the ingress gateway to a backend with Istio's semantics: JWT
// verification (RequestAuthentication), then authorization (explain's evaluator: CUSTOM, DENY, ALLOW), first at the
// gateway pods and then at the backend's sidecar, which sees the Host header as sent, the path as the route rewrote
// it, the gateway's mTLS identity and the token if the gateway forwarded it.
import { selects } from './authz';
import {
  authorize, AuthorizationPolicyConfig, DEFAULT_MESH_OPTIONS, manifestsFromObjects, MeshRequest, readAuthorizationPolicy, Workload,
} from '../../lib/explain';

type Obj = Record<string, any>;

/** A token as the client sends it: issued by `iss` for `sub` and the audience `aud`, signed with the issuer's keys. */
export interface Token {
  readonly iss: string;
  readonly sub: string;
  readonly aud?: string;
}

/** Pods: where they run, their labels and the service account they run as. */
export interface Pods {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
}

/** Istio's default ingress gateway pods. */
export const INGRESS_GATEWAY: Pods = { namespace: 'istio-system', labels: { istio: 'ingressgateway' }, serviceAccount: 'istio-ingressgateway-service-account' };

/** What a proxy does with a request: let it through, refuse it, or ask the external login provider. */
export type Outcome = 'allowed' | 'denied' | 'unauthenticated' | 'asks login provider';

export interface EdgeRequest {
  /** The Host header as the client sends it, any case, with or without a port. */
  readonly host: string;
  /** The path as the proxy matches it, after the mesh's path normalisation. */
  readonly path: string;
  readonly method?: string;
  readonly token?: Token;
  readonly headers?: Readonly<Record<string, string>>;
}

function selectsPods(object: Obj, pods: Pods): boolean {
  return selects(object, pods.namespace, pods.labels);
}

function jwtRulesFor(objects: readonly Obj[], pods: Pods): Obj[] {
  return objects.filter((o) => o.kind === 'RequestAuthentication' && selectsPods(o, pods)).flatMap((o) => o.spec?.jwtRules ?? []);
}

/**
 * JWT verification at `pods`: no token gives no request principal; a token that no rule accepts (another issuer,
 * another audience) is refused with 401; an accepted one gives `<iss>/<sub>`.
 */
function authenticate(objects: readonly Obj[], pods: Pods, token: Token | undefined): { principal: string | null; rule?: Obj } | 'unauthenticated' {
  if (token === undefined) return { principal: null };
  const rules = jwtRulesFor(objects, pods);
  if (rules.length === 0) return { principal: null };
  const rule = rules.find((r) => r.issuer === token.iss && (r.audiences === undefined || (token.aud !== undefined && r.audiences.includes(token.aud))));
  return rule === undefined ? 'unauthenticated' : { principal: `${token.iss}/${token.sub}`, rule };
}

function policiesOf(objects: readonly Obj[]): AuthorizationPolicyConfig[] {
  const problems: string[] = [];
  const manifests = manifestsFromObjects(objects.filter((o) => o.kind === 'AuthorizationPolicy'), 'policies');
  return manifests.map((m) => readAuthorizationPolicy(m, DEFAULT_MESH_OPTIONS, problems));
}

function workloadOf(pods: Pods): Workload {
  return {
    kind: 'Deployment', namespace: pods.namespace, name: 'pods', source: { file: 'edge', document: 1, line: 1 }, labels: pods.labels,
    serviceAccount: pods.serviceAccount, principal: `cluster.local/ns/${pods.namespace}/sa/${pods.serviceAccount}`, hasSidecar: true, containerPorts: [],
  };
}

function decide(objects: readonly Obj[], pods: Pods, request: MeshRequest): Outcome {
  const decision = authorize(workloadOf(pods), request, policiesOf(objects), DEFAULT_MESH_OPTIONS);
  if (decision.decision === 'allowed') return 'allowed';
  if (decision.decision === 'denied') return 'denied';
  if (/provider .* allows/.test(decision.why)) return 'asks login provider';
  throw new Error(`undecided at ${pods.namespace}: ${decision.why}`);
}

/** What the ingress gateway does with a request from the internet (a plaintext client with no mesh identity). */
export function atGateway(objects: readonly Obj[], request: EdgeRequest, gateway: Pods = INGRESS_GATEWAY): Outcome {
  const authn = authenticate(objects, gateway, request.token);
  if (authn === 'unauthenticated') return 'unauthenticated';
  return decide(objects, gateway, {
    source: { principal: null, namespace: null, requestPrincipal: authn.principal },
    method: request.method ?? 'GET', path: request.path, headers: request.headers ?? {}, authority: request.host, port: 8443,
  });
}

/** Whether the gateway keeps the token on the request it forwards (Envoy removes a verified token unless told not to). */
function forwardsToken(objects: readonly Obj[], gateway: Pods, token: Token | undefined): boolean {
  if (token === undefined) return false;
  const rule = jwtRulesFor(objects, gateway).find((r) => r.issuer === token.iss);
  return rule === undefined || rule.forwardOriginalToken === true;
}

/**
 * What a backend's proxy does with a request the gateway forwards: from the gateway's mTLS identity, to the backend's
 * container `port`, at `path` as the route rewrote it, with the Host header as sent (unless a route rewrote it).
 */
export function atBackend(objects: readonly Obj[], backend: Pods, port: number, request: EdgeRequest, gateway: Pods = INGRESS_GATEWAY): Outcome {
  const token = forwardsToken(objects, gateway, request.token) ? request.token : undefined;
  const authn = authenticate(objects, backend, token);
  if (authn === 'unauthenticated') return 'unauthenticated';
  return decide(objects, backend, {
    source: { principal: `cluster.local/ns/${gateway.namespace}/sa/${gateway.serviceAccount}`, namespace: gateway.namespace, requestPrincipal: authn.principal },
    method: request.method ?? 'GET', path: request.path, headers: request.headers ?? {}, authority: request.host, port,
  });
}

/**
 * Istio's path normalisation before authorization: BASE resolves `.` and `..` segments (RFC 3986); MERGE_SLASHES
 * also merges `//`; DECODE_AND_MERGE_SLASHES first decodes `%2F` and `%5C` (as `/`). `..;` means nothing to Envoy.
 */
export function normalisePath(path: string, normalization: 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES'): string {
  let p = normalization === 'DECODE_AND_MERGE_SLASHES' ? path.replace(/%2f/gi, '/').replace(/%5c/gi, '/') : path;
  if (normalization !== 'BASE') p = p.replace(/\/{2,}/g, '/');
  const out: string[] = [];
  for (const segment of p.split('/').slice(1)) {
    if (segment === '..') out.pop();
    else if (segment !== '.') out.push(segment);
  }
  return `/${out.join('/')}`;
}
