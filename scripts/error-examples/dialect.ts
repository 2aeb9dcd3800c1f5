// Bad-input examples for docs/errors.md (see index.ts): a GrayscaleService or MeshIngress in the Gateway API dialect
// asking for what an HTTPRoute or a Gateway cannot say; each declares exactly one bad prop in the chart it is given.
import { GrayscaleService, MeshIngress } from '../../lib/cdk8s';
import { examplesIn } from './example';

const versions = [
  { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
  { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
];

export const examples = examplesIn(__filename, [
  // dialect
  (chart) => {
    // @ts-expect-error
    new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gamma', versions });
  },
  // istioFallback: not a boolean
  (chart) => {
    // @ts-expect-error
    new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', istioFallback: 'yes', versions });
  },
  // istioFallback: without the Gateway API dialect
  (chart) => {
    new GrayscaleService(chart, 'cart', { namespace: 'shop', istioFallback: true, versions });
  },
  // retries
  (chart) => {
    new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', retries: { attempts: 3 }, versions });
  },
  // rules[].fault
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', versions,
      rules: [{ version: '1.1', match: { headers: { gray: '1' } }, fault: { abort: { status: 503, percent: 10 } } }],
    });
  },
  // rules[].match.from
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', versions, rules: [{ version: '1.1', match: { from: { namespace: 'qa' } } }],
    });
  },
  // majors.<major>.host
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }, { version: '2.0', image: 'ghcr.io/example/cart:2.0' }],
      majors: { 1: { path: '/v1' }, 2: { host: 'cart-v2.example.com' } },
    });
  },
  // circuitBreaker (a traffic policy) without istioFallback
  (chart) => {
    new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', circuitBreaker: { consecutive5xxErrors: 5 }, versions });
  },
  // versions[].connectionPool without istioFallback
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api',
      versions: [versions[0], { ...versions[1], connectionPool: { maxConnections: 10 } }],
    });
  },
  // rules: a query rule that sticky-version cookies would overtake under the Gateway API's precedence
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', versions, stickyVersions: true, rules: [{ version: '1.1', match: { query: { beta: 'on' } } }],
    });
  },
  // rules: more rules than one HTTPRoute holds
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', versions,
      rules: Array.from({ length: 16 }, (_, i) => ({ version: '1.1', match: { headers: { tenant: `t${i}` } } })),
    });
  },
  // rules: a rule with more matches than an HTTPRoute rule holds
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', versions,
      rules: [{ version: '1.1', anyOf: Array.from({ length: 65 }, (_, i) => ({ headers: { tenant: `t${i}` } })) }],
    });
  },
  // MeshIngress dialect
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', versions });
    // @ts-expect-error
    new MeshIngress(chart, 'edge', { namespace: 'shop', dialect: 'gamma', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }] });
  },
  // MeshIngress gateway.labels: Istio deploys the Gateway's pods
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', versions });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop', dialect: 'gateway-api', gateway: { labels: { istio: 'ingressgateway' } },
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  // MeshIngress rulesAtEdge 'authenticated': a JWT claim match
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', versions });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop', dialect: 'gateway-api', rulesAtEdge: 'authenticated',
      jwt: { issuer: 'https://login.example.com', jwksUri: 'https://login.example.com/jwks.json', audiences: ['shop'] },
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  // MeshIngress cors.allowOrigins: a wildcard origin
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', dialect: 'gateway-api', versions });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop', dialect: 'gateway-api', cors: { allowOrigins: ['https://*.example.com'] },
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  // MeshIngress routes[].service: a service in Istio's dialect
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', versions });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop', dialect: 'gateway-api', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }],
    });
  },
  // MeshIngress routes: a service under a path answers 404 where a service on "/" would take the request
  (chart) => {
    const cart = new GrayscaleService(chart, 'cart', {
      namespace: 'shop', dialect: 'gateway-api', grouping: 'major',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }, { version: '2.0', image: 'ghcr.io/example/cart:2.0' }],
    });
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', dialect: 'gateway-api', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    new MeshIngress(chart, 'edge', {
      namespace: 'shop', dialect: 'gateway-api', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: cart, host: 'shop.example.com', path: '/cart' }, { service: web, host: 'shop.example.com' }],
    });
  },
]);
