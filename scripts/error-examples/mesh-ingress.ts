// Bad-input examples for docs/errors.md (see index.ts): cdk8s code with `chart` and meshlight's exports in scope,
// each declaring exactly one bad prop.
export const examples: readonly string[] = [
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      excludedPaths: ['/healthz'],
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    externalLogin: {
      provider: 'oauth2-proxy',
      excludedPaths: { 'shop.example.com': ['/static/*.css'] },
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowMethods: 'GET, POST',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST', 'options'],
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: [] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: [{ exact: 'https://app.example.com' }] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: [StringMatch.regex('https://(?!admin[.])[a-z]+[.]example[.]com')] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: ['https://app.example.com/'] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: [StringMatch.prefix('app.example.com')] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: true,
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['https://app.example.com'],
      allowCredentials: 'true',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['*'],
      allowCredentials: true,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['https://app.example.com'],
      maxAgeSeconds: '10m',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    name: 'shop_edge',
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'Shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    gateway: { namespace: 'Istio-System' },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    gateway: { labels: 'istio=ingressgateway' },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [
      { host: 'shop.example.com', tlsSecret: 'shop-cert' },
      { host: 'https://api.example.com', tlsSecret: 'api-cert' },
    ],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [
      { host: 'shop.example.com', tlsSecret: 'shop-cert' },
      { host: 'shop.example.com', tlsSecret: 'shop-cert-2024' },
    ],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'istio-system/shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [],
  });
  `,
  `
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: 'cart', host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'www.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com', path: '/cart/' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  const checkout = new GrayscaleService(chart, 'checkout', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/checkout:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [
      { service: cart, host: 'shop.example.com', path: '/cart' },
      { service: checkout, host: 'shop.example.com', path: '/cart' },
    ],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    csrf: 'on',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: { jwksUri: 'https://accounts.example.com/.well-known/jwks.json', audiences: ['shop'] },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      fromHeader: 'Authorization',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      fromParam: ['access_token'],
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    externalLogin: 'oauth2-proxy',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    externalLogin: { excludedPaths: { 'shop.example.com': ['/healthz'] } },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: [StringMatch.prefix('https://app.example.com')],
      allowCredentials: true,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: ['https://app.example.com'],
      maxAgeSeconds: 1e30,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: { allowOrigins: [StringMatch.regex('https://.*')] },
    csrf: true,
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: [StringMatch.regex('(https://app|https://admin)[.]example[.]com')],
      allowCredentials: true,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: 'https://accounts.example.com',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    gateway: 'istio-system',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: ['shop.example.com'],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [
      { host: 'shop.example.com', tlsSecret: 'shop-cert' },
      { host: 'shop-example.com', tlsSecret: 'shop-example-cert' },
    ],
    routes: [{ service: cart, host: 'shop.example.com' }],
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [cart],
  });
  `,
  `
  new MeshIngress(chart, 'edge', undefined);
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    allowPlainHttp: 'yes',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      excludedPaths: { 'www.example.com': ['/healthz'] },
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      excludedPaths: { 'shop.example.com': [] },
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      excludedPaths: { 'shop.example.com': ['/public/*'] },
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      anyAudience: 'yes',
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: ['shop'],
      anyAudience: true,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    jwt: {
      issuer: 'https://accounts.example.com',
      jwksUri: 'https://accounts.example.com/.well-known/jwks.json',
      audiences: [],
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    rulesAtEdge: 'internal',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    rulesAtEdge: 'authenticated',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    versionHeaderAtEdge: 'no',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    pathNormalization: 'decode',
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    gateway: { serviceAccount: 'Istio Gateway' },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
    routes: [{ service: cart, host: 'shop.example.com' }],
    cors: {
      allowOrigins: [StringMatch.regex('https?://app\\\\.example\\\\.com')],
      allowCredentials: true,
    },
  });
  `,
  `
  const cart = new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  new MeshIngress(chart, 'edge', {
    namespace: 'shop',
    hosts: [{ host: '*.example.com', tlsSecret: 'wildcard-cert' }],
    routes: [{ service: cart, host: '*.example.com' }],
    externalLogin: { provider: 'oauth2-proxy' },
  });
  `,
];
