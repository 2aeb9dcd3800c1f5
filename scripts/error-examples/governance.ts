// Bad-input examples for docs/errors.md (see index.ts): cdk8s code with `chart` and meshlight's exports in scope,
// each declaring exactly one bad prop.
export const examples: readonly string[] = [
  // duration.ts
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    retries: { attempts: 3, perTryTimeout: '1.5ms' },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    timeout: Duration.millis(2.5),
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    timeout: 5000,
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    rateLimit: { requests: 1, per: '10ms' },
  });
  `,
  // traffic-policy.ts
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    circuitBreaker: true,
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    connectionPool: { maxConnections: 0 },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{
      version: '1.1',
      match: { headers: { 'x-chaos': '1' } },
      fault: { delay: { duration: '2s', percent: '10%' } },
    }],
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    connectionPool: {},
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    loadBalancer: 'ROUND_ROBIN',
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    loadBalancer: LoadBalancer.hashByHeader('X-User-Id'),
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    loadBalancer: LoadBalancer.hashByCookie('session id'),
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    loadBalancer: LoadBalancer.hashByCookie('session', { path: 'cart' }),
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    timeout: '2s',
    retries: { attempts: 3, perTryTimeout: '5s' },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    retries: { attempts: 0, on: ['5xx'] },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    retries: { attempts: 3, on: '5xx,connect-failure' },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    retries: { attempts: 3, on: ['5xx', 'timeout'] },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{
      version: '1.1',
      match: { headers: { 'x-chaos': '1' } },
      fault: {},
    }],
  });
  `,
  // local-rate-limit.ts
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    rateLimit: { per: '1s' },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    rateLimit: { requests: 100 },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    rateLimit: { requests: 100, per: '1s', burst: 50 },
  });
  `,
  // telemetry.ts
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    telemetry: { tracing: { samplePercent: 1, provider: 'open telemetry' } },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    telemetry: { accessLogging: { filter: '' } },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    telemetry: { tracing: { provider: 'zipkin' } },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    telemetry: {},
  });
  `,
  `
  core.renderNamespaceTelemetry({ namespace: 'shop' }, { path: 'shop' });
  `,
  `
  core.renderNamespaceTelemetry({ accessLogging: true }, { path: 'shop' });
  `,
  `
  core.renderNamespaceTelemetry({ namespace: 'Shop', accessLogging: true }, { path: 'shop' });
  `,
  `
  core.renderNamespaceTelemetry({ namespace: 'shop', name: 'shop_default', accessLogging: true }, { path: 'shop' });
  `,
  // duration.ts: longer than Istio holds
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    timeout: '3000000h',
  });
  `,
  // traffic-policy.ts: hash cookie options that are not an object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    loadBalancer: LoadBalancer.hashByCookie('session', '1h'),
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    retries: { perTryTimeout: '2s' },
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{
      version: '1.1',
      match: { headers: { 'x-chaos': '1' } },
      fault: { delay: { percent: 10 } },
    }],
  });
  `,
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{
      version: '1.1',
      match: { headers: { 'x-chaos': '1' } },
      fault: { abort: { percent: 10 } },
    }],
  });
  `,
];
