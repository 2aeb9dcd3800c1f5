// The whole-app checks (core) and explain each read Istio's hosts, exportTo and workload selectors; they must read
// them alike. One table of cases per reading, both readings.
import { appProblems, hostCovers, Manifest, qualify, selects as coreSelects } from '../../lib/core/internal';
import {
  buildMesh, effectiveMtls, fqdnOf, hostMatches, manifestsFromObjects, policyAppliesTo, selects, sidecarFor, virtualServiceFor,
} from '../../lib/explain';

describe('core\'s whole-app checks and explain read hosts alike', () => {
  test.each<[string, string]>([
    ['reviews', 'bookinfo'], ['Reviews', 'bookinfo'], ['reviews.bookinfo', 'x'], ['REVIEWS.bookinfo.svc.cluster.local', 'x'],
    ['*', 'x'], ['*.example.com', 'x'], ['*.Example.COM', 'x'], ['api.example.com', 'x'], ['API.Example.com', 'x'],
  ])('%s in namespace %s qualifies to the same host', (host, namespace) => {
    expect(qualify(host, namespace, 'cluster.local')).toBe(fqdnOf(host, namespace, 'cluster.local'));
  });

  test.each<[string, string, boolean]>([
    ['*', 'a.example.com', true], ['*', '*.example.com', true],
    ['*.example.com', 'a.example.com', true], ['*.example.com', 'a.b.example.com', true], ['*.example.com', '*.b.example.com', true],
    ['*.example.com', 'example.com', false], ['*.example.com', 'aexample.com', false], ['*.example.com', 'a.example.org', false],
    ['*.EXAMPLE.com', 'A.example.COM', true], ['shop.example.com', 'SHOP.example.com', true], ['shop.example.com', 'shop.example.co', false],
    ['a.example.com', '*.example.com', false],
  ])('%s covers %s: %s', (pattern, host, covers) => {
    expect(hostCovers(pattern, host)).toBe(covers);
    expect(hostMatches(pattern, host)).toBe(covers);
  });
});

// exportTo. explain reads it on VirtualServices, DestinationRules, ServiceEntries and Services; core reads it only on
// VirtualServices, where it decides which VirtualServices for one host clash (two clash where both are seen), so the
// cases are a VirtualService's, and core is asked whether it clashes with a probe seen only in the viewer's namespace.
const HOST = 'shop.example.com';

function virtualService(name: string, namespace: string, exportTo?: string[]): Manifest {
  return {
    apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace },
    spec: { hosts: [HOST], ...(exportTo === undefined ? {} : { exportTo }), http: [{ route: [{ destination: { host: HOST } }] }] },
  };
}

/** Whether core reads `vs` as seen in `viewer`: it clashes with one that only `viewer` sees, or one that every namespace sees. */
function coreSees(vs: Manifest, viewer: string): boolean {
  return appProblems([{ path: 'app/case', manifest: vs }, { path: 'app/probe', manifest: virtualService('probe', viewer, ['.']) }]).length > 0;
}

function explainSees(vs: Manifest, viewer: string): boolean {
  return virtualServiceFor(buildMesh(manifestsFromObjects([vs], 'case')), HOST, viewer).chosen !== undefined;
}

describe('core\'s whole-app checks and explain read exportTo alike', () => {
  test.each<[string[] | undefined, string, string, boolean]>([
    [undefined, 'a', 'a', true], [undefined, 'a', 'b', true], [[], 'a', 'b', true],
    [['*'], 'a', 'a', true], [['*'], 'a', 'b', true],
    [['.'], 'a', 'a', true], [['.'], 'a', 'b', false],
    [['.', '*'], 'a', 'b', true], [['b'], 'a', 'b', true], [['.', 'b'], 'a', 'a', true], [['.', 'b'], 'a', 'b', true],
    [['b'], 'a', 'c', false], [['b'], 'a', 'a', false], [['a'], 'a', 'a', true], [['a'], 'a', 'b', false],
    [['~'], 'a', 'a', false], [['~'], 'a', 'b', false], [['.', 'b'], 'a', 'c', false], [['b', 'c'], 'a', 'c', true],
  ])('exportTo %j on a VirtualService of namespace %s is seen in %s: %s', (exportTo, own, viewer, seen) => {
    const vs = virtualService('case', own, exportTo);
    expect(coreSees(vs, viewer)).toBe(seen);
    expect(explainSees(vs, viewer)).toBe(seen);
  });
});

// Workload selectors. Both read label selectors as a subset match, case-sensitive in keys and values (selects), and
// an object without a selector, or with an empty one, as selecting every pod of its namespace. Core checks that a
// selector in a namespace the app makes matches some workload; explain asks whether the object applies to a workload.
// With one workload in the namespace the two questions are one. Only explain reads the root namespace (policies there
// apply mesh-wide), and only core reads the declared workloads' labels as a partial list (overlaps): not shared.
describe('core\'s whole-app checks and explain read workload selectors alike', () => {
  test.each<[Record<string, string>, Record<string, string>, boolean]>([
    [{}, { app: 'cart' }, true], [{}, {}, true],
    [{ app: 'cart' }, { app: 'cart', version: 'v1' }, true], [{ app: 'cart', version: 'v1' }, { app: 'cart', version: 'v1' }, true],
    [{ app: 'cart', version: 'v1' }, { app: 'cart' }, false], [{ app: 'cart' }, {}, false],
    [{ app: 'cart' }, { app: 'Cart' }, false], [{ app: 'Cart' }, { app: 'cart' }, false], [{ App: 'cart' }, { app: 'cart' }, false],
    [{ app: '' }, {}, false], [{ app: '' }, { app: '' }, true],
  ])('selector %j selects pods labelled %j: %s', (selector, labels, selected) => {
    expect(coreSelects(selector, labels)).toBe(selected);
    expect(selects(selector, labels)).toBe(selected);
  });

  type Kind = 'AuthorizationPolicy' | 'PeerAuthentication' | 'Sidecar';
  /** How the object says which pods: no selector, a selector without labels, or labels. */
  type Selector = 'none' | 'without labels' | Record<string, string>;
  const CART_PODS = { app: 'cart', version: 'v1' };

  function objectOf(kind: Kind, selector: Selector): Manifest {
    const [field, labelsField] = kind === 'Sidecar' ? ['workloadSelector', 'labels'] : ['selector', 'matchLabels'];
    const written = selector === 'none' ? {} : { [field]: selector === 'without labels' ? {} : { [labelsField]: selector } };
    const apiVersion = kind === 'Sidecar' ? 'networking.istio.io/v1' : 'security.istio.io/v1';
    const mode = kind === 'PeerAuthentication' ? { mtls: { mode: 'STRICT' } } : {};
    return { apiVersion, kind, metadata: { name: 'case', namespace: 'shop' }, spec: { ...written, ...mode } };
  }

  function app(object: Manifest, podsIn: string): Manifest[] {
    return [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart', namespace: podsIn },
        spec: {
          selector: { matchLabels: CART_PODS },
          template: { metadata: { labels: CART_PODS }, spec: { serviceAccountName: 'cart', containers: [{ name: 'cart', image: 'example/cart:1.0' }] } },
        },
      },
      object,
    ];
  }

  function coreSelectsSomePod(manifests: readonly Manifest[]): boolean {
    return appProblems(manifests.map((manifest) => ({ path: `app/${manifest.kind}`, manifest }))).length === 0;
  }

  function explainAppliesToThePods(kind: Kind, manifests: readonly Manifest[]): boolean {
    const mesh = buildMesh(manifestsFromObjects(manifests, 'case'));
    const pods = mesh.workloads[0];
    switch (kind) {
      case 'AuthorizationPolicy':
        return policyAppliesTo(mesh.authorizationPolicies[0], pods, mesh.options);
      case 'PeerAuthentication':
        return effectiveMtls(pods, mesh.peerAuthentications, mesh.options).by !== undefined;
      case 'Sidecar':
        return sidecarFor(pods.namespace, pods.labels, mesh.sidecars, mesh.options).sidecar !== undefined;
    }
  }

  describe.each<Kind>(['AuthorizationPolicy', 'PeerAuthentication', 'Sidecar'])('a %s', (kind) => {
    test.each<[Selector, string, boolean]>([
      ['none', 'shop', true], ['without labels', 'shop', true], [{}, 'shop', true],
      [{ app: 'cart' }, 'shop', true], [CART_PODS, 'shop', true],
      [{ app: 'cart', version: 'v2' }, 'shop', false], [{ app: 'cart', tier: 'web' }, 'shop', false],
      [{ app: 'Cart' }, 'shop', false], [{ App: 'cart' }, 'shop', false],
      [{ app: 'cart' }, 'other', false],
    ])('in namespace shop with selector %j selects pods labelled app=cart,version=v1 in namespace %s: %s', (selector, podsIn, selected) => {
      const manifests = app(objectOf(kind, selector), podsIn);
      expect(coreSelectsSomePod(manifests)).toBe(selected);
      expect(explainAppliesToThePods(kind, manifests)).toBe(selected);
    });
  });
});
