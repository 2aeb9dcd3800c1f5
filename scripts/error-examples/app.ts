// Examples of problems across the app (see index.ts): each declares constructs that are fine one by one but clash,
// and `cdk8s synth` refuses the app. One mistake may show in several objects, so an example may raise more than one.
const IMAGE = "'ghcr.io/example/cart:1.0'";

export const examples: readonly string[] = [
  // a principal of a service account no workload runs as
  `
  const shop = new ZeroTrustNamespace(chart, 'shop');
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: shop.name,
    versions: [{ version: '1.0', image: ${IMAGE} }],
  });
  shop.allow(Caller.serviceAccount('shop', 'legacy-billing'), cart);
  `,
  // a selector that matches no workload
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { networkPolicy: false });
  new EgressAllowList(chart, 'reports-egress', {
    namespace: shop,
    workload: { name: 'reports', labels: { app: 'report' } },
    hosts: ['api.stripe.com'],
  });
  `,
  // one service declared twice: two VirtualServices for one host, subsets defined twice
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
  });
  new GrayscaleService(chart, 'cart-copy', {
    name: 'cart',
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
  });
  `,
  // two traffic policies for one host
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
    circuitBreaker: { consecutive5xxErrors: 5 },
  });
  new GrayscaleService(chart, 'cart-v2', {
    name: 'cart',
    namespace: 'shop',
    versions: [{ version: '2.0', image: ${IMAGE} }],
    circuitBreaker: { consecutive5xxErrors: 3 },
  });
  `,
  // a route to a subset no DestinationRule defines: the edge binds routes rendered for versions the app lacks
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
  });
  const planned = core.renderGrayscaleService(
    { name: 'cart', namespace: 'shop', versions: [{ version: '1.0', weight: 50, image: ${IMAGE} }, { version: '1.1', weight: 50, image: ${IMAGE} }] },
    { path: 'planned', defaultName: 'cart' },
  );
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
    routes: [{ service: planned, host: 'shop.example.com' }],
  });
  `,
  // Sidecars that can apply to the same pods: one namespace declared twice
  `
  new ZeroTrustNamespace(chart, 'shop');
  new ZeroTrustNamespace(chart, 'shop-again', { name: 'shop' });
  `,
  // routes shadowed at the gateway: one host served by two MeshIngresses
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
  });
  const checkout = new GrayscaleService(chart, 'checkout', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: ${IMAGE} }],
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
  `,
];
