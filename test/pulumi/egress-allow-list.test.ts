import { renderEgressAllowList } from '../../lib/core';
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

  test('a standalone list in a ZeroTrustNamespace\'s namespace is refused', () => {
    expect(() => new EgressAllowList('stray', { namespace: 'shop', hosts: ['a.example.com'] })).toThrow('pass that component as namespace');
  });
});
