import { AppObject, appProblems, Manifest, renderGrayscaleService } from '../../lib/core';

const IMAGE = 'ghcr.io/example/app:1';
const objectsOf = (path: string, manifests: readonly Manifest[]): AppObject[] => manifests.map((manifest) => ({ path, manifest }));
const service = (path: string, name: string, namespace = 'shop') =>
  objectsOf(path, renderGrayscaleService({ name, namespace, versions: [{ version: '1.0', image: IMAGE }] }, { path, defaultName: name }).manifests);
const object = (kind: string, name: string, spec: Record<string, unknown>, namespace = 'shop'): Manifest =>
  ({ apiVersion: kind === 'Sidecar' || kind.endsWith('Service') || kind === 'DestinationRule' ? 'networking.istio.io/v1' : 'v1', kind, metadata: { name, namespace }, spec });

describe('whole-app checks', () => {
  test('a consistent app has no problems', () => {
    expect(appProblems([...service('app/cart', 'cart'), ...service('app/payments', 'payments')])).toEqual([]);
  });

  test('two VirtualServices for one host are reported with both constructs', () => {
    const problems = appProblems([...service('app/a', 'cart'), ...objectsOf('app/b', [object('VirtualService', 'cart-copy', { hosts: ['cart'], http: [{ route: [{ destination: { host: 'cart' } }] }] })])]);
    expect(problems).toEqual(['app/b (VirtualService shop/cart-copy): host cart on mesh is already routed by app/a (VirtualService shop/cart); one VirtualService per host, or the routes of one are lost']);
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
      expect.stringContaining('app/two (VirtualService shop/cart): host cart.shop.svc.cluster.local on mesh is already routed by app/one'),
      expect.stringContaining('app/two (DestinationRule shop/cart): subsets v1-0 of host cart.shop.svc.cluster.local are already defined by app/one'),
    ]));
  });

  test('two DestinationRules with traffic policies for one host are reported', () => {
    const dr = (name: string) => object('DestinationRule', name, { host: 'cart', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } });
    expect(appProblems(objectsOf('app/x', [dr('a'), dr('b')]))).toEqual([expect.stringContaining('already has a traffic policy from app/x (DestinationRule shop/a)')]);
  });

  test('a route to a subset that no DestinationRule defines is reported', () => {
    const vs = object('VirtualService', 'canary', { hosts: ['cart-canary.example.com'], http: [{ route: [{ destination: { host: 'cart.shop.svc.cluster.local', subset: 'v9' } }] }] });
    expect(appProblems([...service('app/cart', 'cart'), ...objectsOf('app/canary', [vs])])).toEqual([
      'app/canary (VirtualService shop/canary): routes to subset v9 of cart.shop.svc.cluster.local, which no DestinationRule of the app defines',
    ]);
  });

  test('Sidecars that can select the same pods, or two namespace defaults, are reported', () => {
    const sidecar = (name: string, labels?: Record<string, string>) => object('Sidecar', name, labels ? { workloadSelector: { labels } } : {});
    expect(appProblems(objectsOf('app/x', [sidecar('a', { app: 'cart' }), sidecar('b', { app: 'cart', version: 'v1' })]))).toHaveLength(1);
    expect(appProblems(objectsOf('app/x', [sidecar('a', { app: 'cart' }), sidecar('b', { app: 'payments' })]))).toEqual([]);
    expect(appProblems(objectsOf('app/x', [sidecar('default'), sidecar('other')]))).toEqual([expect.stringContaining('can apply to the same pods as app/x (Sidecar shop/default)')]);
  });
});
