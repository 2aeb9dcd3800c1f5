// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { GrayscaleService, MeshIngress, StringMatch } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  // null for a default (as an empty YAML key reads)
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      csrf: null,
    });
  },
  (chart) => {
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
        // @ts-expect-error
        excludedPaths: ['/healthz'],
      },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
        // @ts-expect-error
        allowMethods: 'GET, POST',
      },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      cors: { allowOrigins: [{ exact: 'https://app.example.com', prefix: 'https://' }] },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      cors: true,
    });
  },
  (chart) => {
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
        // @ts-expect-error
        allowCredentials: 'true',
      },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
        // @ts-expect-error
        maxAgeSeconds: '10m',
      },
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'Shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      gateway: { labels: 'istio=ingressgateway' },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'istio-system/shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  (chart) => {
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [],
    });
  },
  (chart) => {
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      // @ts-expect-error
      routes: [{ service: 'cart', host: 'shop.example.com' }],
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'www.example.com' }],
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com', path: '/cart/' }],
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      csrf: 'on',
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      jwt: { jwksUri: 'https://accounts.example.com/.well-known/jwks.json', audiences: ['shop'] },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
        // @ts-expect-error
        fromHeader: 'Authorization',
      },
    });
  },
  (chart) => {
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
        // @ts-expect-error
        fromParam: ['access_token'],
      },
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      externalLogin: 'oauth2-proxy',
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      externalLogin: { excludedPaths: { 'shop.example.com': ['/healthz'] } },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      jwt: 'https://accounts.example.com',
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      gateway: 'istio-system',
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      // @ts-expect-error
      hosts: ['shop.example.com'],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      // @ts-expect-error
      routes: [cart],
    });
  },
  (chart) => {
    // @ts-expect-error
    new MeshIngress(chart, 'edge', undefined);
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      allowPlainHttp: 'yes',
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
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
        // @ts-expect-error
        anyAudience: 'yes',
      },
    });
  },
  (chart) => {
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
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      rulesAtEdge: 'internal',
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      versionHeaderAtEdge: 'no',
    });
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      // @ts-expect-error
      pathNormalization: 'decode',
    });
  },
  (chart) => {
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
  },
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
      cors: {
        allowOrigins: [StringMatch.regex('https?://app\\.example\\.com')],
        allowCredentials: true,
      },
    });
  },
  (chart) => {
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
  },
]);
