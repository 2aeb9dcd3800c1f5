import {
  GrayscaleServiceProps, httpRoutesOf, loginProviderMeshConfig, Manifest, MeshIngressProps, MeshlightValidationError,
  renderGrayscaleService, renderMeshIngress, StringMatch,
} from '../../lib/core';
import { routeRequest } from '../support/routing';
import { clusterProblemsOfAll } from '../support/validate';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';
function service(props: GrayscaleServiceProps & { name: string }) {
  const rendered = renderGrayscaleService({ namespace: 'shop', ...props }, { path: props.name, defaultName: props.name });
  return { identity: rendered.identity, httpRoutes: httpRoutesOf(rendered.manifests, rendered.name) };
}
const httpbin = service({
  name: 'httpbin',
  versions: [{ version: '1.0', weight: 80, image: IMAGE }, { version: '1.1', weight: 20, image: IMAGE }, { version: '2.0', image: IMAGE }],
  majors: { '1': { rewrite: '/' }, '2': { rewrite: '/' } },
});
const cart = service({
  name: 'cart',
  versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }],
  rules: [{ name: 'gray', version: '1.1', anyOf: [{ headers: { gray: '1' } }, { query: { debug: 'true' } }] }],
});

const base: MeshIngressProps = {
  namespace: 'shop',
  hosts: [{ host: 'api.example.com', tlsSecret: 'api-cert' }, { host: 'shop.example.com', tlsSecret: 'shop-cert' }],
  routes: [{ service: httpbin, host: 'api.example.com' }, { service: cart, host: 'shop.example.com', path: '/cart' }],
};

function render(props: Partial<MeshIngressProps> = {}): Manifest[] {
  return [...renderMeshIngress({ ...base, ...props }, { path: 'app/edge', defaultName: 'edge' }).manifests];
}


describe('the gateway', () => {
  test('serves each host over HTTPS with its certificate and redirects HTTP to HTTPS', () => {
    expect(find(render(), 'Gateway', 'edge').spec).toEqual({
      selector: { istio: 'ingressgateway' },
      servers: [
        { hosts: ['shop/api.example.com'], port: { name: 'https-api-example-com', number: 443, protocol: 'HTTPS' }, tls: { credentialName: 'api-cert', mode: 'SIMPLE' } },
        { hosts: ['shop/shop.example.com'], port: { name: 'https-shop-example-com', number: 443, protocol: 'HTTPS' }, tls: { credentialName: 'shop-cert', mode: 'SIMPLE' } },
        { hosts: ['shop/api.example.com', 'shop/shop.example.com'], port: { name: 'http-redirect', number: 80, protocol: 'HTTP' }, tls: { httpsRedirect: true } },
      ],
    });
  });

  test('plain HTTP is an explicit opt-in', () => {
    const out = render({ allowPlainHttp: true, hosts: [{ host: 'api.example.com' }], routes: [{ service: httpbin, host: 'api.example.com' }] });
    expect(find(out, 'Gateway', 'edge').spec.servers).toEqual([{ hosts: ['shop/api.example.com'], port: { name: 'http', number: 80, protocol: 'HTTP' } }]);
  });
});

describe('routes: grayscale applies at the edge as inside the mesh', () => {
  const out = render();
  const api = find(out, 'VirtualService', 'edge-api-example-com');
  const shop = find(out, 'VirtualService', 'edge-shop-example-com');

  test('one VirtualService per host, bound to the gateway', () => {
    expect(out.filter((m) => m.kind === 'VirtualService').map((m: any) => [m.metadata.name, m.spec.hosts, m.spec.gateways]))
      .toEqual([['edge-api-example-com', ['api.example.com'], ['shop/edge']], ['edge-shop-example-com', ['shop.example.com'], ['shop/edge']]]);
  });

  test.each<[string, Record<string, string>, Record<string, string>, Record<string, number>, string]>([
    ['/v1/get', {}, {}, { 'v1-0': 80, 'v1-1': 20 }, '/get'],
    ['/v2/get', {}, {}, { 'v2-0': 100 }, '/get'],
  ])('api.example.com%s reaches %p', (path, headers, query, subsets, arrives) => {
    const routed = routeRequest(api, { path, headers, query })!;
    expect(routed.subsets).toEqual(subsets);
    expect(routed.path).toBe(arrives);
  });

  test('a path no major serves gets the service\'s 404', () => {
    expect(routeRequest(api, { path: '/v3/get' })!.status).toBe(404);
  });

  test.each<[string, Record<string, string>, Record<string, string>, string, string]>([
    ['/cart/items', {}, {}, 'v1-0', '/items'],
    ['/cart/items', { gray: '1' }, {}, 'v1-1', '/items'],
    ['/cart/items', {}, { debug: 'true' }, 'v1-1', '/items'],
    ['/cart', {}, {}, 'v1-0', '/'],
  ])('shop.example.com%s with headers %p and query %p reaches %s as %s', (path, headers, query, subset, arrives) => {
    const routed = routeRequest(shop, { path, headers, query })!;
    expect(routed.subsets).toEqual({ [subset]: 100 });
    expect(routed.path).toBe(arrives);
  });

  test('a path outside every route matches nothing', () => {
    expect(routeRequest(shop, { path: '/carts' })).toBeUndefined();
  });

  test('longer paths are routed first', () => {
    const out2 = render({ routes: [{ service: httpbin, host: 'api.example.com', path: '/api' }, { service: cart, host: 'api.example.com', path: '/api/cart' }] });
    const vs = find(out2, 'VirtualService', 'edge-api-example-com');
    expect(routeRequest(vs, { path: '/api/cart/x' })!.subsets).toEqual({ 'v1-0': 100 });
    expect(routeRequest(vs, { path: '/api/v2/x' })!.subsets).toEqual({ 'v2-0': 100 });
  });
});

describe('CORS, CSRF and login', () => {
  test('CORS lands on every forwarding route', () => {
    const out = render({ cors: { allowOrigins: ['https://console.example.com', StringMatch.regex('https://.*\\.example\\.org')], allowHeaders: ['content-type'], maxAgeSeconds: 600 } });
    const routes = find(out, 'VirtualService', 'edge-shop-example-com').spec.http;
    expect(routes[0].corsPolicy).toEqual({
      allowCredentials: false, allowHeaders: ['content-type'], allowMethods: ['GET', 'POST'],
      allowOrigins: [{ exact: 'https://console.example.com' }, { regex: 'https://.*\\.example\\.org' }], maxAge: '600s',
    });
    expect(find(out, 'VirtualService', 'edge-api-example-com').spec.http.filter((r: any) => r.directResponse).map((r: any) => r.corsPolicy)).toEqual([undefined]);
  });

  test('CSRF is on when CORS allows credentials: Envoy\'s CSRF filter on the gateway, allowing the CORS origins', () => {
    const out = render({ cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true } });
    const filter = find(out, 'EnvoyFilter', 'edge-csrf');
    expect(filter.metadata.namespace).toBe('istio-system');
    expect(filter.spec.workloadSelector).toEqual({ labels: { istio: 'ingressgateway' } });
    const patch = filter.spec.configPatches[0];
    expect(patch.match.context).toBe('GATEWAY');
    expect(patch.patch.value.typed_config.additional_origins).toEqual([{ exact: 'console.example.com' }]);
    expect(render({ cors: { allowOrigins: ['https://console.example.com'] } }).some((m) => m.kind === 'EnvoyFilter')).toBe(false);
    expect(render({ csrf: true }).some((m) => m.kind === 'EnvoyFilter')).toBe(true);
  });

  test('JWT login: RequestAuthentication and a DENY for requests without a token, except excluded paths', () => {
    const out = render({ jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'], excludedPaths: ['/healthz'] } });
    expect(find(out, 'RequestAuthentication', 'edge-jwt').spec).toEqual({
      jwtRules: [{ audiences: ['shop'], issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json' }],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
    expect(find(out, 'AuthorizationPolicy', 'edge-require-jwt').spec).toEqual({
      action: 'DENY',
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { hosts: ['api.example.com', 'shop.example.com'], notPaths: ['/healthz'] } }] }],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
  });

  test('external login: a CUSTOM policy naming the mesh extension provider, and the meshConfig that declares it', () => {
    const out = render({ externalLogin: { provider: 'dataworks-login', excludedPaths: ['/public/*'] } });
    expect(find(out, 'AuthorizationPolicy', 'edge-login').spec).toEqual({
      action: 'CUSTOM', provider: { name: 'dataworks-login' },
      rules: [{ to: [{ operation: { hosts: ['api.example.com', 'shop.example.com'], notPaths: ['/public/*'] } }] }],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
    expect(loginProviderMeshConfig('dataworks-login', 'login.auth.svc.cluster.local', 8080)).toEqual({
      meshConfig: { extensionProviders: [{ envoyExtAuthzHttp: { includeRequestHeadersInCheck: ['authorization', 'cookie'], port: 8080, service: 'login.auth.svc.cluster.local' }, name: 'dataworks-login' }] },
    });
  });

  test('every object is accepted by a cluster', async () => {
    const out = render({
      cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true },
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', excludedPaths: ['/healthz'] },
      externalLogin: { provider: 'dataworks-login' },
    });
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('bad input: a clear error naming path, field, value and fix', () => {
  test.each<[string, Partial<MeshIngressProps>, string, string]>([
    ['a wildcard origin with credentials', { cors: { allowOrigins: ['*'], allowCredentials: true } }, 'cors.allowOrigins = "*"', 'allowCredentials is true'],
    ['an invalid origin', { cors: { allowOrigins: ['console.example.com/app'] } }, 'cors.allowOrigins = "console.example.com/app"', 'is not an origin'],
    ['an invalid host', { hosts: [{ host: 'Shop Example', tlsSecret: 'x' }] }, 'hosts[0].host = "Shop Example"', 'is not a host name'],
    ['a route to an unknown service', { routes: [{ service: { name: 'cart' } as never, host: 'api.example.com' }] }, 'routes[0].service', 'is not a known service'],
    ['a route to a host the ingress does not serve', { routes: [{ service: httpbin, host: 'other.example.com' }] }, 'routes[0].host = "other.example.com"', 'is not one of the ingress hosts'],
    ['two routes on one path', { routes: [{ service: httpbin, host: 'api.example.com' }, { service: cart, host: 'api.example.com', path: '/' }] }, 'routes[1].path = "/"', 'is already served on api.example.com by routes[0]'],
    ['a JWT rule without issuer', { jwt: { jwksUri: 'https://a.example.com/jwks' } as never }, 'jwt.issuer', 'is missing'],
    ['a TLS host without a secret', { hosts: [{ host: 'api.example.com' }] }, 'hosts[0].tlsSecret', 'would be served over plain HTTP'],
  ])('%s', (_case, props, field, message) => {
    let error: unknown;
    try {
      render(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expect((error as Error).message).toContain(`app/edge: ${field}`);
    expect((error as Error).message).toContain(message);
  });
});
