// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { EgressAllowList, GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: ['api.stripe.com', 443],
    });
  },
  (chart) => {
    // @ts-expect-error
    new EgressAllowList(chart, 'cart-egress');
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ ports: [{ number: 443 }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: ['api.stripe.com', 'files.stripe.com'] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['*'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['https://api.stripe.com/v1/charges'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['API.Stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'db.example.org', resolution: 'STATIC' }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [{ host: '*.s3.amazonaws.com', resolution: 'DNS' }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'api.stripe.com', resolution: 'NONE' }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [{ host: 'api.stripe.com', resolution: 'DYNAMIC_DNS' }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com', '*.s3.amazonaws.com'],
      egressGateway: true,
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'db.example.org', ports: 5432 }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'db.example.org', ports: [5432] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'db.example.org', ports: [{ protocol: 'TCP' }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'db.example.org', ports: [{ number: '5432' }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [{ host: 'db.example.org', ports: [{ number: 5432 }, { number: 5432, protocol: 'TCP' }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: [{ host: 'api.stripe.com', ports: [{ number: 443, protocol: 'HTTPS' }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [{ host: '*.example.org', ports: [{ number: 5432 }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'sleep-egress', {
      namespace: 'shop',
      workload: 'sleep',
      hosts: ['www.aliyun.com'],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
    });
    new EgressAllowList(chart, 'curl-egress', {
      namespace: shop,
      workload: 'curl',
      hosts: ['www.aliyun.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      // @ts-expect-error
      workload: ['legacy'],
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { labels: { app: 'legacy' } },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { name: 'legacy' },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      workload: { name: 'legacy_batch', labels: { app: 'legacy-batch' } },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { name: 'legacy', labels: 'app=legacy' },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      workload: { name: 'legacy', labels: { app: 'legacy' }, serviceAccount: 'system:serviceaccount:shop:legacy' },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    shop.allowEgress({
      namespace: 'web',
      hosts: ['www.aliyun.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'Shop',
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      // @ts-expect-error
      allowAnyHost: 'false',
    });
  },
  (chart) => {
    // @ts-expect-error
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: 'api.stripe.com',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com', { host: 'api.stripe.com', ports: [{ number: 443 }] }],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com', 'api-stripe.com'],
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'web',
      workload: cart,
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      trustDomain: 'spiffe://cluster.local',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      clusterDomain: 'svc.cluster.local.',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: [{ host: 'api.example.com', ports: [{ number: 80 }] }],
      egressGateway: true,
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      workload: { name: 'legacy', labels: { app: 'legacy' } },
      hosts: ['api.stripe.com'],
      egressGateway: true,
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'debug-egress', {
      namespace: 'shop',
      hosts: ['*'],
      allowAnyHost: true,
      egressGateway: true,
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      // @ts-expect-error
      networkPolicy: 'yes',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      // @ts-expect-error
      egressGateway: 'istio-egressgateway',
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      egressGateway: { service: 'istio-egressgateway.istio-system.svc.cluster.local' },
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      egressGateway: { namespace: 'Istio-System' },
    });
  },
  (chart) => {
    new EgressAllowList(chart, 'cart-egress', {
      namespace: 'shop',
      hosts: ['api.stripe.com'],
      // @ts-expect-error
      egressGateway: { labels: 'istio=egressgateway' },
    });
  },
]);
