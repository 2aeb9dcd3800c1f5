// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { Caller, GrayscaleService, MeshIngress, ZeroTrustNamespace } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  // props
  (chart) => {
    // @ts-expect-error
    new ZeroTrustNamespace(chart, 'shop', 'shop');
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      name: 'Shop',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      dataplane: 'ztunnel',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      revision: 'istio.io/rev=1-30-3',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dataplane: 'ambient',
      revision: '1-30-3',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      waypoint: 'yes',
      dataplane: 'ambient',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      waypoint: true,
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      mtls: 'DISABLE',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      trustDomain: 'spiffe://prod.example.com',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      controlPlaneNamespace: 'Istio-System',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      remoteClusters: ['10.8.0.0/14'],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dataplane: 'ambient',
      remoteClusters: { podCidrs: ['10.8.0.0/14'] },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      remoteClusters: { podCidrs: '10.8.0.0/14' },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      remoteClusters: { podCidrs: ['10.8.0.1/14'] },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      remoteClusters: { eastWestGateway: ['203.0.113.10/32'] },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      remoteClusters: { eastWestGateway: { remoteAddresses: [] } },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      remoteClusters: { eastWestGateway: { remoteAddresses: ['203.0.113.10/32'], namespace: 'Istio-System' } },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      dryRun: 'true',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dryRun: true,
      networkPolicy: true,
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dryRun: true,
      mtls: 'STRICT',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dataplane: 'ambient',
      egress: [{ hosts: ['api.stripe.com'] }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dryRun: true,
      proxyScope: true,
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      dryRun: true,
      egress: [{ hosts: ['api.stripe.com'], egressGateway: true }],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { dryRun: true });
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
      },
    });
    shop.allow(edge, cart);
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      networkPolicy: 'calico',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      proxyScope: 'namespace',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      clusterDomain: 'Cluster.Local',
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      dryrun: true,
    });
  },
  // workloads
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      workloads: { name: 'sleep', serviceAccount: 'sleep' },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      workloads: ['sleep'],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'Sleep', serviceAccount: 'sleep' }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [
        { name: 'sleep', serviceAccount: 'sleep' },
        { name: 'sleep', serviceAccount: 'sleep-v2' },
      ],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'default', serviceAccount: 'legacy' }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'cart', serviceAccount: 'Cart_SA' }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'legacy', serviceAccount: 'default' }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: {} }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: ['sleep'] }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { 'app name': 'sleep' } }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { app: 'my sleep' } }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      workloads: [{ name: 'httpbin', serviceAccount: 'httpbin', ports: [{ port: 80, containerPort: 'http' }] }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      workloads: [{ name: 'httpbin', serviceAccount: 'httpbin', ports: { port: 80, containerPort: 8080 } }],
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{
        name: 'httpbin',
        serviceAccount: 'httpbin',
        ports: [{ port: 80, containerPort: 8080 }, { port: 80, containerPort: 9090 }],
      }],
    });
  },
  // calls
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [
        { name: 'sleep', serviceAccount: 'sleep' },
        { name: 'httpbin', serviceAccount: 'httpbin' },
      ],
      // @ts-expect-error
      calls: { from: 'sleep', to: 'httpbin' },
    });
  },
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      workloads: [
        { name: 'sleep', serviceAccount: 'sleep' },
        { name: 'httpbin', serviceAccount: 'httpbin' },
      ],
      // @ts-expect-error
      calls: ['sleep -> httpbin'],
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      mtls: 'PERMISSIVE',
      workloads: [
        { name: 'sleep', serviceAccount: 'sleep' },
        { name: 'httpbin', serviceAccount: 'httpbin' },
      ],
    });
    shop.allow('sleep', 'httpbin');
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'cart', serviceAccount: 'cart-legacy' }],
    });
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.ingressGateway(), cart, { hosts: ['shop.example.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.namespace('*'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.serviceAccount('batch', 'default'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.serviceAccount('batch', 'Reports_SA'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    // @ts-expect-error
    shop.allow(Caller.ingressGateway('istio-system'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.serviceAccount('reporting', 'nightly-' + 'report-'.repeat(32) + 'writer'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'batch-reports', serviceAccount: 'batch-reports' }],
    });
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow('batch-reports', cart);
    shop.allow(Caller.serviceAccount('batch', 'reports'), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    const reports = { name: 'reports', namespace: 'batch', serviceAccount: 'default', labels: { app: 'reports' } };
    shop.allow(reports, cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'httpbin', serviceAccount: 'httpbin' }],
    });
    shop.allow('sleep', 'httpbin');
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    // @ts-expect-error
    shop.allow({ team: 'monitoring' }, cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const ledger = new GrayscaleService(chart, 'ledger', {
      namespace: 'finance',
      versions: [{ version: '1.0', image: 'ghcr.io/example/ledger:1.0' }],
    });
    shop.allow(Caller.ingressGateway(), ledger, { hosts: ['shop.example.com'] });
  },
  (chart) => {
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
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [
        { name: 'sleep', serviceAccount: 'sleep' },
        { name: 'httpbin', serviceAccount: 'httpbin' },
      ],
    });
    shop.allow('sleep', 'httpbin', { ports: [80] });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    const payments = new GrayscaleService(chart, 'payments', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/payments:1.0' }],
    });
    // @ts-expect-error
    shop.allow(cart, payments, { ports: 80 });
  },
  // egress
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop', {
      // @ts-expect-error
      egress: { hosts: ['api.stripe.com'] },
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    shop.allowEgress({ workload: { name: 'legacy', labels: { app: 'legacy' } }, hosts: ['api.stripe.com'] });
    shop.allowEgress({ workload: { name: 'legacy', labels: { app: 'legacy-batch' } }, hosts: ['api.github.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    shop.allowEgress({ workload: { name: 'legacy', labels: { app: 'legacy' }, serviceAccount: 'legacy' }, hosts: ['api.stripe.com'], egressGateway: true });
    shop.allowEgress({ workload: { name: 'legacy', labels: { app: 'legacy' }, serviceAccount: 'default' }, hosts: ['api.github.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    shop.allowEgress({ hosts: ['api.stripe.com'], egressGateway: true });
    shop.allowEgress({ hosts: ['api.github.com'], egressGateway: { namespace: 'egress' } });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'curl', serviceAccount: 'curl' }] });
    shop.allowEgress({ workload: 'curl', hosts: ['api.stripe.com'], egressGateway: true });
    shop.allowEgress({ hosts: ['api.stripe.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
    });
    shop.allowEgress({ hosts: ['api.example.com'] });
    shop.allowEgress({
      workload: 'sleep',
      hosts: [{ host: 'api.example.com', ports: [{ number: 8443, protocol: 'TLS' }] }],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
    });
    shop.allowEgress({
      workload: { name: 'sleep', labels: { app: 'sleep', version: 'v2' } },
      hosts: ['api.example.com'],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', {
      workloads: [{ name: 'shop', serviceAccount: 'shop-web' }],
    });
    shop.allowEgress({ hosts: ['api.example.com'] });
    shop.allowEgress({ workload: 'shop', hosts: ['api.stripe.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.ingressGateway(), cart);
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.ingressGateway(), cart, { hosts: ['https://shop.example.com'] });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(cart, cart, { paths: ['/api/*'] });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    // @ts-expect-error
    new ZeroTrustNamespace(chart, 'shop', { pathNormalization: 'MERGE' });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    // @ts-expect-error
    shop.allow(Caller.namespace('monitoring'), cart, { proxyMetrics: 'yes' });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { dataplane: 'ambient' });
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.namespace('monitoring'), cart, { proxyMetrics: true });
  },
]);
