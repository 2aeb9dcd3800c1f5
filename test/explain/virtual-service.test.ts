import {
  checkRequest, describeRouteMatch, ExplainInputError, HttpRoute, MeshRequest, percentages, rewrittenPath, routeTruth,
} from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

const SHOP = `${workloadYaml('shop', 'web', { app: 'web' })}${workloadYaml('shop', 'tester', { app: 'tester' })}
${workloadYaml('shop', 'api-v1', { app: 'api', version: 'v1' }, 'api')}${workloadYaml('shop', 'api-v2', { app: 'api', version: 'v2' }, 'api')}
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api, namespace: shop }
spec:
  host: api
  subsets:
    - { name: v1, labels: { version: v1 } }
    - { name: v2, labels: { version: v2 } }
`;

/** The routes of a one-VirtualService mesh whose http section is `http` (YAML, indented by 4). */
function routes(http: string): readonly HttpRoute[] {
  const mesh = meshOf(`${SHOP}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
${http}`);
  return mesh.virtualServices[0].http;
}

const anyCaller = { source: { principal: 'cluster.local/ns/shop/sa/web', namespace: 'shop', labels: { app: 'web' } } };

function request(partial: Partial<MeshRequest>): MeshRequest {
  return { ...anyCaller, method: 'GET', path: '/', query: {}, headers: {}, authority: 'api', port: 80, ...partial };
}

describe('VirtualService match semantics', () => {
  const [andOr] = routes(`    - match:
        - headers: { end-user: { exact: jason }, x-canary: { prefix: "yes" } }
          uri: { prefix: /reviews }
        - queryParams: { debug: { exact: "true" } }
      route: [{ destination: { host: api, subset: v2 } }]
`);

  test.each([
    ['all of the first entry', { headers: { 'end-user': 'jason', 'x-canary': 'yes-please' }, path: '/reviews/1' }, true],
    ['the first entry but one header is missing (AND)', { headers: { 'end-user': 'jason' }, path: '/reviews/1' }, false],
    ['the first entry but the wrong path (AND)', { headers: { 'end-user': 'jason', 'x-canary': 'yes' }, path: '/ratings' }, false],
    ['only the second entry (OR)', { query: { debug: 'true' } }, true],
    ['neither entry', { query: { debug: 'false' } }, false],
  ])('a request matching %s: %s', (_, partial, expected) => {
    expect(routeTruth(andOr, request(partial))).toBe(expected);
  });

  test('the route describes itself as one line per OR entry, AND inside', () => {
    expect(describeRouteMatch(andOr)).toEqual([
      'uri starts with "/reviews" AND header end-user = "jason" AND header x-canary starts with "yes"',
      'query debug = "true"',
    ]);
  });

  const [regex] = routes(`    - match: [{ uri: { regex: "/ratings/[0-9]+" } }]
      route: [{ destination: { host: api } }]
`);
  test.each([
    ['/ratings/42', true],
    ['/ratings/42/extra', false],
    ['/x/ratings/42', false],
  ])('regex is an RE2 full match: %s → %s', (path, expected) => {
    expect(routeTruth(regex, request({ path }))).toBe(expected);
  });

  test('an empty StringMatch ({}) means the header is present', () => {
    const [presence] = routes(`    - match: [{ headers: { x-debug: {} } }]
      route: [{ destination: { host: api } }]
`);
    expect(routeTruth(presence, request({ headers: { 'x-debug': '' } }))).toBe(true);
    expect(routeTruth(presence, request({ headers: {} }))).toBe(false);
  });

  test('withoutHeaders matches when the header is absent or different', () => {
    const [without] = routes(`    - match: [{ withoutHeaders: { end-user: { exact: jason } } }]
      route: [{ destination: { host: api } }]
`);
    expect(routeTruth(without, request({ headers: {} }))).toBe(true);
    expect(routeTruth(without, request({ headers: { 'end-user': 'ann' } }))).toBe(true);
    expect(routeTruth(without, request({ headers: { 'end-user': 'jason' } }))).toBe(false);
  });

  test('ignoreUriCase compares the path in any case', () => {
    const [route] = routes(`    - match: [{ uri: { prefix: /API/ }, ignoreUriCase: true }]
      route: [{ destination: { host: api } }]
`);
    expect(routeTruth(route, request({ path: '/api/x' }))).toBe(true);
  });

  test('a route without match matches every request', () => {
    const [route] = routes(`    - route: [{ destination: { host: api } }]
`);
    expect(routeTruth(route, request({ path: '/anything', headers: { a: 'b' } }))).toBe(true);
    expect(describeRouteMatch(route)).toEqual(['any request']);
  });

  test('an attribute the request does not give leaves the match open, with the condition in words', () => {
    const [route] = routes(`    - match: [{ sourceLabels: { app: tester }, method: { exact: POST } }]
      route: [{ destination: { host: api } }]
`);
    expect(routeTruth(route, { source: { principal: 'p', namespace: 'shop' }, method: 'POST' })).toEqual({ when: 'caller labels app=tester' });
    expect(routeTruth(route, { source: { labels: { app: 'tester' } } })).toEqual({ when: 'method = "POST"' });
    expect(routeTruth(route, { source: { labels: { app: 'web' } } })).toBe(false);
  });

  test('a match limited to a gateway never matches sidecar traffic', () => {
    const [route] = routes(`    - match: [{ gateways: [istio-system/public] }]
      route: [{ destination: { host: api } }]
`);
    expect(routeTruth(route, request({}))).toBe(false);
  });

  test('a regex that RE2 rejects is reported with the file, the field and the reason', () => {
    expect(() => routes(`    - match: [{ uri: { regex: "/(?=x)" } }]
      route: [{ destination: { host: api } }]
`)).toThrow(/inline\.yaml document \d+ \(line \d+\) VirtualService shop\/api: spec\.http\[0\]\.match\[0\]\.uri\.regex = "\/\(\?=x\)": expected an RE2 regex/);
    expect(() => routes('    - match: [{ uri: { exact: /a, prefix: /b } }]\n')).toThrow(ExplainInputError);
  });
});

describe('rewrite, as Envoy applies it', () => {
  const [prefix, exact, all] = routes(`    - match: [{ uri: { prefix: /v1/ } }]
      rewrite: { uri: / }
      route: [{ destination: { host: api } }]
    - match: [{ uri: { exact: /v1 } }]
      rewrite: { uri: /home }
      route: [{ destination: { host: api } }]
    - rewrite: { uri: /api/ }
      route: [{ destination: { host: api } }]
`);
  test.each([
    ['a prefix match replaces the matched prefix', prefix, '/v1/get', '/get'],
    ['an exact match replaces the whole path', exact, '/v1', '/home'],
    ['no uri match replaces the leading "/"', all, '/get', '/api/get'],
  ])('%s', (_, route, path, expected) => {
    expect(rewrittenPath(route, route.matches[0], path)).toBe(expected);
  });
});

describe('weights', () => {
  test.each([
    [[{ weight: undefined }], [100]],
    [[{ weight: 80 }, { weight: 20 }], [80, 20]],
    [[{ weight: 1 }, { weight: 2 }], [33.33, 66.67]],
    [[{ weight: 100 }, { weight: 0 }], [100, 0]],
    [[{}, {}], [undefined, undefined]],
  ])('%j → %j percent', (weights, expected) => {
    const destinations = weights.map((w) => ({ host: 'h', responseHeaders: { set: {}, add: {}, remove: [] }, ...w }));
    expect(percentages(destinations)).toEqual(expected);
  });
});

describe('routing one request', () => {
  const mesh = meshOf(`${SHOP}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
    - name: testers
      match: [{ sourceLabels: { app: tester } }]
      route: [{ destination: { host: api, subset: v2 } }]
    - name: beta
      match: [{ headers: { x-beta: { exact: "1" } } }]
      route: [{ destination: { host: api, subset: v2 } }]
    - name: also-beta
      match: [{ headers: { x-beta: { prefix: "" } } }]
      route: [{ destination: { host: api, subset: v1 } }]
`);

  test('the first matching route wins, even when a later one matches too', () => {
    const result = checkRequest(mesh, { from: 'shop/web', to: 'api', headers: { 'X-Beta': '1' } });
    expect(result.route?.name).toBe('beta');
    expect(result.destinations.map((d) => [d.subset, d.percent, d.workloads.map((w) => w.workload)])).toEqual([['v2', 100, ['shop/api-v2']]]);
  });

  test('a caller whose pod labels match sourceLabels takes that route; another caller does not', () => {
    expect(checkRequest(mesh, { from: 'shop/tester', to: 'api' }).route?.name).toBe('testers');
    expect(checkRequest(mesh, { from: 'shop/web', to: 'api', headers: { 'x-beta': 'no' } }).route?.name).toBe('also-beta');
  });

  test('a caller given as an identity leaves a source-label route open and says so', () => {
    const result = checkRequest(mesh, { from: 'shop/sa/web', to: 'api.shop', headers: { 'x-beta': '2' } });
    expect(result.openRoutes).toEqual(['#1 testers when caller labels app=tester']);
    expect(result.route?.name).toBe('also-beta');
  });

  test('no matching route: Envoy answers 404', () => {
    expect(checkRequest(mesh, { from: 'shop/web', to: 'api' }).outcome).toBe('no route matches: Envoy answers 404');
  });
});
