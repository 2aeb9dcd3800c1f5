import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { EgressAllowList, GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import { renderEgressAllowList } from '../../lib/core';

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

  test('synth reports lists that would give one workload two Sidecars, naming both, and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'chart');
    new EgressAllowList(chart, 'a', { namespace: 'shop', hosts: ['a.example.com'] });
    new EgressAllowList(chart, 'b', { namespace: 'shop', workload: { name: 'x', labels: { app: 'x' } }, hosts: ['b.example.com'] });
    expect(() => app.synth()).toThrow(/chart\/a and chart\/b: one allow-list is for namespace shop and one for workload x/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('synth refuses a standalone list in a ZeroTrustNamespace\'s namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new ZeroTrustNamespace(chart, 'shop');
    new EgressAllowList(chart, 'list', { namespace: 'shop', hosts: ['a.example.com'] });
    expect(() => app.synth()).toThrow(/pass that object as namespace/);
  });
});
