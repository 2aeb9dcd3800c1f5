import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Node } from 'constructs';
import { EgressAllowList, GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import {
  allowListClash, allowListInZeroTrustNamespace, EgressAllowListProps, formatProblem, renderEgressAllowList, StandaloneAllowList,
} from '../../lib/core/internal';

describe('EgressAllowList (cdk8s)', () => {
  const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];

  test('standalone, it synthesises exactly what core renders', () => {
    const chart = Testing.chart();
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', versions });
    const list = new EgressAllowList(chart, 'cart-egress', { namespace: 'shop', workload: cart, hosts: ['api.stripe.com'] });
    const expected = renderEgressAllowList({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com'] }, { path: 'x' }).manifests;
    expect(Testing.synth(chart).slice(-expected.length)).toEqual(expected);
    expect(list.apiObjects).toHaveLength(expected.length);
  });

  test('given a ZeroTrustNamespace, the namespace carries the list: one Sidecar per workload', () => {
    const chart = Testing.chart();
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', { namespace: ns.name, versions });
    const list = new EgressAllowList(chart, 'cart-egress', { namespace: ns, workload: cart, hosts: ['api.stripe.com'] });
    expect(list.apiObjects).toEqual([]);
    const sidecars = Testing.synth(chart).filter((m) => m.kind === 'Sidecar');
    expect(sidecars.map((s) => s.metadata.name)).toEqual(['default', 'cart']);
    expect(sidecars[1].spec.egress[0].hosts).toEqual(['./api.stripe.com', 'istio-system/*']);
  });

  test('given a ZeroTrustNamespace, a bad list is reported at its own path and fields, not the namespace\'s', () => {
    const chart = new Chart(Testing.app(), 'app');
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'curl', serviceAccount: 'curl' }] });
    shop.allowEgress({ workload: 'curl', hosts: ['api.stripe.com'] });
    expect(() => new EgressAllowList(chart, 'curl-egress', { namespace: shop, workload: 'curl', hosts: ['https://api.github.com'] }))
      .toThrow('app/curl-egress: hosts[0].host = "https://api.github.com": is a URL, not a host');
    expect(() => new EgressAllowList(chart, 'curl-egress-2', { namespace: shop, workload: { name: 'curl', labels: { app: 'other' } }, hosts: ['api.github.com'] }))
      .toThrow(/^meshlight found 1 problem:\n {2}- app\/curl-egress-2: /);
  });

  test('given a ZeroTrustNamespace, two lists for one workload merge into its Sidecar; one that cannot names the other by its construct path', () => {
    const chart = new Chart(Testing.app(), 'app');
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'curl', serviceAccount: 'curl' }] });
    new EgressAllowList(chart, 'curl-egress', { namespace: shop, workload: 'curl', hosts: ['api.stripe.com'] });
    new EgressAllowList(chart, 'curl-more-egress', { namespace: shop, workload: 'curl', hosts: ['api.github.com'] });
    const sidecar = Testing.synth(chart).find((m) => m.kind === 'Sidecar' && m.metadata.name === 'curl');
    expect(sidecar.spec.egress[0].hosts).toEqual(['./api.github.com', './api.stripe.com', 'istio-system/*']);
    expect(() => new EgressAllowList(chart, 'curl-stray-egress', { namespace: shop, workload: { name: 'curl', labels: { app: 'curl-v2' } }, hosts: ['b.example.com'] }))
      .toThrow('app/curl-stray-egress: workload = "curl": selects pods by other labels than the EgressAllowList app/curl-egress for the workload of the same name ({"app":"curl"})');
    // Lists given to allowEgress() directly have no construct: they are named by their place.
    shop.allowEgress({ hosts: ['api.example.com'], egressGateway: true });
    expect(() => shop.allowEgress({ hosts: ['b.example.com'], egressGateway: { namespace: 'egress' } })).toThrow('app/shop: egress[3].egressGateway = {"namespace":"egress"}: is another egress gateway than that of egress[2]');
  });

  test('synth reports lists that would give one workload two Sidecars, naming both, and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'chart');
    new EgressAllowList(chart, 'a', { namespace: 'shop', hosts: ['a.example.com'] });
    new EgressAllowList(chart, 'b', { namespace: 'shop', workload: { name: 'x', labels: { app: 'x' } }, hosts: ['b.example.com'] });
    expect(() => app.synth()).toThrow(/chart\/b: workload = "x": has its own allow-list beside chart\/a for namespace shop, and a workload's own Sidecar would hide the namespace's hosts/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('props left out or not an object give the core error, not a crash', () => {
    const chart = Testing.chart();
    expect(() => new EgressAllowList(chart, 'none', undefined as never)).toThrow('test/none: props = undefined: is not an allow-list');
    expect(() => new EgressAllowList(chart, 'null', null as never)).toThrow('test/null: props = null: is not an allow-list');
    expect(() => new EgressAllowList(chart, 'host', 'www.example.com' as never)).toThrow('test/host: props = "www.example.com": is not an allow-list');
  });

  test('synth refuses a standalone list in a ZeroTrustNamespace\'s namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new ZeroTrustNamespace(chart, 'shop');
    new EgressAllowList(chart, 'list', { namespace: 'shop', hosts: ['a.example.com'] });
    expect(() => app.synth()).toThrow(/Fix: pass that ZeroTrustNamespace as namespace/);
  });
});

describe('EgressAllowList (cdk8s): conflicts across a large app', () => {
  // Lists, in construct tree order, across many namespaces: most namespaces have one list per workload (no clash);
  // some have clashes of every kind, and one is a ZeroTrustNamespace's.
  function declareMany(chart: Chart): { id: string; props: EgressAllowListProps }[] {
    const specs: { id: string; props: EgressAllowListProps }[] = [];
    for (let n = 0; n < 60; n++) {
      for (let w = 0; w < 3; w++) {
        specs.push({ id: `ns${n}-w${w}`, props: { namespace: `team-${n}`, workload: { name: `w${w}`, labels: { app: `w${w}` } }, hosts: [`w${w}.team-${n}.example.com`] } });
      }
    }
    specs.push({ id: 'clash-namespace-wide', props: { namespace: 'team-7', hosts: ['a.example.com'] } });
    specs.push({ id: 'clash-same-workload', props: { namespace: 'team-20', workload: { name: 'w1', labels: { app: 'w1' } }, hosts: ['b.example.com'] } });
    specs.push({ id: 'clash-shared-host', props: { namespace: 'team-41', workload: { name: 'w9', labels: { app: 'w9' } }, hosts: ['w2.team-41.example.com'] } });
    specs.push({ id: 'in-zero-trust', props: { namespace: 'zt', hosts: ['c.example.com'] } });
    for (const s of specs.slice(0, 90)) new EgressAllowList(chart, s.id, s.props);
    new ZeroTrustNamespace(chart, 'zt');
    for (const s of specs.slice(90)) new EgressAllowList(chart, s.id, s.props);
    return specs;
  }

  // What checking every list against each list before it in the tree, and against the ZeroTrustNamespace, reports.
  function expectedErrors(specs: readonly { id: string; props: EgressAllowListProps }[]): string[] {
    const lists: StandaloneAllowList[] = specs.map((s) => ({ path: `chart/${s.id}`, rendered: renderEgressAllowList(s.props, { path: s.id }) }));
    return lists.flatMap((list, i) => [
      ...lists.slice(0, i).flatMap((other) => allowListClash(list, other) ?? []),
      ...(list.rendered.namespace === 'zt' ? [allowListInZeroTrustNamespace(list, 'chart/zt')] : []),
    ]).map((p) => `[] ${formatProblem(p)}`);
  }

  // The synth pass reports them at the root; fields of the whole-app check start with a kind.
  const listErrorsOf = (e: unknown): string[] => String((e as Error).message).split('\n').map((l) => l.trim()).filter((l) => /^\[\] chart\/\S+: [a-z]/.test(l));

  test('reports the same conflicts, naming the same constructs in the same order, as checking every pair', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    const specs = declareMany(chart);
    let error: unknown;
    try {
      app.synthYaml();
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    const expected = expectedErrors(specs);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(listErrorsOf(error)).toEqual(expected);
  });

  test('walks the construct tree a fixed number of times per synthesis, not once per list', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    for (let n = 0; n < 150; n++) new EgressAllowList(chart, `list-${n}`, { namespace: `team-${n}`, hosts: ['a.example.com'] });
    const findAll = jest.spyOn(Node.prototype, 'findAll');
    try {
      app.synthYaml();
      expect(findAll.mock.calls.length).toBeLessThan(20);
    } finally {
      findAll.mockRestore();
    }
  });

  test('sees lists added after an earlier synthesis', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new EgressAllowList(chart, 'a', { namespace: 'shop', hosts: ['a.example.com'] });
    expect(() => app.synthYaml()).not.toThrow();
    new EgressAllowList(chart, 'b', { namespace: 'shop', hosts: ['b.example.com'] });
    expect(() => app.synthYaml()).toThrow('chart/b: namespace = "shop": is the namespace of the allow-list chart/a too. Fix: merge the two allow-lists into one');
    new EgressAllowList(chart, 'c', { namespace: 'shop', hosts: ['c.example.com'] });
    let error: unknown;
    try {
      app.synthYaml();
    } catch (e) {
      error = e;
    }
    expect(listErrorsOf(error)).toEqual([
      '[] chart/b: namespace = "shop": is the namespace of the allow-list chart/a too. Fix: merge the two allow-lists into one',
      '[] chart/c: namespace = "shop": is the namespace of the allow-list chart/a too. Fix: merge the two allow-lists into one',
      '[] chart/c: namespace = "shop": is the namespace of the allow-list chart/b too. Fix: merge the two allow-lists into one',
    ]);
  });
});
