import { Chart, Duration, Testing } from 'cdk8s';
import { EnvoyFilter } from '../../imports/istio-networking.istio.io';
import { Telemetry } from '../../imports/istio-telemetry.istio.io';
import { GrayscaleService, GrayscaleServiceProps, LoadBalancer, MeshlightValidationError } from '../../lib/cdk8s';
import { renderGrayscaleService } from '../../lib/core/internal';

describe('GrayscaleService with traffic governance (cdk8s)', () => {
  const props: GrayscaleServiceProps = {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0', connectionPool: { maxConnections: 20 } },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1', circuitBreaker: { consecutive5xxErrors: 2 } },
      { version: '1.2', weight: 0, image: 'ghcr.io/example/cart:1.2' },
    ],
    rules: [{ name: 'chaos', version: '1.1', match: { headers: { 'x-chaos': '1' } }, fault: { delay: { duration: Duration.millis(1500), percent: 10 }, abort: { status: 503, percent: 5 } } }],
    timeout: Duration.seconds(5),
    retries: { attempts: 3, perTryTimeout: Duration.seconds(2), on: ['5xx', 'connect-failure'] },
    connectionPool: { maxConnections: 100, maxPendingRequests: 10, connectTimeout: Duration.millis(250) },
    circuitBreaker: { consecutive5xxErrors: 5, interval: Duration.seconds(10), ejectionTime: Duration.seconds(30), maxEjectionPercent: 50 },
    loadBalancer: LoadBalancer.hashByCookie('user', { ttl: Duration.hours(1), path: '/' }),
    mirror: { version: '1.2', percent: 20 },
    rateLimit: { requests: 100, per: Duration.seconds(1), burst: 200 },
    stickyVersions: true,
    telemetry: { accessLogging: { filter: 'response.code >= 400' }, tracing: { samplePercent: 1 } },
  };

  test('synthesises exactly what core renders; EnvoyFilter and Telemetry in the API versions of the imported Istio classes', () => {
    const chart = Testing.chart();
    const cart = new GrayscaleService(chart, 'cart', props);
    const synthesised = Testing.synth(chart);
    expect(synthesised).toEqual(renderGrayscaleService(props, { path: 'cart', defaultName: 'cart' }).manifests);
    expect(cart.findApiObject('EnvoyFilter', 'cart-rate-limit')?.apiVersion).toBe(EnvoyFilter.GVK.apiVersion);
    expect(cart.findApiObject('Telemetry')?.apiVersion).toBe(Telemetry.GVK.apiVersion);
    expect(synthesised).toMatchSnapshot();
  });

  test('bad governance props fail at construction with the construct path, and add nothing to the chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop-chart');
    let error: unknown;
    try {
      new GrayscaleService(chart, 'cart', { ...props, timeout: Duration.seconds(1) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expect((error as Error).message).toContain('shop-chart/cart: retries.perTryTimeout = "2s": is longer than the route timeout 1s');
    expect(chart.node.findAll().filter((c) => c !== chart && c.node.path.startsWith('shop-chart/cart/'))).toEqual([]);
  });

  test('locality lands in the DestinationRule, beside the load balancer; failover without a circuit breaker is refused', () => {
    const chart = Testing.chart();
    const cart = new GrayscaleService(chart, 'cart', { ...props, locality: { failover: [{ from: 'us-east1', to: 'us-west1' }] } });
    expect(cart.findApiObject('DestinationRule')?.toJson().spec.trafficPolicy.loadBalancer).toEqual({
      consistentHash: { httpCookie: { name: 'user', path: '/', ttl: '1h' } }, localityLbSetting: { failover: [{ from: 'us-east1', to: 'us-west1' }] },
    });
    expect(() => new GrayscaleService(Testing.chart(), 'cart', { ...props, circuitBreaker: undefined, locality: 'nearest' }))
      .toThrow('cart: locality = "nearest": fails over when outlier detection finds a locality\'s pods unhealthy, but circuitBreaker is not set');
  });
});
