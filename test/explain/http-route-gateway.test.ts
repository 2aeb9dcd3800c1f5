import { checkThroughGateway, EdgeCheckResult, renderEdgeCheckText, UnknownNameError } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// A Gateway API ingress gateway (class istio) in namespace edge, with HTTPRoutes from edge and shop.
const MESH = `${workloadYaml('shop', 'web-v1', { app: 'web', version: 'v1' }, 'web')}${workloadYaml('shop', 'web-v2', { app: 'web', version: 'v2' }, 'web')}
apiVersion: v1
kind: Service
metadata: { name: web-v1, namespace: shop }
spec: { selector: { app: web, version: v1 }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-v2, namespace: shop }
spec: { selector: { app: web, version: v2 }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public, namespace: edge }
spec:
  gatewayClassName: istio
  listeners:
    - { name: http, port: 80, protocol: HTTP, hostname: "*.example.com" }
    - { name: shop, port: 8080, protocol: HTTP, hostname: shop.example.com, allowedRoutes: { namespaces: { from: All } } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: wildcard, namespace: edge }
spec:
  parentRefs: [{ name: public, sectionName: http }]
  hostnames: ["*.example.com"]
  rules:
    - backendRefs: [{ name: web-v1, namespace: shop, port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: edge }
spec:
  parentRefs: [{ name: public }]
  hostnames: [shop.example.com]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      filters: [{ type: URLRewrite, urlRewrite: { path: { type: ReplacePrefixMatch, replacePrefixMatch: / } } }]
      backendRefs:
        - { name: web-v1, namespace: shop, port: 80, weight: 90 }
        - { name: web-v2, namespace: shop, port: 80, weight: 10 }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: from-shop, namespace: shop }
spec:
  parentRefs: [{ name: public, namespace: edge }]
  rules:
    - backendRefs: [{ name: web-v2, port: 80 }]
`;

function via(request: { to: string; path?: string; port?: number }): EdgeCheckResult {
  return checkThroughGateway(meshOf(MESH), { via: 'edge/public', ...request });
}

function reached(result: EdgeCheckResult): string[] {
  return result.destinations.flatMap((d) => d.workloads.map((w) => `${w.workload} ${w.path}: ${d.percent}`));
}

describe('check --via a Gateway of the Gateway API', () => {
  test('the route of the exact hostname serves it, with its match, weights and rewrite', () => {
    const result = via({ to: 'shop.example.com', path: '/api/items' });
    expect(result.httpRoute).toBe('edge/shop');
    expect(reached(result)).toEqual(['shop/web-v1 /items: 90', 'shop/web-v2 /items: 10']);
    expect(result.server).toContain('listener http port 80 HTTP hostname *.example.com');
  });

  test('other paths of the exact hostname find no rule (the wildcard route does not serve that host): 404', () => {
    const result = via({ to: 'shop.example.com', path: '/' });
    expect(result.verdict.outcome).toBe('not-found');
  });

  test('other hosts of the listener get the wildcard route', () => {
    expect(reached(via({ to: 'blog.example.com' }))).toEqual(['shop/web-v1 /: 100']);
  });

  test('a route from another namespace is admitted only where allowedRoutes says so (Same by default)', () => {
    expect(reached(via({ to: 'shop.example.com', port: 8080 }))).toEqual(['shop/web-v2 /: 100']);
  });

  test('a host no listener accepts is not found', () => {
    expect(via({ to: 'other.org' }).verdict.outcome).toBe('not-found');
  });

  test('the backends see the gateway\'s identity (the pods Istio creates for it)', () => {
    const result = via({ to: 'blog.example.com' });
    expect(result.gatewayPrincipal).toBe('cluster.local/ns/edge/sa/public-istio');
    expect(renderEdgeCheckText(result)).toContain('HTTPRoute edge/wildcard rule 1, #1 in precedence order, matched by any request');
  });

  test('an unknown gateway names the Gateway API Gateways too', () => {
    expect(() => checkThroughGateway(meshOf(MESH), { via: 'edge/nope', to: 'x' })).toThrow(UnknownNameError);
    expect(() => checkThroughGateway(meshOf(MESH), { via: 'edge/nope', to: 'x' })).toThrow(/Known: edge\/public/);
  });

  test('allowedRoutes Selector admits the namespaces whose labels it selects (kubernetes.io/metadata.name is on every one)', () => {
    const selector = MESH.replace('allowedRoutes: { namespaces: { from: All } }', 'allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { kubernetes.io/metadata.name: shop } } } }');
    expect(reached(checkThroughGateway(meshOf(selector), { via: 'edge/public', to: 'shop.example.com', port: 8080 }))).toEqual(['shop/web-v2 /: 100']);
    const other = MESH.replace('allowedRoutes: { namespaces: { from: All } }', 'allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { team: shop } } } }');
    expect(checkThroughGateway(meshOf(other), { via: 'edge/public', to: 'shop.example.com', port: 8080, path: '/' }).verdict.outcome).toBe('not-found');
  });

  test('policies and the JWT login of the pods Istio creates for it decide before the routes', () => {
    const policies = `${MESH}---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: login, namespace: edge }
spec:
  selector: { matchLabels: { gateway.networking.k8s.io/gateway-name: public } }
  jwtRules: [{ issuer: https://login.example.com }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: require-jwt, namespace: edge }
spec:
  selector: { matchLabels: { gateway.networking.k8s.io/gateway-name: public } }
  action: DENY
  rules: [{ from: [{ source: { notRequestPrincipals: ["*"] } }] }]
`;
    const mesh = meshOf(policies);
    expect(checkThroughGateway(mesh, { via: 'edge/public', to: 'blog.example.com', token: null }).outcome).toBe('denied at the gateway');
    expect(checkThroughGateway(mesh, { via: 'edge/public', to: 'blog.example.com', token: { issuer: 'https://evil.example.com', subject: 'u' } }).verdict.outcome).toBe('unauthenticated');
    const signedIn = checkThroughGateway(mesh, { via: 'edge/public', to: 'blog.example.com', token: { issuer: 'https://login.example.com', subject: 'u' } });
    expect(reached(signedIn)).toEqual(['shop/web-v1 /: 100']);
    expect(signedIn.forwardsToken).toBe(false);
  });
});
