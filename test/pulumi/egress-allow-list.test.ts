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
      .toThrow('web-egress-2 and web-egress: both allow-lists are for namespace web; merge them into one');
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

  test('given a ZeroTrustNamespace, a bad list is reported under its own name and fields', () => {
    const shop = new ZeroTrustNamespace('shop-named', {});
    expect(() => new EgressAllowList('shop-named-egress', { namespace: shop, hosts: ['https://api.github.com'] }))
      .toThrow('shop-named-egress: hosts[0].host = "https://api.github.com": is a URL, not a host');
  });

  test('a standalone list in a ZeroTrustNamespace\'s namespace is refused', () => {
    expect(() => new EgressAllowList('stray', { namespace: 'shop', hosts: ['a.example.com'] })).toThrow('pass that component as namespace');
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
      .toThrow('many-late and many-17-w1: both allow-lists are for workload w1; merge them into one');
    expect(() => new EgressAllowList('many-wide', { namespace: 'many-13', hosts: ['x.example.com'] }))
      .toThrow('many-wide and many-13-w0: one allow-list is for namespace many-13 and one for workload w0');
    expect(() => new EgressAllowList('many-shared', { namespace: 'many-5', workload: { name: 'w7', labels: { app: 'w7' } }, hosts: ['w2.example.com'] }))
      .toThrow('many-shared and many-5-w2: both allow-lists list w2.example.com in namespace many-5');
    expect(() => new ZeroTrustNamespace('many-9', {})).toThrow('many-9: the EgressAllowList many-9-w0 owns Sidecars in namespace "many-9"');
    // A list in a namespace of its own clashes with nothing.
    expect(() => new EgressAllowList('many-alone', { namespace: 'many-40', hosts: ['x.example.com'] })).not.toThrow();
    expect(lists).toHaveLength(60);
    await settled();
  });
});
