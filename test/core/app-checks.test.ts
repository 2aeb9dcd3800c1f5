import fc from 'fast-check';
import {
  AppChecker, AppObject, appProblems as problemsOf, Caller, DeclaredWorkload, formatProblem, Manifest, Problem, renderGrayscaleService,
  renderMeshIngress, renderZeroTrustNamespace, ZeroTrustNamespaceProps,
} from '../../lib/core/internal';

const IMAGE = 'ghcr.io/example/app:1';
// Problems as the user reads them.
const texts = (problems: readonly Problem[]): string[] => problems.map(formatProblem);
const appProblems = (...args: Parameters<typeof problemsOf>): string[] => texts(problemsOf(...args));
const objectsOf = (path: string, manifests: readonly Manifest[]): AppObject[] => manifests.map((manifest) => ({ path, manifest }));
// Two versions, so that the service has subsets (a sole version deployed by meshlight needs none).
const service = (path: string, name: string, namespace = 'shop') => objectsOf(path, renderGrayscaleService({
  name, namespace, versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }],
}, { path, defaultName: name }).manifests);
const object = (kind: string, name: string, spec: Record<string, unknown>, namespace = 'shop'): Manifest =>
  ({ apiVersion: kind === 'Sidecar' || kind.endsWith('Service') || kind === 'DestinationRule' ? 'networking.istio.io/v1' : 'v1', kind, metadata: { name, namespace }, spec });

describe('whole-app checks', () => {
  test('a consistent app has no problems', () => {
    expect(appProblems([...service('app/cart', 'cart'), ...service('app/payments', 'payments')])).toEqual([]);
  });

  test('two VirtualServices for one host are reported with both constructs', () => {
    const problems = appProblems([...service('app/a', 'cart'), ...objectsOf('app/b', [object('VirtualService', 'cart-copy', { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart' } }] }] })])]);
    expect(problems).toEqual(['app/b: VirtualService shop/cart-copy spec.hosts = "cart": is already routed on mesh by app/a (VirtualService shop/cart). Fix: one VirtualService per host, or the routes of one are lost']);
  });

  test('the same host on different gateways is fine', () => {
    const vs = (name: string, gateways?: string[]) => object('VirtualService', name, { hosts: ['shop.example.com'], ...(gateways ? { gateways } : {}), http: [] });
    expect(appProblems(objectsOf('app/x', [vs('a', ['shop/edge']), vs('b')]))).toEqual([]);
  });

  test('VirtualServices exported only to their own namespaces do not clash across namespaces', () => {
    const vs = (namespace: string) => object('VirtualService', 'egress-api', { exportTo: ['.'], hosts: ['api.example.com'], tls: [] }, namespace);
    expect(appProblems(objectsOf('app/x', [vs('team-a'), vs('team-b')]))).toEqual([]);
    expect(appProblems(objectsOf('app/x', [vs('team-a'), vs('team-a')]))).toHaveLength(1);
  });

  test('one service name in one namespace, declared twice, is reported', () => {
    const problems = appProblems([...service('app/one', 'cart'), ...service('app/two', 'cart')]);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('app/two: VirtualService shop/cart spec.hosts = "cart.shop.svc.cluster.local": is already routed on mesh by app/one'),
      expect.stringContaining('app/two: DestinationRule shop/cart spec.subsets = ["v1-0","v1-1"]: are subsets of host cart.shop.svc.cluster.local already defined by app/one'),
    ]));
  });

  test('one object emitted by two constructs is reported once per pair of constructs, listing the objects', () => {
    const problems = appProblems([...service('app/one', 'cart'), ...service('app/two', 'cart'), ...service('app/three', 'cart', 'other')]);
    const duplicates = problems.filter((p) => p.includes(' emits '));
    expect(duplicates).toEqual([
      'app/two: ServiceAccount shop/cart metadata.name = "cart": emits ServiceAccount shop/cart, Service shop/cart, Deployment shop/cart-v1-0 and 3 more, which app/one emits too, so one would replace the other. Fix: give each construct its own name, or declare the service or namespace once',
    ]);
  });

  test('two DestinationRules with traffic policies for one host are reported', () => {
    const dr = (name: string) => object('DestinationRule', name, { host: 'cart', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } });
    expect(appProblems(objectsOf('app/x', [dr('a'), dr('b')]))).toEqual([expect.stringContaining('already has a traffic policy from app/x (DestinationRule shop/a)')]);
  });

  test('a route to a subset that no DestinationRule defines is reported', () => {
    const vs = object('VirtualService', 'canary', { hosts: ['cart-canary.example.com'], http: [{ route: [{ destination: { host: 'cart.shop.svc.cluster.local', subset: 'v9' } }] }] });
    expect(appProblems([...service('app/cart', 'cart'), ...objectsOf('app/canary', [vs])])).toEqual([
      'app/canary: VirtualService shop/canary subset = "v9": of cart.shop.svc.cluster.local, where a route sends requests, is defined by no DestinationRule of the app. Fix: route to a version the service declares',
    ]);
  });

  test('Sidecars that can select the same pods, or two namespace defaults, are reported', () => {
    const sidecar = (name: string, labels?: Record<string, string>) => object('Sidecar', name, labels ? { workloadSelector: { labels } } : {});
    expect(appProblems(objectsOf('app/x', [sidecar('a', { app: 'cart' }), sidecar('b', { app: 'cart', version: 'v1' })]))).toHaveLength(1);
    expect(appProblems(objectsOf('app/x', [sidecar('a', { app: 'cart' }), sidecar('b', { app: 'payments' })]))).toEqual([]);
    expect(appProblems(objectsOf('app/x', [sidecar('default'), sidecar('other')]))).toEqual([expect.stringContaining('can apply to the same pods as app/x (Sidecar shop/default)')]);
  });

  describe('in a namespace the app makes', () => {
    const rendered = (namespace: string, path: string) =>
      renderGrayscaleService({ name: 'cart', namespace, versions: [{ version: '1.0', image: IMAGE }] }, { path, defaultName: 'cart' });
    const zeroTrust = (props: ZeroTrustNamespaceProps): { objects: AppObject[]; declared: DeclaredWorkload[] } => {
      const ns = renderZeroTrustNamespace(props, { path: 'app/shop', defaultName: 'shop' });
      return { objects: objectsOf('app/shop', ns.manifests), declared: ns.declaredWorkloads.map((identity) => ({ path: 'app/shop', identity })) };
    };
    const cart = rendered('shop', 'app/cart');
    const cartObjects = objectsOf('app/cart', cart.manifests);

    test('calls between deployed and declared workloads have no problems', () => {
      const ns = zeroTrust({ workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: cart }, { from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] });
      expect(appProblems([...ns.objects, ...cartObjects], ns.declared)).toEqual([]);
    });

    test('a workload written out with labels no pod has is reported for every object that selects it', () => {
      const ghost = { name: 'cart', namespace: 'shop', serviceAccount: 'cart', labels: { app: 'carts' } };
      const ns = zeroTrust({ workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: ghost }] });
      const problems = appProblems([...ns.objects, ...cartObjects], ns.declared);
      expect(problems).toEqual(expect.arrayContaining([
        'app/shop: AuthorizationPolicy shop/cart-from-sleep selector = {"app":"carts"}: matches no workload of namespace shop, so it applies to no pod. Fix: deploy the workload with a GrayscaleService, or declare it in workloads of the ZeroTrustNamespace app/shop',
        expect.stringMatching(/^app\/shop: Sidecar shop\/cart workloadSelector = \{"app":"carts"\}: matches no workload/),
        expect.stringMatching(/^app\/shop: NetworkPolicy shop\/[a-z-]+ podSelector = \{"app":"carts"\}: matches no workload/),
      ]));
      expect(problems.every((p) => p.includes('{"app":"carts"}'))).toBe(true);
    });

    test('a principal of a service account no workload runs as is reported; declaring the workload mends it', () => {
      const legacy = Caller.serviceAccount('shop', 'legacy');
      const undeclared = zeroTrust({ calls: [{ from: legacy, to: cart }] });
      expect(appProblems([...undeclared.objects, ...cartObjects], undeclared.declared)).toEqual([
        'app/shop: AuthorizationPolicy shop/cart-from-shop-legacy principal = "cluster.local/ns/shop/sa/legacy": names service account legacy, which no workload of namespace shop runs as. Fix: deploy the workload with a GrayscaleService, or declare it with this serviceAccount in workloads of the ZeroTrustNamespace app/shop',
      ]);
      const declared = zeroTrust({ workloads: [{ name: 'legacy', serviceAccount: 'legacy' }], calls: [{ from: 'legacy', to: cart }] });
      expect(appProblems([...declared.objects, ...cartObjects], declared.declared)).toEqual([]);
    });

    test('an adopted service (existing Service and ServiceAccount, pods deployed elsewhere) is known by its versions\' pods and its account', () => {
      const reviews = renderGrayscaleService({
        name: 'reviews', namespace: 'shop', existing: { service: { selector: { app: 'reviews', tier: 'backend' } }, serviceAccount: 'bookinfo-reviews' },
        versions: [{ version: 'v1', weight: 100 }, { version: 'v2' }],
      }, { path: 'app/reviews', defaultName: 'reviews' });
      const ns = zeroTrust({ calls: [{ from: reviews, to: cart }, { from: cart, to: reviews }] });
      const objects = [...ns.objects, ...cartObjects, ...objectsOf('app/reviews', reviews.manifests)];
      const adopted = reviews.declaredWorkloads.map((identity) => ({ path: 'app/reviews', identity }));
      expect(appProblems(objects, [...ns.declared, ...adopted])).toEqual([]);
      // Without the pods the service declares, nothing would stand for them: the check is not silenced by adoption.
      expect(appProblems(objects, ns.declared)).toEqual(expect.arrayContaining([
        expect.stringContaining('names service account bookinfo-reviews, which no workload of namespace shop runs as'),
        expect.stringContaining('selector = {"app":"reviews","tier":"backend"}: matches no workload'),
      ]));
    });

    test('namespaces the app does not make are not checked: their workloads are deployed elsewhere', () => {
      const elsewhere = rendered('payments', 'app/pay');
      const ns = zeroTrust({ calls: [{ from: Caller.serviceAccount('payments', 'billing'), to: cart }] });
      const policies = ns.objects.filter((o) => o.manifest.kind !== 'Namespace');
      expect(appProblems([...policies, ...cartObjects, ...objectsOf('app/pay', elsewhere.manifests)])).toEqual([]);
      expect(appProblems([...ns.objects, ...cartObjects])).toEqual([]);
    });

    test('a subset that selects no pod of the service is reported', () => {
      const ns = zeroTrust({});
      const dr = object('DestinationRule', 'cart-extra', { host: 'cart', subsets: [{ name: 'v9', labels: { version: '9.0' } }] });
      expect(appProblems([...ns.objects, ...cartObjects, ...objectsOf('app/extra', [dr])], ns.declared)).toEqual([
        expect.stringMatching(/^app\/extra: DestinationRule shop\/cart-extra subset v9 = \{[^}]*"version":"9\.0"\}: matches no workload of namespace shop/),
      ]);
    });

    test('objects added after their namespace is settled are checked as they come', () => {
      const checker = new AppChecker();
      const ns = zeroTrust({});
      expect(checker.add(ns.objects, ns.declared)).toEqual([]);
      expect(checker.settle(['shop'])).toEqual([]);
      expect(checker.add(cartObjects)).toEqual([]);
      const sidecar = object('Sidecar', 'stray', { workloadSelector: { labels: { app: 'stray' } } });
      expect(texts(checker.add(objectsOf('app/stray', [sidecar])))).toEqual([expect.stringContaining('app/stray: Sidecar shop/stray workloadSelector = {"app":"stray"}: matches no workload of namespace shop')]);
    });
  });

  describe('in a namespace the app makes in ambient mode', () => {
    const ambient = objectsOf('app/shop', renderZeroTrustNamespace({ name: 'shop', dataplane: 'ambient' }, { path: 'app/shop', defaultName: 'shop' }).manifests);
    const canary = objectsOf('app/cart', renderGrayscaleService({
      name: 'cart', namespace: 'shop', versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }],
      rules: [{ name: 'testers', version: '1.1', match: { headers: { 'x-tester': 'yes' } } }], timeout: '2s',
    }, { path: 'app/cart', defaultName: 'cart' }).manifests);

    test('what only a sidecar enforces is refused, named, whichever comes first', () => {
      for (const objects of [[...ambient, ...canary], [...canary, ...ambient]]) {
        const problems = appProblems(objects).filter((p) => p.includes('is in ambient mode'));
        expect(problems).toEqual([
          'app/cart: VirtualService shop/cart metadata.namespace = "shop": is in ambient mode, where ztunnel does not enforce request rules, weights, timeouts, response headers: without a waypoint they would do nothing for the namespace\'s clients. Fix: set waypoint: true on the ZeroTrustNamespace shop (with dialect "gateway-api" for routing), make its dataplane "sidecar", or leave these features out',
        ]);
      }
    });

    test('a plain service, or the same canary in a sidecar namespace, is fine', () => {
      const plain = objectsOf('app/cart', renderGrayscaleService({ name: 'cart', namespace: 'shop', versionHeader: false, versions: [{ version: '1.0', image: IMAGE }] }, { path: 'app/cart', defaultName: 'cart' }).manifests);
      expect(appProblems([...ambient, ...plain])).toEqual([]);
      const sidecar = objectsOf('app/shop', renderZeroTrustNamespace({ name: 'shop' }, { path: 'app/shop', defaultName: 'shop' }).manifests);
      expect(appProblems([...sidecar, ...canary]).filter((p) => p.includes('ambient'))).toEqual([]);
    });
  });

  describe('routes at the gateway', () => {
    const cart = renderGrayscaleService({ name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] }, { path: 'app/cart', defaultName: 'cart' });
    const bound = cart;
    const ingress = (path: string, name: string, host: string) => objectsOf(path, renderMeshIngress(
      { name, namespace: 'shop', hosts: [{ host, tlsSecret: `${name}-tls` }], routes: [{ service: bound, host }] },
      { path, defaultName: name },
    ).manifests);

    test('two Gateways serving one host on one port of the same gateway pods are reported: one shadows the other', () => {
      const problems = appProblems([...ingress('app/edge', 'edge', 'shop.example.com'), ...ingress('app/edge2', 'edge2', 'shop.example.com')]);
      expect(problems).toEqual(expect.arrayContaining([
        expect.stringMatching(/^app\/edge2: VirtualService shop\/[a-z0-9-]+ spec\.hosts = "shop\.example\.com": is already routed on port 443 of the gateway pods \{istio: ingressgateway\} by app\/edge \(VirtualService shop\/[a-z0-9-]+\) through shop\/edge, so its routes would be shadowed\. Fix: serve the host from one Gateway/),
      ]));
    });

    test('different hosts on the same gateway pods are fine', () => {
      expect(appProblems([...ingress('app/edge', 'edge', 'shop.example.com'), ...ingress('app/edge2', 'edge2', 'api.example.com')])).toEqual([]);
    });
  });

  describe('indexed lookups say what a comparison of every pair would', () => {
    const labelSet = fc.dictionary(fc.constantFrom('app', 'version', 'tier'), fc.constantFrom('a', 'b', 'c'), { maxKeys: 3 });
    const overlap = (a: Record<string, string>, b: Record<string, string>) => Object.entries(a).every(([k, v]) => b[k] === undefined || b[k] === v);

    test('a Sidecar clashes when an earlier one of its namespace can select the same pods', () => {
      fc.assert(fc.property(fc.array(fc.option(labelSet, { nil: undefined }), { maxLength: 12 }), (selectors) => {
        const sidecars = selectors.map((labels, i) => object('Sidecar', `s${i}`, labels === undefined ? {} : { workloadSelector: { labels } }));
        const reported = appProblems(objectsOf('app/x', sidecars)).filter((p) => p.includes('a pod gets one Sidecar')).length;
        const expected = selectors.filter((mine, i) => selectors.slice(0, i).some((theirs) =>
          (mine === undefined || theirs === undefined ? mine === theirs : overlap(mine, theirs)))).length;
        expect(reported).toBe(expected);
      }), { numRuns: 300 });
    });

    test('a selector matches no workload exactly when no deployed pod carries its labels and no declared one disagrees', () => {
      fc.assert(fc.property(fc.array(labelSet, { maxLength: 6 }), fc.array(labelSet, { maxLength: 3 }), fc.array(labelSet.filter((l) => Object.keys(l).length > 0), { maxLength: 6 }),
        (deployed, declared, selectors) => {
          const deployments = deployed.map((labels, i): Manifest => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${i}`, namespace: 'shop' }, spec: { template: { metadata: { labels }, spec: {} } } }));
          const namespace: Manifest = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };
          const sidecars = selectors.map((labels, i) => object('EnvoyFilter', `f${i}`, { workloadSelector: { labels } }));
          const identities = declared.map((labels, i) => ({ path: 'app/ns', identity: { name: `w${i}`, namespace: 'shop', serviceAccount: `w${i}`, labels } }));
          const reported = appProblems([...objectsOf('app/ns', [namespace]), ...objectsOf('app/d', deployments), ...objectsOf('app/f', sidecars)], identities)
            .filter((p) => p.includes('matches no workload')).length;
          const expected = selectors.filter((sel) => !deployed.some((pod) => Object.entries(sel).every(([k, v]) => pod[k] === v))
            && !declared.some((d) => overlap(sel, d))).length;
          expect(reported).toBe(expected);
        }), { numRuns: 300 });
    });
  });
});
