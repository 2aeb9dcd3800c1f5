import { Chart, Testing } from 'cdk8s';
import { Caller, GrayscaleService, MeshlightValidationError, ZeroTrustNamespace } from '../../lib/cdk8s';
import { renderZeroTrustNamespace } from '../../lib/core/internal';

describe('ZeroTrustNamespace (cdk8s)', () => {
  const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];

  test('allow() and props.calls give the same objects, exactly what core renders', () => {
    const chart = Testing.chart();
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', { namespace: ns.name, versions });
    const payments = new GrayscaleService(chart, 'payments', { namespace: ns.name, versions });
    ns.allow(cart, payments, { methods: ['POST'] }).allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });

    const expected = renderZeroTrustNamespace(
      { calls: [{ from: cart, to: payments, methods: ['POST'] }, { from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] },
      { path: 'shop', defaultName: 'shop' },
    ).manifests;
    const synthesised = Testing.synth(chart);
    expect(synthesised.slice(0, expected.length)).toEqual(expected);
    expect(ns.apiObjects.map((o) => `${o.kind}/${o.name}`)).toEqual(expected.map((m) => `${m.kind}/${m.metadata.name}`));
    expect(synthesised).toMatchSnapshot();
  });

  test('a bad call fails at allow() with the construct path and leaves the namespace as it was', () => {
    const chart = new Chart(Testing.app(), 'chart');
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const before = Testing.synth(chart);
    expect(() => ns.allow('inventory', 'cart')).toThrow(MeshlightValidationError);
    expect(() => ns.allow('inventory', 'cart')).toThrow('chart/shop: calls[0].from = "inventory": is not a known caller');
    expect(Testing.synth(chart)).toEqual(before);
  });

  test('synth refuses a call from a service account no workload of the namespace runs as, naming the construct', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    const ns = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    const cart = new GrayscaleService(chart, 'cart', { namespace: ns.name, versions });
    ns.allow('sleep', cart);
    expect(() => app.synth()).not.toThrow();
    ns.allow(Caller.serviceAccount('shop', 'legacy'), cart);
    expect(() => app.synth()).toThrow('chart/shop: AuthorizationPolicy shop/cart-from-shop-legacy principal = "cluster.local/ns/shop/sa/legacy": names service account legacy, which no workload of namespace shop runs as. Fix: deploy the workload with a GrayscaleService, or declare it with this serviceAccount in workloads of the ZeroTrustNamespace chart/shop');
  });
});

describe('ZeroTrustNamespace in a Chart with a namespace', () => {
  test('the Namespace object gets no metadata.namespace (it is cluster-scoped); the others keep their own', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'elsewhere' });
    new ZeroTrustNamespace(chart, 'shop');
    const objects = Testing.synth(chart);
    const namespace = objects.find((o) => o.kind === 'Namespace');
    expect(namespace.metadata).toEqual({ name: 'shop', labels: expect.any(Object) });
    expect(objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace)).toEqual(objects.filter((o) => o.kind !== 'Namespace').map(() => 'shop'));
  });
});
