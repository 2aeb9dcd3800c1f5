// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { Duration } from 'cdk8s';
import { GrayscaleService, LoadBalancer } from '../../lib/cdk8s';
import * as core from '../../lib/core';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  // duration.ts
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      retries: { attempts: 3, perTryTimeout: '1.5ms' },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      timeout: Duration.millis(2.5),
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      timeout: 5000,
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      rateLimit: { requests: 1, per: '10ms' },
    });
  },
  // traffic-policy.ts
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      circuitBreaker: true,
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      connectionPool: { maxConnections: 0 },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{
        version: '1.1',
        match: { headers: { 'x-chaos': '1' } },
        // @ts-expect-error
        fault: { delay: { duration: '2s', percent: '10%' } },
      }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      connectionPool: {},
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      loadBalancer: 'ROUND_ROBIN',
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      loadBalancer: LoadBalancer.hashByHeader('X-User-Id'),
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      loadBalancer: LoadBalancer.hashByCookie('session id'),
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      loadBalancer: LoadBalancer.hashByCookie('session', { path: 'cart' }),
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      timeout: '2s',
      retries: { attempts: 3, perTryTimeout: '5s' },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      retries: { attempts: 0, on: ['5xx'] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      retries: { attempts: 3, on: '5xx,connect-failure' },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      retries: { attempts: 3, on: ['5xx', 'timeout'] },
    });
  },
  (chart) => {
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
  },
  // local-rate-limit.ts
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      rateLimit: { per: '1s' },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      rateLimit: { requests: 100 },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      rateLimit: { requests: 100, per: '1s', burst: 50 },
    });
  },
  // telemetry.ts
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      telemetry: { tracing: { samplePercent: 1, provider: 'open telemetry' } },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      telemetry: { accessLogging: { filter: '' } },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      telemetry: { tracing: { provider: 'zipkin' } },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      telemetry: {},
    });
  },
  () => {
    core.renderNamespaceTelemetry({ namespace: 'shop' }, { path: 'shop' });
  },
  () => {
    // @ts-expect-error
    core.renderNamespaceTelemetry({ accessLogging: true }, { path: 'shop' });
  },
  () => {
    core.renderNamespaceTelemetry({ namespace: 'Shop', accessLogging: true }, { path: 'shop' });
  },
  () => {
    core.renderNamespaceTelemetry({ namespace: 'shop', name: 'shop_default', accessLogging: true }, { path: 'shop' });
  },
  // duration.ts: longer than Istio holds
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      timeout: '3000000h',
    });
  },
  // traffic-policy.ts: hash cookie options that are not an object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      loadBalancer: LoadBalancer.hashByCookie('session', '1h'),
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      retries: { perTryTimeout: '2s' },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{
        version: '1.1',
        match: { headers: { 'x-chaos': '1' } },
        // @ts-expect-error
        fault: { delay: { percent: 10 } },
      }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{
        version: '1.1',
        match: { headers: { 'x-chaos': '1' } },
        // @ts-expect-error
        fault: { abort: { percent: 10 } },
      }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      locality: 'nearest',
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      // @ts-expect-error
      locality: 'closest',
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: {},
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failover: [] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failover: [{ from: 'us-east1/us-east1-b', to: 'us-west1' }] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failover: [{ from: 'us-east1', to: 'us-east1' }] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failover: [{ from: 'us-east1', to: 'us-west1' }, { from: 'us-east1', to: 'eu-west1' }] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failoverPriority: ['topology.kubernetes.io/region', 'network id'] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      circuitBreaker: {},
      locality: { failoverPriority: ['topology.kubernetes.io/region', 'topology.kubernetes.io/region=us-east1'] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      locality: { distribute: [{ from: 'us-east1/*', to: { 'us-east1/*': 80, 'us-west1/*': 10 } }] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      locality: { distribute: [{ from: 'us-east1/*/rack-1', to: { 'us-east1/*': 100 } }] },
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      locality: { distribute: [{ from: 'us-east1/*', to: { 'us-east1': 80, 'us-east1/us-east1-b': 20 } }] },
    });
  },
]);
