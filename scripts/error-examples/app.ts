// Examples of problems across the app (see index.ts): each declares constructs that are fine one by one but clash,
// and `cdk8s synth` refuses the app. One mistake may show in several objects, so an example may raise more than one.
import { Caller, EgressAllowList, GrayscaleService, MeshIngress, ZeroTrustNamespace } from '../../lib/cdk8s';
import * as core from '../../lib/core';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  // a principal of a service account no workload runs as
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop');
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    shop.allow(Caller.serviceAccount('shop', 'legacy-billing'), cart);
  },
  // a selector that matches no workload
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { networkPolicy: false });
    new EgressAllowList(chart, 'reports-egress', {
      namespace: shop,
      workload: { name: 'reports', labels: { app: 'report' } },
      hosts: ['api.stripe.com'],
    });
  },
  // one service declared twice: two VirtualServices for one host, subsets defined twice
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' }],
    });
    new GrayscaleService(chart, 'cart-copy', {
      name: 'cart',
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' }],
    });
  },
  // two traffic policies for one host
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: { consecutive5xxErrors: 5 },
    });
    new GrayscaleService(chart, 'cart-v2', {
      name: 'cart',
      namespace: 'shop',
      versions: [{ version: '2.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: { consecutive5xxErrors: 3 },
    });
  },
  // a route to a subset no DestinationRule defines: the edge binds routes rendered for versions the app lacks
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    const planned = core.renderGrayscaleService(
      { name: 'cart', namespace: 'shop', versions: [{ version: '1.0', weight: 50, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 50, image: 'ghcr.io/example/cart:1.0' }] },
      { path: 'planned', defaultName: 'cart' },
    );
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
      routes: [{ service: planned, host: 'shop.example.com' }],
    });
  },
  // Sidecars that can apply to the same pods: one namespace declared twice
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop');
    new ZeroTrustNamespace(chart, 'shop-again', { name: 'shop' });
  },
  // routes shadowed at the gateway: one host served by two MeshIngresses
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    const checkout = new GrayscaleService(chart, 'checkout', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
      routes: [{ service: cart, host: 'shop.example.com', path: '/cart' }],
    });
    new MeshIngress(chart, 'checkout-edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
      routes: [{ service: checkout, host: 'shop.example.com', path: '/checkout' }],
    });
  },
  // two standalone allow-lists for one namespace
  (chart) => {
    new EgressAllowList(chart, 'shop-egress', { namespace: 'shop', hosts: ['api.stripe.com'] });
    new EgressAllowList(chart, 'shop-more-egress', { namespace: 'shop', hosts: ['api.github.com'] });
  },
  // two standalone allow-lists for one workload
  (chart) => {
    const reports = { name: 'reports', labels: { app: 'reports' } };
    new EgressAllowList(chart, 'reports-egress', { namespace: 'shop', workload: reports, hosts: ['api.stripe.com'] });
    new EgressAllowList(chart, 'reports-more-egress', { namespace: 'shop', workload: reports, hosts: ['api.github.com'] });
  },
  // a standalone allow-list for a workload beside one for its namespace
  (chart) => {
    new EgressAllowList(chart, 'shop-egress', { namespace: 'shop', hosts: ['api.stripe.com'] });
    new EgressAllowList(chart, 'reports-egress', {
      namespace: 'shop',
      workload: { name: 'reports', labels: { app: 'reports' } },
      hosts: ['api.github.com'],
    });
  },
  // one host in two standalone allow-lists of a namespace
  (chart) => {
    new EgressAllowList(chart, 'reports-egress', { namespace: 'shop', workload: { name: 'reports', labels: { app: 'reports' } }, hosts: ['api.stripe.com'] });
    new EgressAllowList(chart, 'billing-egress', { namespace: 'shop', workload: { name: 'billing', labels: { app: 'billing' } }, hosts: ['api.stripe.com'] });
  },
  // a standalone allow-list in a ZeroTrustNamespace's namespace
  (chart) => {
    new ZeroTrustNamespace(chart, 'shop');
    new EgressAllowList(chart, 'shop-egress', { namespace: 'shop', hosts: ['api.stripe.com'] });
  },
  // weights and rules in a namespace in ambient mode
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { dataplane: 'ambient' });
    new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // weights and rules in a VirtualService, in a namespace in ambient mode with a waypoint
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { dataplane: 'ambient', waypoint: true });
    new GrayscaleService(chart, 'cart', {
      namespace: shop.name,
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
]);
