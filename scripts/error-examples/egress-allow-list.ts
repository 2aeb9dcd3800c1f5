// Bad-input examples for docs/errors.md (see index.ts): cdk8s code with `chart` and meshlight's exports in scope,
// each declaring exactly one bad prop.
export const examples: readonly string[] = [
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com', 443],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress');
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ ports: [{ number: 443 }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: ['api.stripe.com', 'files.stripe.com'] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['*'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['https://api.stripe.com/v1/charges'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['API.Stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', resolution: 'STATIC' }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: '*.s3.amazonaws.com', resolution: 'DNS' }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'api.stripe.com', resolution: 'NONE' }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'api.stripe.com', resolution: 'DYNAMIC_DNS' }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com', '*.s3.amazonaws.com'],
    egressGateway: true,
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', ports: 5432 }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', ports: [5432] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', ports: [{ protocol: 'TCP' }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', ports: [{ number: '5432' }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'db.example.org', ports: [{ number: 5432 }, { number: 5432, protocol: 'TCP' }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'api.stripe.com', ports: [{ number: 443, protocol: 'HTTPS' }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: '*.example.org', ports: [{ number: 5432 }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'sleep-egress', {
    namespace: 'shop',
    workload: 'sleep',
    hosts: ['www.aliyun.com'],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
  });
  new EgressAllowList(chart, 'curl-egress', {
    namespace: shop,
    workload: 'curl',
    hosts: ['www.aliyun.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: ['legacy'],
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { labels: { app: 'legacy' } },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy' },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy_batch', labels: { app: 'legacy-batch' } },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy', labels: 'app=legacy' },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy', labels: { app: 'legacy' }, serviceAccount: 'system:serviceaccount:shop:legacy' },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  shop.allowEgress({
    namespace: 'web',
    hosts: ['www.aliyun.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'Shop',
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    allowAnyHost: 'false',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: 'api.stripe.com',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com', { host: 'api.stripe.com', ports: [{ number: 443 }] }],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com', 'api-stripe.com'],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'web',
    workload: cart,
    hosts: ['api.stripe.com'],
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    trustDomain: 'spiffe://cluster.local',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    clusterDomain: 'svc.cluster.local.',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: [{ host: 'api.example.com', ports: [{ number: 80 }] }],
    egressGateway: true,
  });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy', labels: { app: 'legacy' } },
    hosts: ['api.stripe.com'],
    egressGateway: true,
  });
  `,
  `
  new EgressAllowList(chart, 'debug-egress', {
    namespace: 'shop',
    hosts: ['*'],
    allowAnyHost: true,
    egressGateway: true,
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    networkPolicy: 'yes',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    egressGateway: 'istio-egressgateway',
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    egressGateway: { service: 'istio-egressgateway.istio-system.svc.cluster.local' },
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    egressGateway: { namespace: 'Istio-System' },
  });
  `,
  `
  new EgressAllowList(chart, 'cart-egress', {
    namespace: 'shop',
    hosts: ['api.stripe.com'],
    egressGateway: { labels: 'istio=egressgateway' },
  });
  `,
];
