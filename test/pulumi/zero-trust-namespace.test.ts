import { spawnSync } from 'child_process';
import * as path from 'path';
import { renderZeroTrustNamespace } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Caller, EgressAllowList, GrayscaleService, MeshlightAppError, MeshlightValidationError, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

/** What the mock engine saw registered of the component `name`: the component itself and its children, by type. */
function registeredOf(name: string): string[] {
  return resources.filter((r) => r.name === name || r.name.startsWith(`${name}-`)).map((r) => r.type);
}

/** Lets the mock engine take every registration already started (each takes a few turns of the event loop). */
async function quiet(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await settled();
}

describe('ZeroTrustNamespace (Pulumi)', () => {
  const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];

  test('registers the Namespace with the policies, once the calls are declared', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('shop', {});
    const cart = new GrayscaleService('cart', { namespace: ns.name, versions }, { dependsOn: [ns] });
    ns.allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });
    expect(ns.resources).toEqual([]);
    await ns.ready;
    expect(ns.resources[0]).toBe(await ns.namespace);
    await registered([...ns.resources, ...cart.resources]);
    const expected = renderZeroTrustNamespace({ calls: [{ from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] }, { path: 'shop', defaultName: 'shop' }).manifests;
    expect(canonicalYaml(manifestsOf(resources.filter((r) => r.name.startsWith('shop-'))))).toEqual(canonicalYaml(expected));
    expect(resources.find((r) => r.name === 'shop-authorizationpolicy-cart-from-ingress-gateway')?.type).toBe('kubernetes:security.istio.io/v1:AuthorizationPolicy');
  });

  test('a bad call throws at allow(); a call after the objects were registered is refused', async () => {
    const ns = new ZeroTrustNamespace('shop2', {});
    expect(() => ns.allow('inventory', 'cart')).toThrow(MeshlightValidationError);
    await expect(ns.ready).rejects.toThrow('shop2: calls[0].from = "inventory": is not a known caller');
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
    await quiet();
    expect(registeredOf('shop3')).toEqual(['meshlight:index:ZeroTrustNamespace']);
    await expect(ns.namespace).rejects.toThrow(MeshlightAppError);
  });

  test('services given dependsOn: [namespace] or [namespace.namespace] register after its Namespace', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('order', {});
    const web = new GrayscaleService('order-web', { name: 'web', namespace: ns.name, versions }, { dependsOn: [ns] });
    const api = new GrayscaleService('order-api', { name: 'api', namespace: ns.name, versions }, { dependsOn: [ns.namespace] });
    ns.allow(Caller.ingressGateway(), web, { hosts: ['order.example.com'] });
    await ns.ready;
    await registered([...web.resources, ...api.resources]);
    const names = resources.map((r) => r.name);
    expect(names.indexOf('order-namespace')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('order-namespace')).toBeLessThan(names.indexOf('order-web'));
    expect(names.indexOf('order-namespace')).toBeLessThan(names.indexOf('order-api'));
  });
});

describe('a refused ZeroTrustNamespace (Pulumi) registers none of its objects', () => {
  const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];

  test('a bad allow() after construction: it throws, ready rejects with the same error, nothing is registered', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('bad-call', {});
    const cart = new GrayscaleService('cart-of-bad-call', { name: 'cart', namespace: ns.name, versions });
    ns.allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });
    let thrown: unknown;
    try {
      ns.allow('inventory', 'cart', { ports: [0] });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(MeshlightValidationError);
    await expect(ns.ready).rejects.toBe(thrown);
    await expect(ns.namespace).rejects.toBe(thrown);
    await quiet();
    expect(registeredOf('bad-call')).toEqual(['meshlight:index:ZeroTrustNamespace']);
    expect(ns.resources).toEqual([]);
  });

  test('a bad allow-list handed over by an EgressAllowList: nothing of the namespace is registered', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('bad-egress', {});
    expect(() => new EgressAllowList('bad-egress-list', { namespace: ns, hosts: ['https://api.github.com'] })).toThrow('bad-egress-list: hosts[0].host');
    await expect(ns.ready).rejects.toThrow(MeshlightValidationError);
    await quiet();
    expect(registeredOf('bad-egress')).toEqual(['meshlight:index:ZeroTrustNamespace']);
  });

  test('refused by the whole-app check: ready rejects and nothing is registered, not even the Namespace', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('app-check', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    ns.allow(Caller.serviceAccount('app-check', 'legacy'), 'sleep');
    await expect(ns.ready).rejects.toThrow(MeshlightAppError);
    await quiet();
    expect(registeredOf('app-check')).toEqual(['meshlight:index:ZeroTrustNamespace']);
  });

  test('a refusal the program does not handle fails the program: nothing of meshlight handles ready for it', () => {
    // Jest keeps unhandled rejections to itself, so the program runs as a process of its own, as under the engine.
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '../support/programs/refused-namespace.ts')], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('MeshlightAppError');
    expect(run.stderr).toContain('shop: AuthorizationPolicy shop/sleep-from-shop-legacy principal');
  });

  test('an allow() after the program awaited is refused and registers nothing more', async () => {
    const ns = new ZeroTrustNamespace('late', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    await ns.ready;
    await registered(ns.resources);
    await quiet();
    const before = registeredOf('late');
    expect(before).toContain('kubernetes:core/v1:Namespace');
    expect(() => ns.allow('sleep', 'sleep')).toThrow('late: allow() = "a call": comes after the program awaited');
    await quiet();
    expect(registeredOf('late')).toEqual(before);
    expect(ns.resources).toHaveLength(before.length - 1);
  });
});
