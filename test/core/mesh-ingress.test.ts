import {
  GrayscaleServiceProps, loginProviderMeshConfig, Manifest, MeshIngressProps, MeshlightValidationError,
  renderGrayscaleService, renderMeshIngress, StringMatch,
} from '../../lib/core/internal';
import { RE2JS } from 're2js';
import { validationErrorOf } from '../support/errors';
import { routeRequest } from '../support/routing';
import { clusterProblemsOfAll } from '../support/validate';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';
function service(props: GrayscaleServiceProps & { name: string }) {
  const rendered = renderGrayscaleService({ namespace: 'shop', ...props }, { path: props.name, defaultName: props.name });
  return rendered;
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

/** Every problem `props` (used as they are, not merged into base) raise, as `field = value: problem` lines. */
function problemsOf(props: unknown): string[] {
  return validationErrorOf(() => renderMeshIngress(props as MeshIngressProps, { path: 'app/edge', defaultName: 'edge' }))
    .problems.map((p) => `${p.field} = ${JSON.stringify(p.value)}: ${p.problem}`);
}

const csrfOriginsOf = (out: Manifest[]): unknown => find(out, 'EnvoyFilter', 'edge-csrf').spec.configPatches[0].patch.value.typed_config.additional_origins;


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

  test('a wildcard origin admits any one label in place of "*": a regex for CORS, the same host pattern for CSRF', async () => {
    const out = render({ cors: { allowOrigins: ['https://*.example.com', 'https://*.example.com:8080'], allowCredentials: true } });
    const origins = find(out, 'VirtualService', 'edge-shop-example-com').spec.http[0].corsPolicy.allowOrigins;
    const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
    expect(origins).toEqual([{ regex: `https://${label}\\.example\\.com` }, { regex: `https://${label}\\.example\\.com:8080` }]);
    expect(csrfOriginsOf(out)).toEqual([{ safe_regex: { regex: `${label}\\.example\\.com` } }, { safe_regex: { regex: `${label}\\.example\\.com:8080` } }]);
    const admits = (origin: string) => RE2JS.matches(origins[0].regex, origin);
    expect(['https://app.example.com', 'https://a-1.example.com'].every(admits)).toBe(true);
    expect(['https://example.com', 'https://a.b.example.com', 'https://app.example.com.attacker.invalid', 'https://appxexample.com', 'http://app.example.com'].some(admits)).toBe(false);
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });

  test('CSRF compares host[:port] without the scheme: regex origins lose their scheme as exact ones do', () => {
    const out = render({ cors: { allowOrigins: [StringMatch.regex('https://[a-z]+\\.example\\.org'), StringMatch.prefix('https://app.example.com:')], allowCredentials: true } });
    expect(csrfOriginsOf(out)).toEqual([{ safe_regex: { regex: '[a-z]+\\.example\\.org' } }, { prefix: 'app.example.com:' }]);
  });

  test('an empty csrf.additionalOrigins is none: only the request\'s own host may send unsafe requests, as with csrf: true', () => {
    expect(csrfOriginsOf(render({ csrf: { additionalOrigins: [] } }))).toBeUndefined();
    expect(render({ csrf: { additionalOrigins: [] } })).toEqual(render({ csrf: true }));
  });

  test('"*" opens cross-origin reads only: CSRF protection does not take it as an additional origin', () => {
    expect(csrfOriginsOf(render({ cors: { allowOrigins: ['*', 'https://console.example.com'] }, csrf: true }))).toEqual([{ exact: 'console.example.com' }]);
  });

  test('JWT login: RequestAuthentication that forwards the token, and a DENY for requests without one, with or without a port in Host, except the paths excluded on each host', () => {
    const out = render({ jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'], excludedPaths: { 'shop.example.com': ['/healthz'] } } });
    expect(find(out, 'RequestAuthentication', 'edge-jwt').spec).toEqual({
      jwtRules: [{ audiences: ['shop'], forwardOriginalToken: true, issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json' }],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
    const withoutToken = { from: [{ source: { notRequestPrincipals: ['*'] } }] };
    expect(find(out, 'AuthorizationPolicy', 'edge-require-jwt').spec).toEqual({
      action: 'DENY',
      rules: [
        { ...withoutToken, to: [{ operation: { hosts: ['api.example.com', 'api.example.com:*'] } }] },
        { ...withoutToken, to: [{ operation: { hosts: ['shop.example.com', 'shop.example.com:*'], notPaths: ['/healthz'] } }] },
      ],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
  });

  test('external login: a CUSTOM policy naming the mesh extension provider, and the meshConfig that declares it', () => {
    const out = render({ externalLogin: { provider: 'dataworks-login', excludedPaths: { 'api.example.com': ['/public/*'] } }, pathNormalization: 'DECODE_AND_MERGE_SLASHES' });
    expect(find(out, 'AuthorizationPolicy', 'edge-login').spec).toEqual({
      action: 'CUSTOM', provider: { name: 'dataworks-login' },
      rules: [{ to: [{ operation: { hosts: ['shop.example.com', 'shop.example.com:*'] } }, { operation: { hosts: ['api.example.com', 'api.example.com:*'], notPaths: ['/public/*'] } }] }],
      selector: { matchLabels: { istio: 'ingressgateway' } },
    });
    expect(loginProviderMeshConfig('dataworks-login', 'login.auth.svc.cluster.local', 8080)).toEqual({
      meshConfig: { extensionProviders: [{ envoyExtAuthzHttp: { includeRequestHeadersInCheck: ['authorization', 'cookie'], port: 8080, service: 'login.auth.svc.cluster.local' }, name: 'dataworks-login' }] },
    });
  });

  test('every object is accepted by a cluster', async () => {
    const out = render({
      cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true },
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'], excludedPaths: { 'shop.example.com': ['/healthz'] } },
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
    ['two hosts that differ only in punctuation', { hosts: [{ host: 'shop.example.com', tlsSecret: 'a' }, { host: 'shop-example.com', tlsSecret: 'b' }], routes: [{ service: httpbin, host: 'shop.example.com' }, { service: cart, host: 'shop-example.com' }] },
      'hosts[1].host = "shop-example.com"', 'gives the same object names as "shop.example.com" (VirtualService <name>-shop-example-com, Gateway port https-shop-example-com). Fix: serve one of the two from a second MeshIngress'],
    ['a wildcard host and its spelt-out twin', { hosts: [{ host: '*.example.com', tlsSecret: 'a' }, { host: 'wildcard.example.com', tlsSecret: 'b' }], routes: [{ service: httpbin, host: '*.example.com' }] },
      'hosts[1].host = "wildcard.example.com"', 'gives the same object names as "*.example.com"'],
    ['two long hosts whose first 50 characters agree', { hosts: [{ host: `${'a'.repeat(50)}.one.example.com`, tlsSecret: 'a' }, { host: `${'a'.repeat(50)}.two.example.com`, tlsSecret: 'b' }], routes: [{ service: httpbin, host: `${'a'.repeat(50)}.one.example.com` }] },
      'hosts[1].host', 'cut to 50 characters'],
    ['a gateway that is not an object', { gateway: 'istio-system' as never }, 'gateway = "istio-system"', 'is not the gateway deployment'],
    ['gateway labels given as a list', { gateway: { labels: ['istio'] as never } }, 'gateway.labels = ["istio"]', 'is not a set of pod labels'],
    ['allowPlainHttp that is not a boolean', { allowPlainHttp: 'no' as never }, 'allowPlainHttp = "no"', 'is not true or false'],
    ['any https origin with credentials', { cors: { allowOrigins: [StringMatch.prefix('https://')], allowCredentials: true } }, 'cors.allowOrigins = "https://"', 'admits other sites\' origins such as "https://attacker.invalid" while allowCredentials is true'],
    ['a regex admitting every origin with credentials', { cors: { allowOrigins: [StringMatch.regex('.*')], allowCredentials: true } }, 'cors.allowOrigins = ".*"', 'admits other sites\' origins such as "https://attacker.invalid"'],
    ['a regex that lets another name run into the domain, with credentials', { cors: { allowOrigins: [StringMatch.regex('https://.*example\\.com')], allowCredentials: true } }, 'cors.allowOrigins = "https://.*example\\\\.com"', 'admits other sites\' origins such as "https://attackerexample.com"'],
    ['a regex with an unescaped dot, with credentials', { cors: { allowOrigins: [StringMatch.regex('https://app.example\\.com')], allowCredentials: true } }, 'cors.allowOrigins = "https://app.example\\\\.com"', '"https://appxexample.com"'],
    ['a regex that lets another domain follow, while CSRF is on', { cors: { allowOrigins: [StringMatch.regex('https://app\\.example\\.com.*')] }, csrf: true }, 'cors.allowOrigins', '"https://app.example.com.attacker.invalid"'],
    ['a prefix that does not end the host, with credentials', { cors: { allowOrigins: [StringMatch.prefix('https://app.example.com')], allowCredentials: true } }, 'cors.allowOrigins = "https://app.example.com"', '"https://app.example.com.attacker.invalid"'],
    ['a CORS origin admitting every site while CSRF is on', { cors: { allowOrigins: [StringMatch.prefix('https://')] }, csrf: true }, 'cors.allowOrigins = "https://"', 'so CSRF protection would let unsafe requests from other sites through'],
    ['"*" as a CSRF origin', { csrf: { additionalOrigins: ['*'] } }, 'csrf.additionalOrigins = "*"', 'admits every origin, so CSRF protection would let unsafe requests from other sites through'],
    ['a regex origin whose host CSRF cannot tell', { cors: { allowOrigins: [StringMatch.regex('https://a\\.example\\.com|https://b\\.example\\.com')], allowCredentials: true } }, 'cors.allowOrigins', 'is a regex CSRF protection cannot use'],
    ['a preflight cache of 1e30 seconds', { cors: { allowOrigins: ['https://console.example.com'], maxAgeSeconds: 1e30 } }, 'cors.maxAgeSeconds = 1e+30', 'is not between 1 and 31536000 seconds'],
    ['no preflight cache, which Istio rejects', { cors: { allowOrigins: ['https://console.example.com'], maxAgeSeconds: 0 } }, 'cors.maxAgeSeconds = 0', 'is not between 1 and 31536000 seconds'],
    ['a method istiod does not accept in CORS', { cors: { allowOrigins: ['https://console.example.com'], allowMethods: ['FETCH'] } }, 'cors.allowMethods = "FETCH"', 'is not an HTTP method'],
    ['a host given as a string', { hosts: ['api.example.com' as never] }, 'hosts[0] = "api.example.com"', 'is not a host entry'],
    ['a service given as a route', { routes: [httpbin as never] }, 'routes[0] = "(a service)"', 'is not a route'],
    ['JWT settings that are not an object', { jwt: 'https://accounts.example.com' as never }, 'jwt = "https://accounts.example.com"', 'is not JWT settings'],
    ['login settings that are not an object', { externalLogin: 'oauth2-proxy' as never }, 'externalLogin = "oauth2-proxy"', 'is not login settings'],
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

describe('bad input: one mistake, one problem', () => {
  test('props that are not an object say only that', () => {
    expect(problemsOf(undefined)).toEqual(['props = undefined: is not an object']);
    expect(problemsOf('edge')).toEqual(['props = "edge": is not an object']);
  });

  test.each<[string, unknown]>([['missing', undefined], ['empty', []]])('%s hosts: no route is reported as serving an unknown host', (_case, hosts) => {
    expect(problemsOf({ ...base, hosts })).toEqual([`hosts = ${JSON.stringify(hosts)}: lists no hosts`]);
  });

  test('a route to a host that is listed but wrong is not reported again', () => {
    expect(problemsOf({ ...base, hosts: [{ host: 'api.example.com', tlsSecret: 'a' }, { host: 'Shop.Example.com', tlsSecret: 'b' }], routes: [{ service: cart, host: 'Shop.Example.com' }] }))
      .toEqual(['hosts[1].host = "Shop.Example.com": is not a host name']);
  });

  test('allowPlainHttp that is not a boolean does not also report every host without a certificate', () => {
    expect(problemsOf({ ...base, hosts: [{ host: 'api.example.com' }], routes: [{ service: httpbin, host: 'api.example.com' }], allowPlainHttp: 'yes' }))
      .toEqual(['allowPlainHttp = "yes": is not true or false']);
  });

  test('a credentialed origin that admits other sites is reported once, not again for CSRF', () => {
    expect(problemsOf({ ...base, cors: { allowOrigins: [StringMatch.regex('https://.*')], allowCredentials: true } })).toHaveLength(1);
  });
});

describe('unknown fields: a misspelt option is reported, never ignored', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['props', { tlsSecrets: 'x' }, 'tlsSecrets = "x": is not a field of MeshIngress props'],
    ['a host', { hosts: [{ host: 'api.example.com', tlsSecret: 'a', tls: 'b' }], routes: [{ service: httpbin, host: 'api.example.com' }] }, 'hosts[0].tls = "b": is not a field of an ingress host'],
    ['a route', { routes: [{ service: httpbin, host: 'api.example.com', prefix: '/x' }] }, 'routes[0].prefix = "/x": is not a field of an ingress route'],
    ['the gateway', { gateway: { selector: { istio: 'ingressgateway' } } }, 'gateway.selector = {"istio":"ingressgateway"}: is not a field of the gateway deployment'],
    ['CORS', { cors: { allowOrigins: ['https://console.example.com'], allowCredential: true } }, 'cors.allowCredential = true: is not a field of a CORS policy'],
    ['CSRF', { csrf: { origins: ['https://console.example.com'] } }, 'csrf.origins = ["https://console.example.com"]: is not a field of CSRF settings'],
    ['JWT', { jwt: { issuer: 'https://a.example.com', jwksUri: 'https://a.example.com/jwks', audiences: ['shop'], fromParams: 'token' } }, 'jwt.fromParams = "token": is not a field of JWT settings'],
    ['the JWT header', { jwt: { issuer: 'https://a.example.com', jwksUri: 'https://a.example.com/jwks', audiences: ['shop'], fromHeader: { name: 'x-token', prefixes: ['Bearer '] } } }, 'jwt.fromHeader.prefixes = ["Bearer "]: is not a field of a token header'],
    ['external login', { externalLogin: { provider: 'oauth2-proxy', excludePaths: ['/healthz'] } }, 'externalLogin.excludePaths = ["/healthz"]: is not a field of login settings'],
  ])('in %s', (_case, props, problem) => {
    expect(problemsOf({ ...base, ...props })).toEqual([`${problem}, so it would be ignored`]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['hosts', { host: base.hosts }, 'host'],
    ['cors.allowOrigins', { cors: { allowOrigin: ['https://console.example.com'] } }, 'cors.allowOrigin'],
    ['jwt.issuer', { jwt: { issuer_: 'https://a.example.com', jwksUri: 'https://a.example.com/jwks', anyAudience: true } }, 'jwt.issuer_'],
    ['jwt.audiences', { jwt: { issuer: 'https://a.example.com', jwksUri: 'https://a.example.com/jwks', audience: ['shop'] } }, 'jwt.audience'],
    ['externalLogin.provider', { externalLogin: { providers: 'oauth2-proxy' } }, 'externalLogin.providers'],
    ['hosts[0].tlsSecret', { hosts: [{ host: 'api.example.com', tlsSecert: 'a' }], routes: [{ service: httpbin, host: 'api.example.com' }] }, 'hosts[0].tlsSecert'],
    ['routes[0].host', { routes: [{ service: httpbin, hots: 'api.example.com' }] }, 'routes[0].hots'],
  ])('a misspelt %s is reported as misspelt, not also as missing', (_field, props, misspelt) => {
    const problems = problemsOf({ ...base, ...props });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${misspelt.replace(/[.[\]]/g, '\\$&')} = .*: is not a field of .*`));
  });

  test('the props of every example in the README and examples/ keep passing', () => {
    expect(() => render({ cors: { allowOrigins: ['https://console.example.com'], allowCredentials: true, allowHeaders: ['authorization', 'content-type'] }, jwt: { issuer: 'https://login.example.com', jwksUri: 'https://login.example.com/.well-known/jwks.json', audiences: ['console.example.com'], excludedPaths: { 'shop.example.com': ['/healthz'] } } })).not.toThrow();
  });
});
