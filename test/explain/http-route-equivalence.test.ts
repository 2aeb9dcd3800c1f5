import fc from 'fast-check';
import { checkRequest, CheckResult, Mesh } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// One intent in two dialects: "jason gets v2; everyone else 80% v1, 20% v2; v2 admits only GET from web". meshlight
// explain is the evaluator; the two meshes must send every request to the same pods with the same shares, and
// admit the same callers.
const COMMON = `${workloadYaml('shop', 'web', { app: 'web' })}${workloadYaml('shop', 'tester', { app: 'tester' })}
${workloadYaml('shop', 'api-v1', { app: 'api', version: 'v1' }, 'api-v1')}${workloadYaml('shop', 'api-v2', { app: 'api', version: 'v2' }, 'api-v2')}
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: api-v2, namespace: shop }
spec:
  selector: { matchLabels: { app: api, version: v2 } }
  action: ALLOW
  rules:
    - from: [{ source: { principals: [cluster.local/ns/shop/sa/web] } }]
      to: [{ operation: { methods: [GET] } }]
`;

const VIRTUAL_SERVICE_FORM = `${COMMON}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api, namespace: shop }
spec:
  host: api
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v2, labels: { version: v2 } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: api, subset: v2 } }]
    - route:
        - { destination: { host: api, subset: v1 }, weight: 80 }
        - { destination: { host: api, subset: v2 }, weight: 20 }
`;

const HTTP_ROUTE_FORM = `${COMMON}---
apiVersion: v1
kind: Service
metadata: { name: api-v1, namespace: shop }
spec:
  selector: { app: api, version: v1 }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: api-v2, namespace: shop }
spec:
  selector: { app: api, version: v2 }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: api, namespace: shop }
spec:
  parentRefs: [{ group: "", kind: Service, name: api, port: 80 }]
  rules:
    - backendRefs:
        - { name: api-v1, port: 80, weight: 80 }
        - { name: api-v2, port: 80, weight: 20 }
    - matches: [{ headers: [{ name: end-user, value: jason }] }]
      backendRefs: [{ name: api-v2, port: 80 }]
`;

/** Pod by pod: the share of requests it receives, the path it sees and whether it admits the request. */
function byPod(result: CheckResult): Record<string, { percent: number; path: string; decision: string }> {
  const out: Record<string, { percent: number; path: string; decision: string }> = {};
  for (const d of result.destinations) {
    for (const w of d.workloads) {
      const seen = out[w.workload];
      out[w.workload] = { percent: (seen?.percent ?? 0) + (d.percent ?? Number.NaN), path: w.path, decision: w.authorization.decision };
    }
  }
  return out;
}

const request = fc.record({
  from: fc.constantFrom('shop/web', 'shop/tester'),
  path: fc.constantFrom('/', '/reviews', '/reviews/1?x=y', '/admin'),
  method: fc.constantFrom('GET', 'POST', 'DELETE'),
  headers: fc.dictionary(fc.constantFrom('end-user', 'End-User', 'x-other'), fc.constantFrom('jason', 'Jason', 'ann', '')),
});

describe('a VirtualService with subsets and an HTTPRoute with per-version Services', () => {
  let virtualServiceMesh: Mesh;
  let httpRouteMesh: Mesh;
  beforeAll(() => {
    virtualServiceMesh = meshOf(VIRTUAL_SERVICE_FORM);
    httpRouteMesh = meshOf(HTTP_ROUTE_FORM);
  });

  test.each([
    ['jason', { 'end-user': 'jason' }, { 'shop/api-v2': 100 }],
    ['anyone else', { 'end-user': 'ann' }, { 'shop/api-v1': 80, 'shop/api-v2': 20 }],
    ['no user', {}, { 'shop/api-v1': 80, 'shop/api-v2': 20 }],
  ])('send %s to the same pods with the same shares', (_, headers, shares) => {
    for (const mesh of [virtualServiceMesh, httpRouteMesh]) {
      const pods = byPod(checkRequest(mesh, { from: 'shop/web', to: 'api', headers }));
      expect(Object.fromEntries(Object.entries(pods).map(([pod, p]) => [pod, p.percent]))).toEqual(shares);
    }
  });

  test('send every request to the same pods with the same shares, and admit the same callers', () => {
    fc.assert(fc.property(request, (r) => {
      const a = checkRequest(virtualServiceMesh, { ...r, to: 'api' });
      const b = checkRequest(httpRouteMesh, { ...r, to: 'api' });
      expect(byPod(b)).toEqual(byPod(a));
      expect(b.verdict.outcome).toBe(a.verdict.outcome);
    }), { numRuns: 300 });
  });
});

describe('where the dialects differ (the equivalence must avoid these)', () => {
  test('a VirtualService prefix is a string prefix; an HTTPRoute PathPrefix takes whole segments', () => {
    const vs = meshOf(VIRTUAL_SERVICE_FORM.replace('match: [{ headers: { end-user: { exact: jason } } }]', 'match: [{ uri: { prefix: /v2 } }]'));
    const route = meshOf(HTTP_ROUTE_FORM.replace('matches: [{ headers: [{ name: end-user, value: jason }] }]', 'matches: [{ path: { type: PathPrefix, value: /v2 } }]'));
    const pods = (mesh: Mesh) => Object.keys(byPod(checkRequest(mesh, { from: 'shop/web', to: 'api', path: '/v2beta' })));
    expect(pods(vs)).toEqual(['shop/api-v2']);
    expect(pods(route)).toEqual(['shop/api-v1', 'shop/api-v2']);
  });
});
