// The edge: Gateways, gateway-bound routes, JWT login, gateway policies and the CSRF filter, explained and followed
// request by request. Verdicts of `check --via` must agree with test/support/edge.ts, an independent evaluator of the
// same semantics, on hostile requests against what MeshIngress emits.
import * as fs from 'fs';
import * as path from 'path';
import {
  GrayscaleServiceProps, Manifest, renderGrayscaleService, renderMeshIngress, renderZeroTrustNamespace, RenderedGrayscaleService,
} from '../../lib/core/internal';
import {
  buildMesh, checkThroughGateway, EdgeCheckRequest, explainEdge, JwtToken, manifestsFromObjects, Mesh, parseManifests, renderEdgeCheckText, renderEdgeText,
} from '../../lib/explain';
import { atBackend, atGateway, EdgeRequest, normalisePath, Outcome, Token } from '../support/edge';
import { lineWith, meshOf, squash } from './helpers';

const ISSUER = 'https://login.example.com';
const TOKEN: Token = { iss: ISSUER, sub: 'alice', aud: 'shop' };

function service(name: string, extra: Partial<GrayscaleServiceProps> = {}): RenderedGrayscaleService {
  return renderGrayscaleService({
    namespace: 'shop',
    versions: [{ version: '1.0', weight: 100, image: `ghcr.io/example/${name}:1.0` }, { version: '1.1', weight: 0, image: `ghcr.io/example/${name}:1.1` }],
    rules: [{ name: 'gray', version: '1.1', match: { headers: { gray: '1' } } }],
    ...extra,
  }, { path: `app/${name}`, defaultName: name });
}

/** Another namespace's Gateway on the same gateway pods, routing its own host to cart, once with the Host rewritten to the ingress's. */
const FOREIGN = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: evil, namespace: evil }
spec:
  selector: { istio: ingressgateway }
  servers: [{ hosts: ["evil/*.evil.example.com"], port: { number: 443, name: https, protocol: HTTPS }, tls: { mode: SIMPLE, credentialName: evil } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: evil, namespace: evil }
spec:
  gateways: [evil]
  hosts: [a.evil.example.com]
  http: [{ route: [{ destination: { host: cart.shop.svc.cluster.local } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: rewrite, namespace: evil }
spec:
  gateways: [evil/evil]
  hosts: [b.evil.example.com]
  http: [{ rewrite: { authority: shop.example.com }, route: [{ destination: { host: cart.shop.svc.cluster.local } }] }]
`;

/** What MeshIngress, GrayscaleService and ZeroTrustNamespace emit for a shop with login, plus another namespace's Gateway. */
function app(): Manifest[] {
  const cart = service('cart');
  const admin = service('admin');
  const edge = renderMeshIngress({
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop' }, { host: 'admin.example.com', tlsSecret: 'admin' }],
    routes: [{ service: cart, host: 'shop.example.com' }, { service: admin, host: 'admin.example.com' }],
    jwt: { issuer: ISSUER, jwksUri: `${ISSUER}/jwks.json`, audiences: ['shop'], excludedPaths: { 'shop.example.com': ['/healthz'] } },
    cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true },
  }, { path: 'app/edge', defaultName: 'edge' });
  const ns = renderZeroTrustNamespace({
    calls: [{ from: { ingressCaller: edge.caller }, to: cart }, { from: { ingressCaller: edge.caller }, to: admin }],
  }, { path: 'app/shop', defaultName: 'shop' });
  return [...cart.manifests, ...admin.manifests, ...edge.manifests, ...ns.manifests];
}

const objects = [...app(), ...parseManifests(FOREIGN, 'foreign.yaml').map((m) => m.object)] as Record<string, any>[];
const mesh: Mesh = buildMesh(manifestsFromObjects(objects, 'app'));

function jwtOf(token: Token | undefined): JwtToken | null {
  return token === undefined ? null : { issuer: token.iss, audience: token.aud, subject: token.sub };
}

/**
 * What test/support/edge.ts says of the request: the gateway's answer, else the backend's at each workload `check`
 * reaches, which sees the Host as the route leaves it (`backendHost`).
 */
function expectedOutcome(request: EdgeRequest, reached: readonly { workload: string; port?: number; path: string }[], backendHost = request.host): Outcome | 'not reached' {
  const gateway = atGateway(objects, { ...request, path: normalisePath(request.path, 'BASE') });
  if (gateway !== 'allowed') return gateway;
  const outcomes = reached.map((w) => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && `${o.metadata.namespace}/${o.metadata.name}` === w.workload)!;
    const pods = { namespace: deployment.metadata.namespace, labels: deployment.spec.template.metadata.labels, serviceAccount: deployment.spec.template.spec.serviceAccountName };
    return atBackend(objects, pods, w.port!, { ...request, host: backendHost, path: w.path });
  });
  return outcomes.length === 0 ? 'not reached' : [...new Set(outcomes)].length === 1 ? outcomes[0] : (() => { throw new Error(`workloads disagree: ${outcomes.join(', ')}`); })();
}

describe('check --via agrees with the edge evaluator on hostile requests', () => {
  const hosts = ['shop.example.com', 'shop.example.com:443', 'SHOP.Example.COM:443', 'Shop.Example.Com', 'shop.example.com:8443', 'admin.example.com', 'admin.example.com:443'];
  const paths = ['/orders', '/healthz', '/healthz/', '/healthz/../admin', '/healthz/..%2Fadmin', '/public/./../healthz', '/HEALTHZ'];
  const tokens: [string, Token | undefined][] = [['no token', undefined], ['a valid token', TOKEN], ['a token for another audience', { ...TOKEN, aud: 'another-app' }],
    ['a token of another issuer', { ...TOKEN, iss: 'https://evil.example.com' }], ['a token without audience', { iss: ISSUER, sub: 'alice' }]];
  const cases = hosts.flatMap((host) => paths.flatMap((p) => tokens.map(([what, token]) => [host, p, what, token] as const)));

  test.each(cases)('Host %s, path %s, %s', (host, p, _what, token) => {
    const result = checkThroughGateway(mesh, { via: 'shop/edge', to: host, path: p, token: jwtOf(token) });
    const reached = result.destinations.filter((d) => d.percent !== 0).flatMap((d) => d.workloads);
    expect(result.verdict.outcome).toBe(expectedOutcome({ host, path: p, token }, reached));
  });

  test.each([
    ['a.evil.example.com', undefined], ['a.evil.example.com', TOKEN], ['b.evil.example.com', undefined], ['b.evil.example.com', TOKEN],
    ['b.evil.example.com', { ...TOKEN, aud: 'x' }], ['B.EVIL.example.com:443', TOKEN],
  ] as const)('another namespace\'s Gateway: Host %s, token %o', (host, token) => {
    const result = checkThroughGateway(mesh, { via: 'evil/evil', to: host, path: '/orders', token: jwtOf(token) });
    const reached = result.destinations.flatMap((d) => d.workloads);
    if (result.verdict.outcome !== 'unauthenticated') {
      expect(reached.map((w) => w.workload)).toEqual(['shop/cart-v1-0', 'shop/cart-v1-1']);
    }
    const backendHost = host.toLowerCase().startsWith('b.') ? 'shop.example.com' : host;
    expect(result.verdict.outcome).toBe(expectedOutcome({ host, path: '/orders', token }, reached, backendHost));
  });
});

describe('check --via: each step in Envoy\'s order', () => {
  const check = (request: Partial<EdgeCheckRequest>) => checkThroughGateway(mesh, { via: 'shop/edge', to: 'shop.example.com', path: '/orders', token: null, ...request });

  test('the gateway pods may be named by their workload or their Gateway, and every Gateway on them is considered', () => {
    expect(() => check({ via: 'shop/nope' })).toThrow('Known: evil/evil, shop/edge');
    expect(check({ via: 'evil/evil', to: 'shop.example.com' }).server).toContain('Gateway shop/edge port 443 HTTPS');
  });

  test('gateway pods of the input give the identity and the ports; --via may name their workload', () => {
    const pods = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: { name: ingress, namespace: edge }
spec: { template: { metadata: { labels: { istio: ingressgateway } }, spec: { serviceAccountName: ingress, containers: [{ name: proxy, image: istio/proxyv2 }] } } }
---
apiVersion: v1
kind: Service
metadata: { name: ingress, namespace: edge }
spec: { selector: { istio: ingressgateway }, ports: [{ name: https, port: 443, targetPort: 9443 }] }
`, 'pods.yaml');
    const withPods = buildMesh([...manifestsFromObjects(objects, 'app'), ...pods]);
    const result = checkThroughGateway(withPods, { via: 'edge/ingress', to: 'shop.example.com', path: '/orders', token: { issuer: ISSUER, audience: 'shop', subject: 'alice' } });
    expect([result.gatewayPods, result.gatewayPrincipal]).toEqual(['edge/ingress', 'cluster.local/ns/edge/sa/ingress']);
    // The backends admit only the default gateway's identity.
    expect(result.verdict).toEqual({ outcome: 'denied', why: 'shop/cart-v1-0 denies it' });
    expect(explainEdge(withPods).gateways.find((g) => g.gateway === 'shop/edge')!.pods).toEqual(['edge/ingress']);
  });

  test('a Host no server accepts is not found; a port without a server neither', () => {
    expect(check({ to: 'other.example.com' }).verdict).toEqual(expect.objectContaining({ outcome: 'not-found' }));
    expect(check({ port: 8443 }).verdict.outcome).toBe('not-found');
  });

  test('a token of the right issuer for another audience is refused with 401 before any policy', () => {
    const result = check({ token: { issuer: ISSUER, audience: 'another-app', subject: 'alice' } });
    expect(result.verdict).toEqual({ outcome: 'unauthenticated', why: 'the gateway answers 401: the token is for audience another-app; RequestAuthentication istio-system/edge-jwt accepts only shop' });
    expect(result.authorization).toBeUndefined();
  });

  test('without a token, the gateway\'s DENY policy decides; with an unknown token, the answer depends on it', () => {
    expect(check({}).verdict.why).toBe('the gateway denies it: DENY istio-system/edge-require-jwt: DENY rule #2 matches');
    expect(check({ token: undefined }).verdict.outcome).toBe('depends');
  });

  test('a valid token reaches the weighted version with the gateway\'s identity and the forwarded token', () => {
    const result = check({ token: { issuer: ISSUER, audience: 'shop', subject: 'alice' } });
    expect(result.forwardsToken).toBe(true);
    expect(result.destinations.map((d) => [d.subset, d.percent])).toEqual([['v1-0', 100]]);
    expect(result.verdict).toEqual({ outcome: 'allowed', why: 'shop/cart-v1-0 lets it in' });
  });

  test('the rule header picks the gray version at the edge', () => {
    const result = check({ token: { issuer: ISSUER, audience: 'shop', subject: 'alice' }, headers: { Gray: '1' } });
    expect(result.route?.name).toBe('cart-gray');
    expect(result.destinations[0].workloads.map((w) => w.workload)).toEqual(['shop/cart-v1-1']);
  });

  test('CSRF: an unsafe request needs an Origin of its own host or an additional origin', () => {
    const token = { issuer: ISSUER, audience: 'shop', subject: 'alice' };
    expect(check({ token, method: 'POST' }).verdict.why).toContain('CSRF filter (EnvoyFilter istio-system/edge-csrf) answers 403: POST without an Origin or Referer');
    expect(check({ token, method: 'POST', headers: { origin: 'https://evil.example.com' } }).verdict.outcome).toBe('denied');
    expect(check({ token, method: 'POST', headers: { origin: 'https://console.example.com' } }).verdict.outcome).toBe('allowed');
    expect(check({ token, method: 'POST', headers: { origin: 'https://shop.example.com' } }).verdict.outcome).toBe('allowed');
    expect(check({ token, method: 'POST', headers: { origin: 'http://console.example.com' } }).verdict.why).toContain('DENY istio-system/edge-csrf-scheme');
  });

  test('plain HTTP is redirected to HTTPS once the policies let it through', () => {
    expect(check({ port: 80, path: '/healthz' }).verdict).toEqual({ outcome: 'redirect', why: 'Gateway shop/edge port 80 HTTP hosts shop/shop.example.com, shop/admin.example.com redirects HTTP to HTTPS' });
  });

  test('a token the gateway does not forward leaves the backend without a request principal', () => {
    const noForward = [...objects.map((o) => (o.kind === 'RequestAuthentication' && o.metadata.name === 'edge-jwt'
      ? { ...o, spec: { ...o.spec, jwtRules: o.spec.jwtRules.map((r: object) => ({ ...r, forwardOriginalToken: false })) } } : o))];
    const result = checkThroughGateway(buildMesh(manifestsFromObjects(noForward, 'app')), { via: 'shop/edge', to: 'shop.example.com', path: '/orders', token: { issuer: ISSUER, audience: 'shop', subject: 'alice' } });
    expect(result.forwardsToken).toBe(false);
    expect(result.verdict.outcome).toBe('denied');
  });
});

describe('the edge explained', () => {
  const edge = explainEdge(mesh);
  const shop = edge.gateways.find((g) => g.gateway === 'shop/edge')!;

  test('a Gateway\'s pods, servers, bound VirtualServices, login, policies in evaluation order and CSRF filter', () => {
    expect(shop.pods).toEqual(['istio-system/istio-ingressgateway (assumed)']);
    expect(shop.servers.map((s) => `${s.port} ${s.protocol} ${s.hosts.join(',')} ${s.tls}`)).toEqual([
      '443 HTTPS shop/shop.example.com SIMPLE, credential shop',
      '443 HTTPS shop/admin.example.com SIMPLE, credential admin',
      '80 HTTP shop/shop.example.com,shop/admin.example.com redirects HTTP to HTTPS (301)',
    ]);
    expect(shop.virtualServices.map((v) => [v.virtualService, v.routes.map((r) => r.name)])).toEqual([
      ['shop/edge-admin-example-com', ['admin-gray', 'admin-major-1']], ['shop/edge-shop-example-com', ['cart-gray', 'cart-major-1']],
    ]);
    expect(shop.requestAuthentications).toEqual([{ policy: 'istio-system/edge-jwt', rules: [expect.objectContaining({ issuer: ISSUER, audiences: ['shop'], forwardOriginalToken: true })] }]);
    expect(shop.authorizationPolicies.map((p) => `${p.action} ${p.policy}`)).toEqual(['DENY istio-system/edge-csrf-scheme', 'DENY istio-system/edge-require-jwt']);
    expect(shop.filters).toEqual([expect.objectContaining({ envoyFilter: 'istio-system/edge-csrf', csrf: expect.objectContaining({ additionalOrigins: ['exact console.example.com'], enabledPercent: 100 }) })]);
  });

  test('gateways are named with the VirtualService\'s namespace by default; match entries for other gateways are dropped', () => {
    const m = meshOf(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: web }
spec: { selector: { app: gw }, servers: [{ hosts: ["*"], port: { number: 80, name: http, protocol: HTTP } }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bound, namespace: web }
spec:
  gateways: [public, mesh]
  hosts: [a.example.com]
  http:
    - { name: mesh-only, match: [{ gateways: [mesh] }], route: [{ destination: { host: a } }] }
    - { name: both, match: [{ gateways: [web/public], uri: { prefix: /x } }, { gateways: [mesh] }], route: [{ destination: { host: a } }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: elsewhere, namespace: other }
spec: { gateways: [public], hosts: [b.example.com], http: [{ route: [{ destination: { host: b } }] }] }
`);
    const explained = explainEdge(m);
    expect(explained.gateways[0].virtualServices.map((v) => [v.virtualService, v.routes.map((r) => `${r.name}: ${r.when.join(' OR ')}`)])).toEqual([
      ['web/bound', ['both: uri starts with "/x"']],
    ]);
    expect(explained.notes).toEqual(['VirtualService other/elsewhere names Gateway other/public, which the input does not have']);
    expect(explained.gateways[0].notes).toContain('no workload of the input has labels app=gw: the gateway pods, their login and their policies are unknown');
  });

  test('EnvoyFilters other than the CSRF filter are named in a note, not evaluated', () => {
    const m = meshOf(`apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: { name: lua, namespace: istio-system }
spec: { configPatches: [{ applyTo: HTTP_FILTER, patch: { operation: INSERT_BEFORE, value: { name: envoy.filters.http.lua } } }] }
`);
    expect(m.notes).toEqual(['EnvoyFilter istio-system/lua (inline.yaml document 1 (line 1)) patches HTTP_FILTER INSERT_BEFORE envoy.filters.http.lua: not evaluated by meshlight explain (only Envoy\'s CSRF filter is)']);
  });
});

describe('rendering the edge as text', () => {
  // The example's output as captured in the fixtures (the docs show it), not dist/, which only npm run synth writes.
  const captured = path.join(__dirname, '..', 'fixtures', 'explain', 'grayscale-demo', 'grayscale-demo.k8s.yaml');
  const demo = buildMesh(parseManifests(fs.readFileSync(captured, 'utf8'), 'grayscale-demo.k8s.yaml'));
  const text = renderEdgeText(explainEdge(mesh)).split('\n\n').find((block) => block.startsWith('Gateway shop/edge'))!;

  test('a Gateway title, its servers, routes, login, policies and CSRF filter', () => {
    expect(lineWith(text, 'Gateway shop/edge')).toBe('Gateway shop/edge  |  selector istio=ingressgateway  |  pods istio-system/istio-ingressgateway (assumed)');
    expect(squash(lineWith(text, '443', 'shop/shop.example.com'))).toBe('443 | HTTPS | shop/shop.example.com | SIMPLE, credential shop');
    expect(lineWith(text, 'VirtualService shop/edge-shop-example-com').trim()).toBe('VirtualService shop/edge-shop-example-com  |  hosts shop.example.com  |  ports 80, 443');
    expect(squash(lineWith(text, 'cart-gray'))).toBe('1 | cart-gray | header gray = "1" | cart.shop v1-1 100%: shop/cart-v1-1 | -');
    expect(squash(lineWith(text, 'RequestAuthentication istio-system/edge-jwt'))).toBe('https://login.example.com | shop | header Authorization: Bearer <token> | yes | RequestAuthentication istio-system/edge-jwt');
    expect(squash(lineWith(text, 'istio-system/edge-require-jwt'))).toMatch(/^DENY \| istio-system\/edge-require-jwt \| #1 JWT principal != \* AND/);
    expect(lineWith(text, 'CSRF (EnvoyFilter istio-system/edge-csrf)')).toContain('is the Host or exact console.example.com, else 403; enforced for 100%');
  });

  test('nothing without a Gateway', () => {
    expect(renderEdgeText(explainEdge(meshOf('apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: a }\n')))).toBe('');
  });

  test('a check through the gateway, step by step', () => {
    const out = renderEdgeCheckText(checkThroughGateway(demo, { via: 'grayscale-demo/edge', to: 'apps.example.com:443', path: '/myservice1/x', token: null }));
    expect(out.split('\n').slice(0, 8).map(squash)).toEqual([
      'request | GET /myservice1/x to apps.example.com:443 on port 443',
      'token | none',
      'via | istio-system/istio-ingressgateway (cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account)',
      'server | Gateway grayscale-demo/edge port 443 HTTPS hosts grayscale-demo/apps.example.com (credential apps-example-com)',
      'login | none: no token: the request goes on without a request principal',
      'gateway | DENIED, decided by DENY istio-system/edge-require-jwt: DENY rule #2 matches',
      'outcome | denied at the gateway',
      'verdict | denied: the gateway denies it: DENY istio-system/edge-require-jwt: DENY rule #2 matches',
    ]);
  });
});
