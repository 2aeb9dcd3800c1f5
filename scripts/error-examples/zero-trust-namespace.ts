// Bad-input examples for docs/errors.md (see index.ts): cdk8s code with `chart` and meshlight's exports in scope,
// each declaring exactly one bad prop.
export const examples: readonly string[] = [
  // props
  `
  new ZeroTrustNamespace(chart, 'shop', 'shop');
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    name: 'Shop',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    dataplane: 'ztunnel',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    revision: 'istio.io/rev=1-30-3',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    dataplane: 'ambient',
    revision: '1-30-3',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    mtls: 'DISABLE',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    trustDomain: 'spiffe://prod.example.com',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    controlPlaneNamespace: 'Istio-System',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    dryRun: 'true',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    dryRun: true,
    networkPolicy: true,
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    networkPolicy: 'calico',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    proxyScope: 'namespace',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    clusterDomain: 'Cluster.Local',
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    dryrun: true,
  });
  `,
  // workloads
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: { name: 'sleep', serviceAccount: 'sleep' },
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: ['sleep'],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'Sleep', serviceAccount: 'sleep' }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [
      { name: 'sleep', serviceAccount: 'sleep' },
      { name: 'sleep', serviceAccount: 'sleep-v2' },
    ],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'default', serviceAccount: 'legacy' }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'cart', serviceAccount: 'Cart_SA' }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'legacy', serviceAccount: 'default' }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: {} }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: ['sleep'] }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { 'app name': 'sleep' } }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { app: 'my sleep' } }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'httpbin', serviceAccount: 'httpbin', ports: [{ port: 80, containerPort: 'http' }] }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'httpbin', serviceAccount: 'httpbin', ports: { port: 80, containerPort: 8080 } }],
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{
      name: 'httpbin',
      serviceAccount: 'httpbin',
      ports: [{ port: 80, containerPort: 8080 }, { port: 80, containerPort: 9090 }],
    }],
  });
  `,
  // calls
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [
      { name: 'sleep', serviceAccount: 'sleep' },
      { name: 'httpbin', serviceAccount: 'httpbin' },
    ],
    calls: { from: 'sleep', to: 'httpbin' },
  });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', {
    workloads: [
      { name: 'sleep', serviceAccount: 'sleep' },
      { name: 'httpbin', serviceAccount: 'httpbin' },
    ],
    calls: ['sleep -> httpbin'],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { methods: ['POST'] });
  shop.allow(cart, payments, { paths: ['/refunds'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    mtls: 'PERMISSIVE',
    workloads: [
      { name: 'sleep', serviceAccount: 'sleep' },
      { name: 'httpbin', serviceAccount: 'httpbin' },
    ],
  });
  shop.allow('sleep', 'httpbin');
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'cart', serviceAccount: 'cart-legacy' }],
  });
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.namespace('*'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.serviceAccount('batch', 'default'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.serviceAccount('batch', 'Reports_SA'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.ingressGateway('istio-system'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.serviceAccount('reporting', 'nightly-' + 'report-'.repeat(32) + 'writer'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'batch-reports', serviceAccount: 'batch-reports' }],
  });
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow('batch-reports', cart);
  shop.allow(Caller.serviceAccount('batch', 'reports'), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const reports = { name: 'reports', namespace: 'batch', serviceAccount: 'default', labels: { app: 'reports' } };
  shop.allow(reports, cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'httpbin', serviceAccount: 'httpbin' }],
  });
  shop.allow('sleep', 'httpbin');
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow({ namespace: 'monitoring' }, cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const ledger = new GrayscaleService(chart, 'ledger', {
    namespace: 'finance',
    versions: [{ version: '1.0', image: 'ghcr.io/example/ledger:1.0' }],
  });
  shop.allow(Caller.ingressGateway(), ledger, { hosts: ['shop.example.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { ports: [8080] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [
      { name: 'sleep', serviceAccount: 'sleep' },
      { name: 'httpbin', serviceAccount: 'httpbin' },
    ],
  });
  shop.allow('sleep', 'httpbin', { ports: [80] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { methods: ['post'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { paths: ['/orders/*/refund'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { dataplane: 'ambient' });
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { methods: ['POST'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  shop.allow(cart, payments, { ports: 80 });
  `,
  // egress
  `
  new ZeroTrustNamespace(chart, 'shop', {
    egress: { hosts: ['api.stripe.com'] },
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  shop.allowEgress({ hosts: ['api.stripe.com'] });
  shop.allowEgress({ hosts: ['api.github.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
  });
  shop.allowEgress({ hosts: ['api.example.com'] });
  shop.allowEgress({
    workload: 'sleep',
    hosts: [{ host: 'api.example.com', ports: [{ number: 8443, protocol: 'TLS' }] }],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
  });
  shop.allowEgress({
    workload: { name: 'sleep', labels: { app: 'sleep', version: 'v2' } },
    hosts: ['api.example.com'],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    workloads: [{ name: 'shop', serviceAccount: 'shop-web' }],
  });
  shop.allowEgress({ hosts: ['api.example.com'] });
  shop.allowEgress({ workload: 'shop', hosts: ['api.stripe.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.ingressGateway(), cart);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.ingressGateway(), cart, { hosts: ['https://shop.example.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(cart, cart, { paths: ['/api/*'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const edge = new MeshIngress(chart, 'edge', {
    namespace: shop.name,
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  shop.allow(edge, cart, { hosts: ['shop.example.com'] });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const payments = new GrayscaleService(chart, 'payments', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
  });
  const edge = new MeshIngress(chart, 'edge', {
    namespace: shop.name,
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  shop.allow(edge, payments);
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const edge = new MeshIngress(chart, 'edge', {
    namespace: shop.name,
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      excludedPaths: { 'shop.example.com': ['/healthz'] },
    },
  });
  shop.allow(edge, cart, { paths: ['/orders'] });
  `,
  `
  new ZeroTrustNamespace(chart, 'shop', { pathNormalization: 'MERGE' });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.namespace('monitoring'), cart, { proxyMetrics: 'yes' });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { dataplane: 'ambient' });
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  shop.allow(Caller.namespace('monitoring'), cart, { proxyMetrics: true });
  `,
];
