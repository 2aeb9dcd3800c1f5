import {
  checkRequest, CheckResult, explainMesh, HttpRouteMatch, modifiedPath, pathMatches, renderCheckText, renderTrafficText, summariseMesh,
} from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// The Service api in shop has two versions; api-v1 and api-v2 are per-version Services, the backends of HTTPRoutes.
const SHOP = `${workloadYaml('shop', 'web', { app: 'web' })}${workloadYaml('qa', 'tester', { app: 'tester' })}
${workloadYaml('shop', 'api-v1', { app: 'api', version: 'v1' }, 'api')}${workloadYaml('shop', 'api-v2', { app: 'api', version: 'v2' }, 'api')}
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ name: http, port: 80, targetPort: 8080 }, { name: admin, port: 9000, targetPort: 8080 }]
---
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
`;

/** An HTTPRoute attached to Service shop/api (by `parent`), its rules YAML indented by 4. */
function httpRoute(name: string, rules: string, options: { namespace?: string; parent?: string; metadata?: string } = {}): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: ${options.namespace ?? 'shop'}${options.metadata ?? ''} }
spec:
  parentRefs: [${options.parent ?? '{ group: "", kind: Service, name: api, namespace: shop }'}]
  rules:
${rules}`;
}

function check(yaml: string, request: { from?: string; path?: string; method?: string; headers?: Record<string, string>; port?: number } = {}): CheckResult {
  return checkRequest(meshOf(`${SHOP}${yaml}`), { from: 'shop/web', to: 'api', ...request });
}

/** `namespace/workload: percent` of every workload a request may reach. */
function reached(result: CheckResult): string[] {
  return result.destinations.flatMap((d) => d.workloads.map((w) => `${w.workload}: ${d.percent}`));
}

const TO_V1 = '      backendRefs: [{ name: api-v1, port: 80 }]\n';
const TO_V2 = '      backendRefs: [{ name: api-v2, port: 80 }]\n';

describe('HTTPRoute matching (within a match AND, across matches OR)', () => {
  const route = httpRoute('api', `    - matches:
        - path: { type: PathPrefix, value: /reviews }
          headers: [{ name: End-User, value: jason }, { name: x-canary, type: RegularExpression, value: "yes.*" }]
        - queryParams: [{ name: debug, value: "true" }]
${TO_V2}    - ${TO_V1.trimStart()}`);

  test.each([
    ['all of the first match (header names in any case)', { path: '/reviews/1', headers: { 'end-user': 'jason', 'X-Canary': 'yes-please' } }, 'shop/api-v2'],
    ['the first match without one header (AND)', { path: '/reviews/1', headers: { 'end-user': 'jason' } }, 'shop/api-v1'],
    ['the first match with a header value in another case (values are exact)', { path: '/reviews/1', headers: { 'end-user': 'Jason', 'x-canary': 'yes' } }, 'shop/api-v1'],
    ['only the second match (OR)', { path: '/x?debug=true' }, 'shop/api-v2'],
    ['a query parameter name in another case (names are case-sensitive)', { path: '/x?Debug=true' }, 'shop/api-v1'],
    ['neither match: the rule without matches (PathPrefix /)', { path: '/ratings' }, 'shop/api-v1'],
  ])('%s', (_, request, workload) => {
    expect(reached(check(route, request))).toEqual([`${workload}: 100`]);
  });

  test('a method match', () => {
    const yaml = httpRoute('api', `    - matches: [{ method: POST }]
${TO_V2}    - ${TO_V1.trimStart()}`);
    expect(reached(check(yaml, { method: 'post' }))).toEqual(['shop/api-v2: 100']);
    expect(reached(check(yaml, { method: 'GET' }))).toEqual(['shop/api-v1: 100']);
  });

  test('a route attached on one port routes only that port; other ports get no route (404)', () => {
    const yaml = httpRoute('api', TO_V2.replace('      ', '    - '), { parent: '{ kind: Service, group: "", name: api, port: 9000 }' });
    expect(reached(check(yaml, { port: 9000 }))).toEqual(['shop/api-v2: 100']);
    expect(check(yaml, { port: 80 }).verdict.outcome).toBe('not-found');
  });
});

describe('HTTPRoute attachment by port name', () => {
  test('a sectionName names a port of the Service: only that port is routed', () => {
    const yaml = httpRoute('api', TO_V2.replace('      ', '    - '), { parent: '{ kind: Service, group: "", name: api, sectionName: admin }' });
    expect(reached(check(yaml, { port: 9000 }))).toEqual(['shop/api-v2: 100']);
    expect(check(yaml, { port: 80 }).verdict.outcome).toBe('not-found');
  });
});

describe('HTTPRoute path types', () => {
  const prefix = (value: string): HttpRouteMatch => ({ path: { type: 'PathPrefix', value }, headers: [], queryParams: [] });
  test.each([
    ['/foo', '/foo', true],
    ['/foo', '/foo/', true],
    ['/foo', '/foo/bar', true],
    ['/foo', '/foobar', false],
    ['/foo/', '/foo', true],
    ['/foo/', '/foo/bar', true],
    ['/', '/anything', true],
  ])('PathPrefix %s matches %s by whole segments: %s', (value, path, expected) => {
    expect(pathMatches(prefix(value).path, path)).toBe(expected);
  });

  test.each([
    ['/abc', '/abc', true],
    ['/abc', '/abc/', false],
    ['/abc', '/ABC', false],
  ])('Exact %s matches %s: %s', (value, path, expected) => {
    expect(pathMatches({ type: 'Exact', value }, path)).toBe(expected);
  });

  test.each([
    ['/items/[0-9]+', '/items/42', true],
    ['/items/[0-9]+', '/items/42/x', false],
    ['/items/[0-9]+', '/v1/items/42', false],
  ])('RegularExpression %s is an RE2 full match of %s: %s', (value, path, expected) => {
    expect(pathMatches({ type: 'RegularExpression', value }, path)).toBe(expected);
  });

  // The table of the spec's ReplacePrefixMatch description.
  test.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('ReplacePrefixMatch: %s with prefix %s and %j becomes %s', (path, value, replacement, expected) => {
    expect(modifiedPath({ type: 'ReplacePrefixMatch', value: replacement }, prefix(value), path)).toBe(expected);
  });
});

describe('HTTPRoute precedence across rules and routes', () => {
  test('a later, longer PathPrefix wins over an earlier shorter one', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /foo } }]
${TO_V1}    - matches: [{ path: { type: PathPrefix, value: /foo/bar } }]
${TO_V2}`);
    expect(reached(check(yaml, { path: '/foo/bar/1' }))).toEqual(['shop/api-v2: 100']);
    expect(reached(check(yaml, { path: '/foo/baz' }))).toEqual(['shop/api-v1: 100']);
  });

  test('prefix /foo does not take /foobar: that falls to the next match', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /foo } }]
${TO_V2}    - ${TO_V1.trimStart()}`);
    expect(reached(check(yaml, { path: '/foobar' }))).toEqual(['shop/api-v1: 100']);
    expect(reached(check(yaml, { path: '/foo' }))).toEqual(['shop/api-v2: 100']);
  });

  test('an Exact path beats a longer PathPrefix listed first', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /foo/bar/baz } }]
${TO_V1}    - matches: [{ path: { type: Exact, value: /foo/bar/baz } }]
${TO_V2}`);
    expect(reached(check(yaml, { path: '/foo/bar/baz' }))).toEqual(['shop/api-v2: 100']);
  });

  test('a rule with a header match beats a plain rule with the same path, whatever their order', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /foo } }]
${TO_V1}    - matches: [{ path: { type: PathPrefix, value: /foo }, headers: [{ name: x-v2, value: "1" }] }]
${TO_V2}`);
    expect(reached(check(yaml, { path: '/foo', headers: { 'x-v2': '1' } }))).toEqual(['shop/api-v2: 100']);
    expect(reached(check(yaml, { path: '/foo' }))).toEqual(['shop/api-v1: 100']);
  });

  test('a method match beats more header matches; more headers beat more query parameters', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /a }, headers: [{ name: h1, value: "1" }, { name: h2, value: "1" }] }]
${TO_V1}    - matches: [{ path: { type: PathPrefix, value: /a }, method: GET }]
${TO_V2}`);
    expect(reached(check(yaml, { path: '/a', headers: { h1: '1', h2: '1' } }))).toEqual(['shop/api-v2: 100']);
    const headersFirst = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /a }, queryParams: [{ name: q1, value: "1" }, { name: q2, value: "1" }] }]
${TO_V1}    - matches: [{ path: { type: PathPrefix, value: /a }, headers: [{ name: h1, value: "1" }] }]
${TO_V2}`);
    expect(reached(check(headersFirst, { path: '/a?q1=1&q2=1', headers: { h1: '1' } }))).toEqual(['shop/api-v2: 100']);
  });

  test('on a tie across routes, the oldest route wins, then namespace/name', () => {
    const rule = (to: string) => `    - matches: [{ path: { type: PathPrefix, value: /x } }]\n${to}`;
    const byName = httpRoute('b-route', rule(TO_V1)) + httpRoute('a-route', rule(TO_V2));
    expect(reached(check(byName, { path: '/x' }))).toEqual(['shop/api-v2: 100']);
    const byAge = httpRoute('b-route', rule(TO_V1), { metadata: ', creationTimestamp: "2024-01-01T00:00:00Z"' })
      + httpRoute('a-route', rule(TO_V2), { metadata: ', creationTimestamp: "2025-01-01T00:00:00Z"' });
    expect(reached(check(byAge, { path: '/x' }))).toEqual(['shop/api-v1: 100']);
    expect(check(byAge, { path: '/x' }).httpRoute).toBe('shop/b-route');
  });

  test('on a tie within a route, the first rule wins', () => {
    const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /x } }]
${TO_V1}    - matches: [{ path: { type: PathPrefix, value: /x/ } }]
${TO_V2}`);
    expect(reached(check(yaml, { path: '/x/1' }))).toEqual(['shop/api-v1: 100']);
  });

  test('explain lists the matches in precedence order', () => {
    const mesh = meshOf(`${SHOP}${httpRoute('api', `    - ${TO_V1.trimStart()}    - matches: [{ path: { type: PathPrefix, value: /foo } }]
${TO_V2}    - matches: [{ path: { type: Exact, value: /foo } }, { method: DELETE }]
${TO_V2}`)}`);
    const api = explainMesh(mesh).traffic.find((t) => t.shortHost === 'api.shop')!;
    expect(api.httpRoutes).toEqual(['shop/api']);
    expect(api.routes.map((r) => [r.position, r.name, r.when.join(' OR ')])).toEqual([
      [1, 'shop/api rule 3', 'path = "/foo"'],
      [2, 'shop/api rule 2', 'path prefix "/foo"'],
      [3, 'shop/api rule 3', 'method = DELETE'],
      [4, 'shop/api rule 1', 'any request'],
    ]);
    expect(renderTrafficText([api])).toMatch(/api\.shop\.svc\.cluster\.local +\| +Service shop\/api +\| +HTTPRoute shop\/api\n/);
  });
});

describe('HTTPRoute backends', () => {
  test('weights split the rule\'s requests: share = weight / sum of the rule\'s weights', () => {
    const yaml = httpRoute('api', `    - backendRefs:
        - { name: api-v1, port: 80, weight: 3 }
        - { name: api-v2, port: 80, weight: 1 }
`);
    expect(reached(check(yaml))).toEqual(['shop/api-v1: 75', 'shop/api-v2: 25']);
  });

  test('the weight defaults to 1', () => {
    const yaml = httpRoute('api', `    - backendRefs: [{ name: api-v1, port: 80 }, { name: api-v2, port: 80 }]
`);
    expect(reached(check(yaml))).toEqual(['shop/api-v1: 50', 'shop/api-v2: 50']);
  });

  test('a backend of weight 0 gets nothing, and its policies do not decide the verdict', () => {
    const yaml = httpRoute('api', `    - backendRefs: [{ name: api-v1, port: 80, weight: 0 }, { name: api-v2, port: 80, weight: 5 }]
`);
    expect(reached(check(yaml))).toEqual(['shop/api-v1: 0', 'shop/api-v2: 100']);
  });

  test.each([
    ['no backendRefs', '    - matches: [{ path: { type: PathPrefix, value: / } }]\n', 'the rule has no backendRefs'],
    ['every weight 0', '    - backendRefs: [{ name: api-v1, port: 80, weight: 0 }]\n', 'every backendRef of the rule has weight 0'],
  ])('a rule with %s answers 500', (_, rules, why) => {
    const result = check(httpRoute('api', rules));
    expect(result.outcome).toBe(`direct response 500: ${why}`);
    expect(result.verdict.outcome).toBe('direct-response');
    expect(result.destinations).toEqual([]);
  });

  test('the workloads behind a backend are those its Service selects, each with its authorization', () => {
    const yaml = httpRoute('api', `    - backendRefs: [{ name: api, port: 80 }]
`);
    const result = check(yaml);
    expect(result.destinations).toEqual([expect.objectContaining({ host: 'api.shop', percent: 100 })]);
    expect(result.destinations[0].workloads.map((w) => [w.workload, w.port, w.authorization.decision])).toEqual([
      ['shop/api-v1', 8080, 'allowed'], ['shop/api-v2', 8080, 'allowed'],
    ]);
  });
});

describe('HTTPRoute filters and timeouts', () => {
  const yaml = httpRoute('api', `    - matches: [{ path: { type: PathPrefix, value: /old } }]
      filters:
        - type: URLRewrite
          urlRewrite: { hostname: api.internal, path: { type: ReplacePrefixMatch, replacePrefixMatch: /new } }
        - type: RequestHeaderModifier
          requestHeaderModifier: { set: [{ name: X-From, value: route }], remove: [x-debug] }
        - type: ResponseHeaderModifier
          responseHeaderModifier: { set: [{ name: Cache-Control, value: no-store }], add: [{ name: x-served-by, value: api }] }
        - type: RequestMirror
          requestMirror: { backendRef: { name: api-v2, port: 80 }, percent: 10 }
      timeouts: { request: 10s, backendRequest: 2s }
      backendRefs:
        - name: api-v1
          port: 80
          filters:
            - type: ResponseHeaderModifier
              responseHeaderModifier: { set: [{ name: x-version, value: v1 }] }
    - matches: [{ path: { type: Exact, value: /moved } }]
      filters:
        - type: RequestRedirect
          requestRedirect: { scheme: https, hostname: example.com, statusCode: 301 }
    - matches: [{ path: { type: Exact, value: /full } }]
      filters:
        - type: URLRewrite
          urlRewrite: { path: { type: ReplaceFullPath, replaceFullPath: /index.html } }
      backendRefs: [{ name: api-v2, port: 80 }]
`);

  test('URLRewrite ReplacePrefixMatch: the backend sees the rewritten path', () => {
    const result = check(yaml, { path: '/old/items/1' });
    expect(result.destinations[0].workloads.map((w) => w.path)).toEqual(['/new/items/1']);
    expect(result.route?.rewrite).toBe('path prefix "/new", hostname "api.internal"');
  });

  test('URLRewrite ReplaceFullPath replaces the whole path', () => {
    expect(check(yaml, { path: '/full' }).destinations[0].workloads.map((w) => w.path)).toEqual(['/index.html']);
  });

  test('response headers, request headers, mirror and timeouts are reported as a VirtualService route\'s are', () => {
    const route = check(yaml, { path: '/old' }).route!;
    expect(route.destinations[0].responseHeaders).toEqual(['cache-control: no-store', 'x-version: v1', '+x-served-by: api']);
    expect(route.requestHeaders).toEqual(['x-from: route', '-x-debug']);
    expect(route.mirror).toBe('api-v2.shop:80 (10%)');
    expect(route.timeout).toBe('10s (backend request 2s)');
  });

  test('RequestRedirect answers instead of a backend', () => {
    const result = check(yaml, { path: '/moved' });
    expect(result.outcome).toBe('redirect 301 to https://example.com');
    expect(result.verdict.outcome).toBe('redirect');
  });

  test('check prints the rule, its place in precedence order and the match', () => {
    const text = renderCheckText(check(yaml, { path: '/old/x' }));
    expect(text).toContain('HTTPRoute shop/api rule 1, #3 in precedence order, matched by path prefix "/old"');
  });
});

describe('GAMMA producer and consumer routes', () => {
  const producer = httpRoute('api', TO_V1.replace('      ', '    - '));
  // A backend in another namespace needs a ReferenceGrant there, which meshlight explain does not check (a note says so).
  const consumer = httpRoute('api-for-qa', '    - backendRefs: [{ name: api-v2, namespace: shop, port: 80 }]\n', { namespace: 'qa', parent: '{ group: "", kind: Service, name: api, namespace: shop }' });

  test('a route in the Service\'s namespace (producer) applies to every caller', () => {
    expect(reached(checkRequest(meshOf(`${SHOP}${producer}`), { from: 'qa/tester', to: 'api.shop' }))).toEqual(['shop/api-v1: 100']);
  });

  test('a route in the caller\'s namespace (consumer) applies to its callers instead of the producer route', () => {
    const result = checkRequest(meshOf(`${SHOP}${producer}${consumer}`), { from: 'qa/tester', to: 'api.shop' });
    expect(reached(result)).toEqual(['shop/api-v2: 100']);
    expect(result.notes.join('\n')).toContain('consumer HTTPRoutes of namespace qa');
    expect(reached(checkRequest(meshOf(`${SHOP}${producer}${consumer}`), { from: 'shop/web', to: 'api' }))).toEqual(['shop/api-v1: 100']);
  });

  test('explain shows the producer routes and names the consumer routes', () => {
    const api = explainMesh(meshOf(`${SHOP}${producer}${consumer}`)).traffic.find((t) => t.shortHost === 'api.shop')!;
    expect(api.httpRoutes).toEqual(['shop/api']);
    expect(api.notes.join('\n')).toContain('callers in namespace qa get the consumer HTTPRoutes qa/api-for-qa');
  });
});

describe('HTTPRoute and VirtualService on the same host', () => {
  test('is reported as undefined precedence, in the mesh notes and in check', () => {
    const vs = `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http: [{ route: [{ destination: { host: api-v2 } }] }]
`;
    const mesh = meshOf(`${SHOP}${vs}${httpRoute('api', TO_V1.replace('      ', '    - '))}`);
    expect(mesh.notes.join('\n')).toContain('HTTPRoute shop/api and VirtualService shop/api both route api.shop.svc.cluster.local: Istio\'s precedence between them is undefined');
    const result = checkRequest(mesh, { from: 'shop/web', to: 'api' });
    expect(result.notes.join('\n')).toContain('VirtualService shop/api also routes');
    expect(result.httpRoute).toBe('shop/api');
  });
});

describe('HTTPRoutes in the summary', () => {
  test('count as routed hosts, splits and rules of their namespace', () => {
    const mesh = meshOf(`${SHOP}${httpRoute('api', `    - matches: [{ headers: [{ name: x, value: "1" }] }]
${TO_V2}    - backendRefs: [{ name: api-v1, port: 80, weight: 80 }, { name: api-v2, port: 80, weight: 20 }]
`)}`);
    const shop = summariseMesh(mesh).namespaces.find((n) => n.namespace === 'shop')!;
    expect(shop.routing).toMatchObject({ hosts: 1, weightedSplits: 1, ruleRoutes: 1 });
    expect(summariseMesh(mesh).totals.httpRoutes).toBe(1);
  });
});
