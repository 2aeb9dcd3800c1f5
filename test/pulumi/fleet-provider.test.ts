// A fleet from Pulumi, as the README's Fleet section says: each cluster's components take that cluster's Kubernetes
// provider as a resource option, and every object they register goes through it.
import * as pulumi from '@pulumi/pulumi';
import { registered } from '../support/pulumi-mocks';

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly provider?: string;
}
const registrations: Registration[] = [];
pulumi.runtime.setMocks({
  newResource(args) {
    registrations.push({ type: args.type, name: args.name, provider: args.provider });
    return { id: `${args.name}-id`, state: args.inputs };
  },
  call: (args) => args.inputs,
}, 'meshlight-test', 'test', false);
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const k8s = require('@pulumi/kubernetes') as typeof import('@pulumi/kubernetes');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EgressAllowList, GrayscaleService, MeshlightAppError, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

test('a component given a cluster\'s provider registers every object of the service with it', async () => {
  const eu = new k8s.Provider('eu-1', { kubeconfig: 'eu' });
  const cart = new GrayscaleService('cart-eu-1', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0-eu' }], workload: { readinessProbe: { http: { path: '/healthz' } } } }, { provider: eu });
  await registered(cart.resources);
  const objects = registrations.filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'pulumi:providers:kubernetes');
  expect(objects.length).toBeGreaterThan(2);
  expect(objects.every((r) => r.provider?.includes('pulumi:providers:kubernetes::eu-1'))).toBe(true);
});

describe('the whole-app check runs per cluster: per Kubernetes provider', () => {
  const probe = { readinessProbe: { http: { path: '/healthz' } } };
  const versions = [{ version: '1.0', image: 'ghcr.io/example/orders:1.0' }];

  test('the same namespace, service and allow-list in two clusters are accepted; twice in one cluster is still refused', async () => {
    const [eu, us] = [new k8s.Provider('fleet-eu', { kubeconfig: 'eu' }), new k8s.Provider('fleet-us', { kubeconfig: 'us' })];
    const namespaces = [eu, us].map((provider, i) => {
      const ns = new ZeroTrustNamespace(`orders-ns-${i}`, { name: 'orders' }, { provider });
      const orders = new GrayscaleService(`orders-${i}`, { name: 'orders', namespace: 'orders', versions, workload: probe }, { provider });
      ns.allow(orders, orders);
      new EgressAllowList(`orders-egress-${i}`, { namespace: 'partners', hosts: ['api.example.com'] }, { provider });
      return ns;
    });
    await Promise.all(namespaces.map((ns) => ns.ready));
    expect(() => new GrayscaleService('orders-again', { name: 'orders', namespace: 'orders', versions, workload: probe }, { provider: eu }))
      .toThrow(MeshlightAppError);
    expect(() => new EgressAllowList('orders-egress-again', { namespace: 'partners', hosts: ['api.example.com'] }, { provider: us }))
      .toThrow(MeshlightAppError);
  });

  test('a component takes its cluster from its parent\'s providers too', () => {
    const ap = new k8s.Provider('fleet-ap', { kubeconfig: 'ap' });
    const region = new pulumi.ComponentResource('example:index:Region', 'ap-1', {}, { providers: [ap] });
    new GrayscaleService('billing-ap', { name: 'billing', namespace: 'billing', versions, workload: probe }, { parent: region });
    // The same service without a provider is in the program's default cluster, not in ap-1's.
    new GrayscaleService('billing-default', { name: 'billing', namespace: 'billing', versions, workload: probe });
    expect(() => new GrayscaleService('billing-ap-again', { name: 'billing', namespace: 'billing', versions, workload: probe }, { providers: [ap] }))
      .toThrow(MeshlightAppError);
  });
});
