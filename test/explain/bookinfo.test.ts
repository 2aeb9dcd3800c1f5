import { checkRequest, explainMesh, PLAINTEXT_CALLER, renderEgressText, renderExplanationText } from '../../lib/explain';
import { bookinfoMesh, lineWith, squash } from './helpers';

// The bookinfo fixture (test/fixtures/explain/bookinfo) written by hand the way Istio's samples are; each expectation
// below is what Istio does with it, worked out from Istio's rules, not copied from meshlight's output.
const mesh = bookinfoMesh();
const explanation = explainMesh(mesh);

describe('bookinfo routes', () => {
  const reviews = explanation.traffic.find((t) => t.host === 'reviews.bookinfo.svc.cluster.local')!;

  test('every Service and ServiceEntry host is explained, sorted by host', () => {
    expect(explanation.traffic.map((t) => [t.shortHost, t.virtualService ?? '-', t.serviceEntries ?? '-'])).toEqual([
      ['api.partner.example.com', '-', ['partners/partner-api']],
      ['details.bookinfo', '-', '-'],
      ['httpbin.org', '-', ['istio-system/httpbin-org']],
      ['productpage.bookinfo', 'bookinfo/productpage', '-'],
      ['ratings.bookinfo', 'bookinfo/ratings', '-'],
      ['reviews.bookinfo', 'bookinfo/reviews', '-'],
      ['www.googleapis.com', '-', ['bookinfo/googleapis']],
    ]);
  });

  test('reviews: versions are the DestinationRule subsets and the workloads they select', () => {
    expect(reviews.versions.map((v) => [v.subset, v.labels, v.workloads])).toEqual([
      ['v1', { version: 'v1' }, ['bookinfo/reviews-v1']],
      ['v2', { version: 'v2' }, ['bookinfo/reviews-v2']],
      ['v3', { version: 'v3' }, ['bookinfo/reviews-v3']],
    ]);
  });

  test('reviews: routes in evaluation order with matches, versions, shares, response headers and timeouts', () => {
    expect(reviews.routes.map((r) => [r.position, r.name, r.when, r.destinations.map((d) => [d.subset, d.percent, d.responseHeaders]), r.timeout])).toEqual([
      [1, 'jason-v2', ['header end-user = "jason"'], [['v2', 100, ['x-reviews-version: v2']]], undefined],
      [2, 'testers-v3', [
        'uri starts with "/reviews" AND header end-user starts with "test-" AND header x-canary = "1"',
        'query canary = "v3"',
      ], [['v3', 100, []]], '2s'],
      [3, 'split', ['any request'], [['v1', 50, ['x-split: 50-50']], ['v3', 50, ['x-split: 50-50']]], '5s'],
      [4, 'unreachable', ['header end-user = "admin"'], [['v2', 100, []]], undefined],
    ]);
    expect(reviews.notes).toEqual(['routes after #3 never match: route #3 matches every request']);
  });

  test('productpage: redirect, rewrite, direct response, then the default', () => {
    const productpage = explanation.traffic.find((t) => t.shortHost === 'productpage.bookinfo')!;
    expect(productpage.routes.map((r) => [r.name, r.redirect, r.rewrite, r.directResponse?.status, r.destinations.map((d) => d.subset)])).toEqual([
      ['legacy-index', '301 to /productpage', undefined, undefined, []],
      ['api-v1', undefined, 'uri "/api/"', undefined, ['v1']],
      ['health', undefined, undefined, 200, []],
      ['default', undefined, undefined, undefined, ['v1']],
    ]);
  });

  test('ratings: a fault and retries are shown', () => {
    const ratings = explanation.traffic.find((t) => t.shortHost === 'ratings.bookinfo')!;
    expect(ratings.routes.map((r) => [r.name, r.fault, r.retries])).toEqual([
      ['delay-for-jason', 'delay 7s for 100%', undefined],
      ['default', undefined, '3 attempts of 2s'],
    ]);
  });

  test('details: without a VirtualService, requests are balanced across all its workloads', () => {
    const details = explanation.traffic.find((t) => t.shortHost === 'details.bookinfo')!;
    expect(details.routes).toEqual([{ position: 1, when: ['any request'], destinations: [{ host: 'details.bookinfo', responseHeaders: [], workloads: ['bookinfo/details-v1'] }] }]);
  });
});

describe('bookinfo access matrix', () => {
  // A allowed, D denied, ? depends on method or path.
  const expected: Record<string, string> = {
    //                                                      details productpage ratings reviews-v1 -v2 -v3 sleep
    'bookinfo/sa/bookinfo-details':                         'D ? D D D D A',
    'bookinfo/sa/bookinfo-productpage':                     'A ? D A A A A',
    'bookinfo/sa/bookinfo-ratings':                         'D ? D D D D A',
    'bookinfo/sa/bookinfo-reviews':                         'D ? ? D D D A',
    'istio-system/sa/istio-ingressgateway-service-account': 'D A D D D D A',
    'tools/sa/sleep':                                       '? ? D D D D A',
    [PLAINTEXT_CALLER]:                                     'D D D D D D D',
  };
  const targets = ['bookinfo/details-v1', 'bookinfo/productpage-v1', 'bookinfo/ratings-v1', 'bookinfo/reviews-v1', 'bookinfo/reviews-v2', 'bookinfo/reviews-v3', 'tools/sleep'];
  const letter = { allowed: 'A', denied: 'D', depends: '?' } as const;

  test('callers are the service accounts, those named by policies, and a plaintext caller; targets are the workloads', () => {
    expect([...new Set(explanation.access.entries.map((e) => e.caller))]).toEqual(Object.keys(expected));
    expect([...new Set(explanation.access.entries.map((e) => e.target))]).toEqual(targets);
  });

  test.each(Object.keys(expected))('%s', (caller) => {
    const row = targets.map((t) => letter[explanation.access.entries.find((e) => e.caller === caller && e.target === t)!.decision]).join(' ');
    expect(row).toBe(expected[caller]);
  });

  const cell = (caller: string, target: string) => explanation.access.entries.find((e) => e.caller === caller && e.target === target)!;

  test.each([
    ['bookinfo/sa/bookinfo-productpage', 'bookinfo/reviews-v2', 'ALLOW bookinfo/reviews-from-productpage', 'ALLOW rule #1 matches'],
    ['bookinfo/sa/bookinfo-details', 'bookinfo/reviews-v2', 'ALLOW bookinfo/allow-nothing', 'allow-nothing (no rules) and no other ALLOW policy matches (bookinfo/reviews-from-productpage)'],
    ['istio-system/sa/istio-ingressgateway-service-account', 'bookinfo/productpage-v1', 'ALLOW istio-system/ingress-to-productpage', 'ALLOW rule #1 matches'],
    ['bookinfo/sa/bookinfo-reviews', 'bookinfo/ratings-v1', 'DENY bookinfo/deny-ratings-delete, ALLOW bookinfo/ratings-from-reviews', 'allowed only when NOT method = DELETE AND (method = GET AND path = /ratings/*)'],
    ['tools/sa/sleep', 'bookinfo/details-v1', 'DENY bookinfo/deny-tools-admin, ALLOW bookinfo/details-readers', 'allowed only when NOT path = /admin*'],
    ['bookinfo/sa/bookinfo-ratings', 'tools/sleep', '(none)', 'no ALLOW policy applies to the workload: allowed by default'],
    [PLAINTEXT_CALLER, 'bookinfo/reviews-v1', 'PeerAuthentication istio-system/default', 'mTLS STRICT: plaintext requests are rejected before any policy'],
  ])('%s → %s: decided by %s', (caller, target, policy, why) => {
    expect([cell(caller, target).policy, cell(caller, target).why]).toEqual([policy, why]);
  });

  test('details is PERMISSIVE: a plaintext caller gets in without a principal, and is then denied by allow-nothing', () => {
    expect(cell(PLAINTEXT_CALLER, 'bookinfo/details-v1')).toMatchObject({
      decision: 'denied',
      policy: 'ALLOW bookinfo/allow-nothing',
      notes: ['mTLS PERMISSIVE (PeerAuthentication bookinfo/details-permissive): a plaintext caller has no principal and no namespace'],
    });
    expect(explanation.access.mtls.filter((m) => m.mode !== 'STRICT')).toEqual([{ target: 'bookinfo/details-v1', mode: 'PERMISSIVE', by: 'bookinfo/details-permissive' }]);
  });

  test('the dry-run policy on reviews v1 is reported, not enforced', () => {
    expect(cell('bookinfo/sa/bookinfo-productpage', 'bookinfo/reviews-v1')).toMatchObject({
      decision: 'allowed',
      notes: ['dry-run DENY bookinfo/retire-reviews-v1 matches (not enforced)', 'enforcing the dry-run policies would make this denied (DENY bookinfo/retire-reviews-v1)'],
    });
  });
});

describe('bookinfo egress table', () => {
  const expected = [
    // workload, then api.github.com, api.partner.example.com 443 | other ports, httpbin.org 80 | other ports,
    // www.googleapis.com 443 | other ports, any other host
    ['bookinfo/details-v1', 'blocked blocked blocked blocked blocked allowed blocked blocked'],
    ['bookinfo/productpage-v1', 'blocked blocked blocked allowed blocked allowed blocked blocked'],
    ['bookinfo/ratings-v1', 'allowed allowed allowed allowed allowed allowed allowed allowed'],
    ['bookinfo/reviews-v1', 'blocked blocked blocked allowed blocked allowed blocked blocked'],
    ['bookinfo/reviews-v2', 'blocked blocked blocked allowed blocked allowed blocked blocked'],
    ['bookinfo/reviews-v3', 'blocked blocked blocked allowed blocked allowed blocked blocked'],
    ['tools/sleep', 'allowed allowed allowed allowed allowed allowed allowed allowed'],
  ];

  test('hosts are the ServiceEntry hosts, each on its ports and on the other ports, and the literal Sidecar egress hosts, then any other host', () => {
    expect([...new Set(explanation.egress.map((e) => `${e.host} ${e.port}`))]).toEqual([
      'api.github.com any', 'api.partner.example.com 443/TLS', 'api.partner.example.com other ports', 'httpbin.org 80/HTTP', 'httpbin.org other ports',
      'www.googleapis.com 443/TLS', 'www.googleapis.com other ports', '(any other host) any',
    ]);
  });

  test('productpage may call httpbin.org on port 80 only: its ServiceEntry declares no other port', () => {
    expect(explanation.egress.filter((e) => e.workload === 'bookinfo/productpage-v1' && e.host === 'httpbin.org').map((e) => [e.port, e.decision, e.why])).toEqual([
      ['80/HTTP', 'allowed', 'REGISTRY_ONLY (Sidecar bookinfo/default): ServiceEntry istio-system/httpbin-org, Sidecar bookinfo/default egress host "istio-system/*"'],
      ['other ports', 'blocked', 'REGISTRY_ONLY (Sidecar bookinfo/default): other ports: ServiceEntry istio-system/httpbin-org declares only 80/HTTP'],
    ]);
  });

  test.each(expected)('%s: %s', (workload, decisions) => {
    expect(explanation.egress.filter((e) => e.workload === workload).map((e) => e.decision).join(' ')).toBe(decisions);
  });

  const row = (workload: string, host: string) => explanation.egress.find((e) => e.workload === workload && e.host === host)!;

  test.each([
    ['bookinfo/productpage-v1', 'httpbin.org', 'REGISTRY_ONLY (Sidecar bookinfo/default): ServiceEntry istio-system/httpbin-org, Sidecar bookinfo/default egress host "istio-system/*"'],
    ['bookinfo/productpage-v1', 'api.partner.example.com', 'REGISTRY_ONLY (Sidecar bookinfo/default): ServiceEntry partners/partner-api (exportTo .) is not exported to namespace bookinfo'],
    ['bookinfo/productpage-v1', 'api.github.com', 'REGISTRY_ONLY (Sidecar bookinfo/default): no ServiceEntry for this host'],
    ['bookinfo/details-v1', 'httpbin.org', 'REGISTRY_ONLY (Sidecar bookinfo/details): ServiceEntry istio-system/httpbin-org is not in Sidecar bookinfo/details egress hosts [./*]'],
    ['bookinfo/ratings-v1', 'httpbin.org', 'ALLOW_ANY (Sidecar bookinfo/ratings): not an allow-list; via passthrough'],
    ['tools/sleep', 'httpbin.org', 'ALLOW_ANY (mesh default): not an allow-list; via ServiceEntry istio-system/httpbin-org'],
  ])('%s → %s', (workload, host, why) => {
    expect(row(workload, host).why).toBe(why);
  });

  test('with a REGISTRY_ONLY mesh default, sleep (root Sidecar "*/*") reaches only the hosts exported to it', () => {
    const strict = explainMesh(bookinfoMesh({ outboundTrafficPolicy: 'REGISTRY_ONLY' }));
    expect(strict.egress.filter((e) => e.workload === 'tools/sleep').map((e) => `${e.host} ${e.port}=${e.decision}`)).toEqual([
      'api.github.com any=blocked', 'api.partner.example.com 443/TLS=blocked', 'api.partner.example.com other ports=blocked',
      'httpbin.org 80/HTTP=allowed', 'httpbin.org other ports=blocked', 'www.googleapis.com 443/TLS=blocked', 'www.googleapis.com other ports=blocked',
      '(any other host) any=blocked',
    ]);
  });
});

describe('bookinfo as text', () => {
  const text = squash(renderExplanationText(explanation));

  test('the route table shows each route with its match, version, share, headers and timeout', () => {
    expect(lineWith(text, '| jason-v2 |')).toBe('1 | jason-v2 | header end-user = "jason" | v2 | 100% | x-reviews-version: v2 | - | -');
    expect(lineWith(text, '| testers-v3 |')).toContain('| v3 | 100% | - | 2s |');
    expect(text).toContain('OR query canary = "v3"');
    expect(lineWith(text, '| split |')).toBe('3 | split | any request | v1 | 50% | x-split: 50-50 | 5s | -');
    expect(lineWith(text, 'direct response 200')).toBe('3 | health | uri = "/healthz" | direct response 200 | - | - | - | -');
  });

  test('the access grid and its details name the deciding policy', () => {
    expect(lineWith(text, 'bookinfo/sa/bookinfo-productpage | allowed')).toBe('bookinfo/sa/bookinfo-productpage | allowed | depends | DENIED | allowed | allowed | allowed | allowed');
    expect(lineWith(text, 'tools/sa/sleep | bookinfo/details-v1')).toBe('tools/sa/sleep | bookinfo/details-v1 | depends | DENY bookinfo/deny-tools-admin, ALLOW bookinfo/details-readers | allowed only when NOT path = /admin*');
  });

  test('the egress table says why, per port', () => {
    const egress = squash(renderEgressText(explanation.egress));
    expect(lineWith(egress, 'bookinfo/details-v1 | httpbin.org | 80/HTTP')).toBe('bookinfo/details-v1 | httpbin.org | 80/HTTP | BLOCKED | bookinfo/details | REGISTRY_ONLY (Sidecar bookinfo/details): ServiceEntry istio-system/httpbin-org is not in Sidecar bookinfo/details egress hosts [./*]');
    expect(lineWith(egress, 'bookinfo/productpage-v1 | httpbin.org | other ports')).toBe('bookinfo/productpage-v1 | httpbin.org | other ports | BLOCKED | bookinfo/default | REGISTRY_ONLY (Sidecar bookinfo/default): other ports: ServiceEntry istio-system/httpbin-org declares only 80/HTTP');
  });
});

describe('checking one bookinfo request', () => {
  test.each([
    ['jason reaches reviews v2', { from: 'bookinfo/productpage-v1', to: 'reviews', path: '/reviews/1', headers: { 'end-user': 'jason' } }, 'jason-v2', [['v2', 100, 'allowed']]],
    ['a tester with the canary header on /reviews reaches v3 (AND)', { from: 'bookinfo/productpage-v1', to: 'reviews', path: '/reviews/1', headers: { 'end-user': 'test-ann', 'x-canary': '1' } }, 'testers-v3', [['v3', 100, 'allowed']]],
    ['a tester without it falls through to the split', { from: 'bookinfo/productpage-v1', to: 'reviews', path: '/reviews/1', headers: { 'end-user': 'test-ann' } }, 'split', [['v1', 50, 'allowed'], ['v3', 50, 'allowed']]],
    ['?canary=v3 alone reaches v3 (OR)', { from: 'bookinfo/productpage-v1', to: 'reviews.bookinfo', path: '/anything?canary=v3' }, 'testers-v3', [['v3', 100, 'allowed']]],
    ['sleep reaches reviews but is denied by allow-nothing', { from: 'tools/sleep', to: 'reviews.bookinfo' }, 'split', [['v1', 50, 'denied'], ['v3', 50, 'denied']]],
    ['reviews may DELETE nothing on ratings', { from: 'bookinfo/reviews-v2', to: 'ratings.bookinfo', path: '/ratings/0', method: 'DELETE' }, 'default', [['v1', 100, 'denied']]],
    // The route regex must match the whole path; the policy's "/ratings/*" is a prefix, so it still allows.
    ['the ratings regex is a full match', { from: 'bookinfo/reviews-v2', to: 'ratings.bookinfo.svc.cluster.local', path: '/ratings/0/x', headers: { 'end-user': 'jason' } }, 'default', [['v1', 100, 'allowed']]],
    ['jason\'s ratings call gets the delay route', { from: 'bookinfo/reviews-v2', to: 'ratings.bookinfo', path: '/ratings/0', headers: { 'end-user': 'jason' } }, 'delay-for-jason', [['v1', 100, 'allowed']]],
  ])('%s', (_, request, route, destinations) => {
    const result = checkRequest(mesh, request);
    expect(result.route?.name).toBe(route);
    expect(result.destinations.map((d) => [d.subset, d.percent, d.workloads[0].authorization.decision])).toEqual(destinations);
  });

  test('the rewrite is applied before the target authorizes the path', () => {
    const result = checkRequest(mesh, { from: 'bookinfo/productpage-v1', to: 'productpage', path: '/api/v1/products' });
    expect(result.destinations[0].workloads[0]).toMatchObject({ workload: 'bookinfo/productpage-v1', path: '/api/products', port: 9080 });
  });

  test('the DENY for tools on details admin pages decides', () => {
    const result = checkRequest(mesh, { from: 'tools/sleep', to: 'details.bookinfo', path: '/admin/users' });
    expect(result.outcome).toBe('no VirtualService');
    expect(result.destinations[0].workloads[0].authorization).toMatchObject({ decision: 'denied', policy: 'DENY bookinfo/deny-tools-admin' });
  });

  test('a direct response and a redirect reach no workload', () => {
    expect(checkRequest(mesh, { from: 'bookinfo/productpage-v1', to: 'productpage', path: '/healthz' })).toMatchObject({ outcome: 'direct response 200', destinations: [] });
    expect(checkRequest(mesh, { from: 'bookinfo/productpage-v1', to: 'productpage', path: '/index.html' })).toMatchObject({ outcome: 'redirect 301 to /productpage', destinations: [] });
  });

  test('external hosts go through the caller\'s Sidecar', () => {
    expect(checkRequest(mesh, { from: 'bookinfo/details-v1', to: 'httpbin.org' }).egress.decision).toBe('blocked');
    expect(checkRequest(mesh, { from: 'bookinfo/details-v1', to: 'www.googleapis.com' }).egress.decision).toBe('allowed');
  });
});
