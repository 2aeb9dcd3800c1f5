// Security properties of the edge, tested as an attacker would: hostile requests are followed through the emitted
// policies with Istio's semantics (test/support/edge.ts), not compared with a snapshot.
import * as fc from 'fast-check';
import {
  Caller, GrayscaleServiceProps, Manifest, MeshIngressProps, renderGrayscaleService, renderMeshIngress, renderZeroTrustNamespace,
  RenderedGrayscaleService,
} from '../../lib/core/internal';
import { atBackend, atGateway, EdgeRequest, normalisePath, Pods, Token } from '../support/edge';
import { expectProblem, validationErrorOf } from '../support/errors';
import { routeRequest } from '../support/routing';

const ISSUER = 'https://login.example.com';
const JWT = { issuer: ISSUER, jwksUri: `${ISSUER}/jwks.json`, audiences: ['shop'] };
const TOKEN: Token = { iss: ISSUER, sub: 'alice', aud: 'shop' };

function service(name: string, extra: Partial<GrayscaleServiceProps> = {}): RenderedGrayscaleService {
  return renderGrayscaleService({
    namespace: 'shop',
    versions: [{ version: '1.0', weight: 100, image: `ghcr.io/example/${name}:1.0` }, { version: '1.1', weight: 0, image: `ghcr.io/example/${name}:1.1` }],
    rules: [{ name: 'gray', version: '1.1', match: { headers: { gray: '1' } } }],
    ...extra,
  }, { path: `app/${name}`, defaultName: name });
}

const cart = service('cart');
const admin = service('admin');
const CART: Pods = { namespace: 'shop', labels: { app: 'cart', version: '1.0' }, serviceAccount: 'cart' };

/** The whole app: the two services, the ingress, and a zero-trust namespace that admits the ingress to both. */
function app(ingress: Partial<MeshIngressProps> = {}): Manifest[] {
  const edge = renderMeshIngress({
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop' }, { host: 'admin.example.com', tlsSecret: 'admin' }],
    routes: [{ service: cart, host: 'shop.example.com' }, { service: admin, host: 'admin.example.com' }],
    jwt: { ...JWT, excludedPaths: { 'shop.example.com': ['/healthz'] } },
    ...ingress,
  } as MeshIngressProps, { path: 'app/edge', defaultName: 'edge' });
  const ns = renderZeroTrustNamespace({
    calls: [{ from: { ingressCaller: edge.caller }, to: cart }, { from: { ingressCaller: edge.caller }, to: admin }],
  }, { path: 'app/shop', defaultName: 'shop' });
  return [...cart.manifests, ...admin.manifests, ...edge.manifests, ...ns.manifests];
}

/** Host headers that route like `host`: any letter case, with or without a port. */
const hostVariants = (host: string) => fc.tuple(fc.array(fc.boolean(), { minLength: host.length, maxLength: host.length }), fc.option(fc.integer({ min: 0, max: 65535 })))
  .map(([upper, port]) => `${[...host].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')}${port === null ? '' : `:${port}`}`);

describe('login at the edge', () => {
  const objects = app();

  test.each([
    'shop.example.com', 'shop.example.com:443', 'SHOP.Example.COM:443', 'shop.example.com:8443', 'Shop.Example.Com',
  ])('a request without a token is denied whatever the Host header says: %s', (host) => {
    expect(atGateway(objects, { host, path: '/orders' })).toBe('denied');
  });

  test('no Host header form lets a request without a token through, on any protected path (property)', () => {
    fc.assert(fc.property(hostVariants('shop.example.com'), fc.webPath(), (host, path) => {
      fc.pre(path !== '/healthz');
      expect(atGateway(objects, { host, path: path === '' ? '/' : path })).toBe('denied');
    }), { numRuns: 300 });
  });

  test('a valid token for the audience passes; one for another audience or issuer does not', () => {
    expect(atGateway(objects, { host: 'shop.example.com:443', path: '/orders', token: TOKEN })).toBe('allowed');
    expect(atGateway(objects, { host: 'shop.example.com', path: '/orders', token: { ...TOKEN, aud: 'another-app' } })).toBe('unauthenticated');
    expect(atGateway(objects, { host: 'shop.example.com', path: '/orders', token: { ...TOKEN, iss: 'https://evil.example.com' } })).toBe('unauthenticated');
  });

  test('a path excluded on one host stays protected on the others', () => {
    expect(atGateway(objects, { host: 'shop.example.com', path: '/healthz' })).toBe('allowed');
    expect(atGateway(objects, { host: 'SHOP.example.com:443', path: '/healthz' })).toBe('allowed');
    expect(atGateway(objects, { host: 'admin.example.com', path: '/healthz' })).toBe('denied');
    expect(atGateway(objects, { host: 'admin.example.com:443', path: '/healthz' })).toBe('denied');
  });

  test('the external login is asked whatever the Host header says', () => {
    const login = app({ jwt: undefined, externalLogin: { provider: 'oauth2-proxy', excludedPaths: { 'shop.example.com': ['/healthz'] } } });
    fc.assert(fc.property(hostVariants('admin.example.com'), fc.webPath(), (host, path) => {
      expect(atGateway(login, { host, path: path === '' ? '/' : path })).toBe('asks login provider');
    }), { numRuns: 200 });
    expect(atGateway(login, { host: 'shop.example.com:443', path: '/healthz' })).toBe('allowed');
  });

  test('a wildcard host cannot be matched with a port, so login on it is refused with the reason', () => {
    const error = validationErrorOf(() => renderMeshIngress({
      hosts: [{ host: '*.example.com', tlsSecret: 'wild' }], routes: [{ service: cart, host: '*.example.com' }], jwt: JWT,
    }, { path: 'app/edge', defaultName: 'edge' }));
    expectProblem(error, 'app/edge', 'jwt', 'would not apply to requests for *.example.com whose Host header carries a port', true);
  });

  test('audiences are required: a token signed for any other application must not log in here', () => {
    const error = validationErrorOf(() => app({ jwt: { issuer: ISSUER, jwksUri: `${ISSUER}/jwks.json` } }));
    expectProblem(error, 'app/edge', 'jwt.audiences', 'are missing, so a token the issuer signed for any other application would log in here', true);
    const anyAudience = app({ jwt: { issuer: ISSUER, jwksUri: `${ISSUER}/jwks.json`, anyAudience: true } });
    expect(atGateway(anyAudience, { host: 'shop.example.com', path: '/', token: { ...TOKEN, aud: 'another-app' } })).toBe('allowed');
  });

  test('excluded paths name their host: a bare list would open them on every host', () => {
    const error = validationErrorOf(() => app({ jwt: { ...JWT, excludedPaths: ['/healthz'] as never } }));
    expectProblem(error, 'app/edge', 'jwt.excludedPaths', 'lists paths without their host, so they would be open on every host of the ingress', true);
  });
});

describe('the backends admit the ingress only for its own hosts and ports, and check the token again', () => {
  const objects = app();
  // What another namespace's Gateway and VirtualService on the same gateway pods could send to cart.
  const foreign: EdgeRequest = { host: 'evil.example.com', path: '/orders' };

  test('a route of another Gateway reaches no backend through the gateway identity', () => {
    expect(atBackend(objects, CART, 8080, foreign)).toBe('denied');
    expect(atBackend(objects, CART, 8080, { ...foreign, token: TOKEN })).toBe('denied');
  });

  test('one that rewrites the Host to the ingress\'s own still needs a valid token', () => {
    expect(atBackend(objects, CART, 8080, { host: 'shop.example.com', path: '/orders' })).toBe('denied');
    expect(atBackend(objects, CART, 8080, { host: 'shop.example.com', path: '/orders', token: { ...TOKEN, aud: 'x' } })).toBe('unauthenticated');
  });

  test('the ingress\'s own requests get through: the gateway forwards the token, and excluded paths need none', () => {
    expect(atGateway(objects, { host: 'Shop.example.com:443', path: '/orders', token: TOKEN })).toBe('allowed');
    expect(atBackend(objects, CART, 8080, { host: 'Shop.example.com:443', path: '/orders', token: TOKEN })).toBe('allowed');
    expect(atBackend(objects, CART, 8080, { host: 'shop.example.com', path: '/healthz' })).toBe('allowed');
  });

  test('a host routed to one service does not reach another', () => {
    expect(atBackend(objects, CART, 8080, { host: 'admin.example.com', path: '/orders', token: TOKEN })).toBe('denied');
  });

  test('container ports the Service does not expose stay closed', () => {
    for (const port of [15020, 15090, 9090]) expect(atBackend(objects, CART, port, { host: 'shop.example.com', path: '/', token: TOKEN })).toBe('denied');
  });

  test('without login, the backend still admits only the ingress\'s hosts', () => {
    const open = app({ jwt: undefined });
    expect(atBackend(open, CART, 8080, foreign)).toBe('denied');
    expect(atBackend(open, CART, 8080, { host: 'SHOP.EXAMPLE.COM:443', path: '/' })).toBe('allowed');
  });

  test('paths excluded under a route\'s path reach the service as the route rewrites them', () => {
    const mounted = renderMeshIngress({
      namespace: 'shop', hosts: [{ host: 'apps.example.com', tlsSecret: 'apps' }], routes: [{ service: cart, host: 'apps.example.com', path: '/cart' }],
      jwt: { ...JWT, excludedPaths: { 'apps.example.com': ['/cart/healthz'] } },
    }, { path: 'app/edge', defaultName: 'edge' });
    const ns = renderZeroTrustNamespace({ calls: [{ from: { ingressCaller: mounted.caller }, to: cart }] }, { path: 'app/shop', defaultName: 'shop' });
    const objects2 = [...mounted.manifests, ...ns.manifests];
    const vs = mounted.manifests.find((m) => m.kind === 'VirtualService')!;
    expect(routeRequest(vs, { path: '/cart/healthz' })?.path).toBe('/healthz');
    expect(atGateway(objects2, { host: 'apps.example.com', path: '/cart/healthz' })).toBe('allowed');
    expect(atBackend(objects2, CART, 8080, { host: 'apps.example.com', path: '/healthz' })).toBe('allowed');
    expect(atBackend(objects2, CART, 8080, { host: 'apps.example.com', path: '/orders' })).toBe('denied');
  });

  test('the ingress gateway as a Caller must name its hosts, or say "*" on purpose', () => {
    const error = validationErrorOf(() => renderZeroTrustNamespace({ calls: [{ from: Caller.ingressGateway(), to: cart }] }, { path: 'app/shop', defaultName: 'shop' }));
    expectProblem(error, 'app/shop', 'calls[0]', 'admits the ingress gateway on every host, so any Gateway bound to its pods', true);
    const named = renderZeroTrustNamespace({ calls: [{ from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] }, { path: 'app/shop', defaultName: 'shop' }).manifests;
    expect(atBackend(named, CART, 8080, foreign)).toBe('denied');
    expect(atBackend(named, CART, 8080, { host: 'shop.example.com:443', path: '/' })).toBe('allowed');
    const any = renderZeroTrustNamespace({ calls: [{ from: Caller.ingressGateway(), to: cart, hosts: ['*'] }] }, { path: 'app/shop', defaultName: 'shop' }).manifests;
    expect(atBackend(any, CART, 8080, foreign)).toBe('allowed');
    expect(atBackend(any, CART, 15090, foreign)).toBe('denied');
  });

  test('a MeshIngress that does not route to the target cannot be its caller', () => {
    const edge = renderMeshIngress({ hosts: [{ host: 'a.example.com', tlsSecret: 'a' }], routes: [{ service: admin, host: 'a.example.com' }], namespace: 'shop' }, { path: 'app/edge', defaultName: 'edge' });
    const error = validationErrorOf(() => renderZeroTrustNamespace({ calls: [{ from: { ingressCaller: edge.caller }, to: cart }] }, { path: 'app/shop', defaultName: 'shop' }));
    expectProblem(error, 'app/shop', 'calls[0].to', 'is not routed to by MeshIngress "edge"', true);
  });
});

describe('paths in security rules and the mesh\'s path normalisation', () => {
  const hostile = ['/public/..%2Fadmin', '/public/..%2fadmin', '/public/%2E%2E%2Fadmin', '/public//../admin', '/public/..%5Cadmin'];

  test('under Istio\'s default normalisation, "/public/*" matches paths that reach /admin on a decoding backend, so it is refused', () => {
    // The attack: the proxy sees a path under /public, the backend decodes it to /admin.
    expect(normalisePath('/public/..%2Fadmin', 'BASE').startsWith('/public/')).toBe(true);
    const error = validationErrorOf(() => app({ jwt: { ...JWT, excludedPaths: { 'shop.example.com': ['/public/*'] } } }));
    expectProblem(error, 'app/edge', 'jwt.excludedPaths["shop.example.com"]', 'matches by prefix or suffix, and under BASE path normalisation "%2F" is not decoded', true);
    const calls = validationErrorOf(() => renderZeroTrustNamespace({
      workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: cart, paths: ['/api/*'] }],
    }, { path: 'app/shop', defaultName: 'shop' }));
    expectProblem(calls, 'app/shop', 'calls[0].paths', 'matches by prefix or suffix', true);
  });

  test('declared DECODE_AND_MERGE_SLASHES makes prefix paths safe against encoded slashes', () => {
    const objects = app({ pathNormalization: 'DECODE_AND_MERGE_SLASHES', jwt: { ...JWT, excludedPaths: { 'shop.example.com': ['/public/*'] } } });
    expect(atGateway(objects, { host: 'shop.example.com', path: normalisePath('/public/app.js', 'DECODE_AND_MERGE_SLASHES') })).toBe('allowed');
    for (const path of hostile.filter((p) => !p.includes('%2E'))) {
      expect(atGateway(objects, { host: 'shop.example.com', path: normalisePath(path, 'DECODE_AND_MERGE_SLASHES') })).toBe('denied');
    }
  });

  test('exact excluded paths hold under every normalisation', () => {
    const objects = app();
    for (const normalization of ['BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'] as const) {
      for (const path of ['/healthz/..%2Fadmin', '/healthz/../admin', '/healthz..;/admin', '//healthz/../admin', '/healthz/']) {
        expect(atGateway(objects, { host: 'shop.example.com', path: normalisePath(path, normalization) })).toBe('denied');
      }
    }
  });
});

describe('CSRF protection compares the scheme too', () => {
  const objects = app({ cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true } });
  const post = (origin: string): EdgeRequest => ({ host: 'shop.example.com', path: '/orders', method: 'POST', token: TOKEN, headers: { origin } });

  test('an unsafe request from the plain-HTTP twin of an allowed origin is denied', () => {
    expect(atGateway(objects, post('http://console.example.com'))).toBe('denied');
    expect(atGateway(objects, { ...post('http://console.example.com'), host: 'SHOP.example.com:443' })).toBe('denied');
    expect(atGateway(objects, post('https://console.example.com'))).toBe('allowed');
    expect(atGateway(objects, { ...post('http://console.example.com'), method: 'GET' })).toBe('allowed');
  });

  test('a plain-HTTP origin allowed exactly passes', () => {
    const dev = app({ cors: { allowOrigins: ['https://console.example.com', 'http://localhost:3000'], allowCredentials: true } });
    expect(atGateway(dev, post('http://localhost:3000'))).toBe('allowed');
    expect(atGateway(dev, post('http://localhost:3001'))).toBe('denied');
  });

  test('a pattern admitting plain-HTTP origins is refused with CSRF on', () => {
    const error = validationErrorOf(() => app({ cors: { allowOrigins: ['http://*.example.com:8080'], allowCredentials: true } }));
    expectProblem(error, 'app/edge', 'cors.allowOrigins', 'admits plain-HTTP origins by a pattern', true);
  });
});

describe('grayscale at the edge', () => {
  const vsOf = (objects: Manifest[], name: string) => objects.find((m) => m.kind === 'VirtualService' && m.metadata.name === name)!;

  test('by default, as in the article, any internet client picks the gray version and reads the version header', () => {
    const vs = vsOf(app(), 'edge-shop-example-com');
    expect(routeRequest(vs, { path: '/', headers: { gray: '1' } })?.subsets).toEqual({ 'v1-1': 100 });
    expect(JSON.stringify(vs)).toContain('x-meshlight-version');
  });

  test('rulesAtEdge "none": nobody at the edge picks a version; "authenticated": only a verified token does', () => {
    const none = vsOf(app({ rulesAtEdge: 'none' }), 'edge-shop-example-com');
    expect(routeRequest(none, { path: '/', headers: { gray: '1' } })?.subsets).toEqual({ 'v1-0': 100 });
    const authenticated = vsOf(app({ rulesAtEdge: 'authenticated' }), 'edge-shop-example-com');
    expect(routeRequest(authenticated, { path: '/', headers: { gray: '1' } })?.subsets).toEqual({ 'v1-0': 100 });
    expect(routeRequest(authenticated, { path: '/', headers: { gray: '1', '@request.auth.claims.iss': ISSUER } })?.subsets).toEqual({ 'v1-1': 100 });
  });

  test('versionHeaderAtEdge false keeps the version from internet clients, not from the mesh', () => {
    const objects = app({ versionHeaderAtEdge: false });
    expect(JSON.stringify(vsOf(objects, 'edge-shop-example-com'))).not.toContain('x-meshlight-version');
    expect(JSON.stringify(vsOf(objects, 'cart'))).toContain('x-meshlight-version');
  });

  test('"authenticated" needs jwt', () => {
    const error = validationErrorOf(() => app({ jwt: undefined, rulesAtEdge: 'authenticated' }));
    expectProblem(error, 'app/edge', 'rulesAtEdge', 'needs jwt', true);
  });

  test('the services check the token the gateway verified: the gateway forwards it', () => {
    const objects = app();
    const ra = objects.find((m) => m.kind === 'RequestAuthentication' && m.metadata.name === 'edge-jwt')!;
    expect((ra.spec as any).jwtRules[0].forwardOriginalToken).toBe(true);
    expect(atBackend(objects, CART, 8080, { host: 'shop.example.com', path: '/orders', token: TOKEN })).toBe('allowed');
    const withoutForwarding = objects.map((m) => (m === ra ? { ...m, spec: { ...(m.spec as object), jwtRules: [{ ...(ra.spec as any).jwtRules[0], forwardOriginalToken: false }] } } : m));
    expect(atBackend(withoutForwarding, CART, 8080, { host: 'shop.example.com', path: '/orders', token: TOKEN })).toBe('denied');
  });
});
