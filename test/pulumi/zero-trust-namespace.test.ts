import { renderZeroTrustNamespace } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Caller, GrayscaleService, MeshlightAppError, MeshlightValidationError, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('ZeroTrustNamespace (Pulumi)', () => {
  const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];

  test('registers the Namespace at once and the policies once the calls are declared', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('shop', {});
    const cart = new GrayscaleService('cart', { namespace: ns.name, versions }, { dependsOn: [ns] });
    ns.allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });
    expect(ns.resources).toHaveLength(1);
    await ns.ready;
    await registered([...ns.resources, ...cart.resources]);
    const expected = renderZeroTrustNamespace({ calls: [{ from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] }, { path: 'shop', defaultName: 'shop' }).manifests;
    expect(canonicalYaml(manifestsOf(resources.filter((r) => r.name.startsWith('shop-'))))).toEqual(canonicalYaml(expected));
    expect(resources.find((r) => r.name === 'shop-authorizationpolicy-cart-from-ingress-gateway')?.type).toBe('kubernetes:security.istio.io/v1:AuthorizationPolicy');
  });

  test('a bad call throws at allow(); a call after the policies were registered is refused', async () => {
    const ns = new ZeroTrustNamespace('shop2', {});
    expect(() => ns.allow('inventory', 'cart')).toThrow(MeshlightValidationError);
    await ns.ready;
    expect(() => ns.allow(Caller.ingressGateway(), 'cart')).toThrow('shop2: allow() = "a call": comes after the program awaited');
  });

  test('bad props throw before anything is registered', async () => {
    resources.length = 0;
    expect(() => new ZeroTrustNamespace('Shop', {})).toThrow('Shop: name = "Shop"');
    await settled();
    // Earlier tests' namespaces may still be registering; none of the resources may be this component's.
    expect(resources.filter((r) => r.name.startsWith('Shop'))).toEqual([]);
  });

  test('policies naming a service account no workload of the namespace runs as are refused before they register', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('shop3', {});
    const cart = new GrayscaleService('cart3', { name: 'cart', namespace: ns.name, versions });
    ns.allow(Caller.serviceAccount('shop3', 'legacy'), cart);
    await expect(ns.ready).rejects.toThrow(MeshlightAppError);
    await expect(ns.ready).rejects.toThrow('shop3: AuthorizationPolicy shop3/cart-from-shop3-legacy principal = "cluster.local/ns/shop3/sa/legacy": names service account legacy');
    await settled();
    expect(resources.filter((r) => r.name.startsWith('shop3-')).map((r) => r.type)).toEqual(['kubernetes:core/v1:Namespace']);
  });
});
