import { renderEgressAllowList } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EgressAllowList, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('EgressAllowList (Pulumi)', () => {
  test('standalone, it registers exactly what core renders', async () => {
    resources.length = 0;
    const list = new EgressAllowList('web-egress', { namespace: 'web', hosts: ['www.aliyun.com'] });
    await registered(list.resources);
    const expected = renderEgressAllowList({ namespace: 'web', hosts: ['www.aliyun.com'] }, { path: 'x' }).manifests;
    expect(canonicalYaml(manifestsOf(resources))).toEqual(canonicalYaml(expected));
  });

  test('a second list that would clash with the first is refused before anything is registered', async () => {
    resources.length = 0;
    expect(() => new EgressAllowList('web-egress-2', { namespace: 'web', hosts: ['oss.example.com'] }))
      .toThrow('web-egress-2: namespace = "web": is the namespace of the allow-list web-egress too. Fix: merge the two allow-lists into one');
    await settled();
    expect(resources).toEqual([]);
  });

  test('given a ZeroTrustNamespace, the namespace registers the list\'s objects', async () => {
    resources.length = 0;
    const ns = new ZeroTrustNamespace('shop', {});
    const list = new EgressAllowList('shop-egress', { namespace: ns, hosts: ['www.aliyun.com'] });
    expect(list.resources).toEqual([]);
    await ns.ready;
    await registered(ns.resources);
    expect(resources.map((r) => r.name)).toContain('shop-serviceentry-egress-www-aliyun-com');
  });

  test('props left out or not an object give the core error, not a crash, and nothing is registered', async () => {
    resources.length = 0;
    expect(() => new EgressAllowList('none-egress', undefined as never)).toThrow('none-egress: props = undefined: is not an allow-list');
    expect(() => new EgressAllowList('null-egress', null as never)).toThrow('null-egress: props = null: is not an allow-list');
    await settled();
    expect(resources).toEqual([]);
  });

  test('given a ZeroTrustNamespace, a bad list is reported under its own name and fields, and the namespace registers nothing', async () => {
    const shop = new ZeroTrustNamespace('shop-named', {});
    expect(() => new EgressAllowList('shop-named-egress', { namespace: shop, hosts: ['https://api.github.com'] }))
      .toThrow('shop-named-egress: hosts[0].host = "https://api.github.com": is a URL, not a host');
    await expect(shop.ready).rejects.toThrow('is a URL, not a host');
    expect(shop.resources).toEqual([]);
  });

  test('given a ZeroTrustNamespace, a second list for one workload merges; one that cannot names the first by its resource name', async () => {
    const shop = new ZeroTrustNamespace('shop-twice', {});
    new EgressAllowList('shop-twice-egress', { namespace: shop, hosts: ['api.stripe.com'], egressGateway: true });
    new EgressAllowList('shop-twice-more', { namespace: shop, hosts: [{ host: 'db.example.org', ports: [{ number: 5432 }] }] });
    expect(() => new EgressAllowList('shop-twice-stray', { namespace: shop, hosts: ['api.github.com'], egressGateway: { namespace: 'egress' } }))
      .toThrow('shop-twice-stray: egressGateway = {"namespace":"egress"}: is another egress gateway than that of the EgressAllowList shop-twice-egress');
    await expect(shop.ready).rejects.toThrow('the EgressAllowList shop-twice-egress');
  });

  test('a standalone list in a ZeroTrustNamespace\'s namespace is refused', () => {
    expect(() => new EgressAllowList('stray', { namespace: 'shop', hosts: ['a.example.com'] })).toThrow('Fix: pass that ZeroTrustNamespace as namespace');
  });
  test('among many lists in many namespaces, each clash is still found and names the list it clashes with', async () => {
    resources.length = 0;
    const lists = [];
    for (let n = 0; n < 20; n++) {
      for (let w = 0; w < 3; w++) {
        lists.push(new EgressAllowList(`many-${n}-w${w}`, { namespace: `many-${n}`, workload: { name: `w${w}`, labels: { app: `w${w}` } }, hosts: [`w${w}.example.com`] }));
      }
    }
    await settled();
    expect(() => new EgressAllowList('many-late', { namespace: 'many-17', workload: { name: 'w1', labels: { app: 'w1' } }, hosts: ['x.example.com'] }))
      .toThrow('many-late: workload = "w1": is the workload of the allow-list many-17-w1 too. Fix: merge the two allow-lists into one');
    expect(() => new EgressAllowList('many-wide', { namespace: 'many-13', hosts: ['x.example.com'] }))
      .toThrow('many-wide: namespace = "many-13": has its own allow-list beside many-13-w0 for workload w0');
    expect(() => new EgressAllowList('many-shared', { namespace: 'many-5', workload: { name: 'w7', labels: { app: 'w7' } }, hosts: ['w2.example.com'] }))
      .toThrow('many-shared: hosts = ["w2.example.com"]: are listed by the allow-list many-5-w2 in namespace many-5 too');
    expect(() => new ZeroTrustNamespace('many-9', {})).toThrow('many-9-w0: namespace = "many-9": is the namespace of the ZeroTrustNamespace many-9, whose Sidecars would clash with this list\'s');
    // A list in a namespace of its own clashes with nothing.
    expect(() => new EgressAllowList('many-alone', { namespace: 'many-40', hosts: ['x.example.com'] })).not.toThrow();
    expect(lists).toHaveLength(60);
    await settled();
  });
});
