import { checkRequest, meshRoutesFor, waypointOf } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// Namespace shop in ambient mode, its Services through the waypoint shop/waypoint, whose L7 policy admits only GET
// from web; tester may not call at all.
const AMBIENT = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint }
---
${workloadYaml('shop', 'web', { app: 'web' })}${workloadYaml('shop', 'tester', { app: 'tester' })}${workloadYaml('shop', 'api-v1', { app: 'api', version: 'v1' }, 'api')}
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: direct, namespace: shop, labels: { istio.io/use-waypoint: none } }
spec: { selector: { app: api }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: waypoint, namespace: shop }
spec:
  gatewayClassName: istio-waypoint
  listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: api-l7, namespace: shop }
spec:
  targetRefs: [{ kind: Gateway, group: gateway.networking.k8s.io, name: waypoint }]
  action: ALLOW
  rules:
    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web] } }]
      to: [{ operation: { methods: [GET] } }]
`;

describe('waypoints (ambient)', () => {
  const mesh = meshOf(AMBIENT);

  test('a Service uses the waypoint its namespace names, unless it opts out with none', () => {
    expect(waypointOf(mesh, mesh.services.find((s) => s.name === 'api')!)).toMatchObject({ waypoint: 'shop/waypoint', labelledOn: 'Namespace shop' });
    expect(waypointOf(mesh, mesh.services.find((s) => s.name === 'direct')!)).toBeUndefined();
  });

  test.each([
    ['shop/web', 'GET', 'allowed'],
    ['shop/web', 'POST', 'denied'],
    ['shop/tester', 'GET', 'denied'],
  ])('the waypoint\'s L7 policy decides: %s %s is %s', (from, method, outcome) => {
    const result = checkRequest(mesh, { from, to: 'api', method });
    expect(result.verdict.outcome).toBe(outcome);
    expect(result.notes.join('\n')).toContain('Namespace shop sends its traffic through waypoint shop/waypoint');
    if (outcome === 'denied') {
      expect(result.destinations[0].workloads[0].authorization.policy).toBe('waypoint shop/waypoint: ALLOW shop/api-l7');
    }
  });

  test('a Service that opts out is not decided by the waypoint\'s policy', () => {
    expect(checkRequest(mesh, { from: 'shop/tester', to: 'direct', method: 'POST' }).verdict.outcome).toBe('allowed');
  });

  test('an HTTPRoute of a Service applies at its waypoint as at a sidecar', () => {
    const withRoute = meshOf(`${AMBIENT}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: api, namespace: shop }
spec:
  parentRefs: [{ group: "", kind: Service, name: api }]
  rules: [{ backendRefs: [{ name: direct, port: 80 }] }]
`);
    expect(meshRoutesFor(withRoute.httpRoutes, withRoute.services.find((s) => s.name === 'api')!, 'shop')?.kind).toBe('producer');
    const result = checkRequest(withRoute, { from: 'shop/web', to: 'api' });
    expect(result.httpRoute).toBe('shop/api');
    expect(result.verdict.outcome).toBe('allowed');
  });
});
