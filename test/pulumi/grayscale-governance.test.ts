import { GrayscaleServiceProps, LoadBalancer, renderGrayscaleService } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService, MeshlightValidationError } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('GrayscaleService with traffic governance (Pulumi)', () => {
  const props: GrayscaleServiceProps = {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0', connectionPool: { maxConnections: 20 } },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1', circuitBreaker: { consecutive5xxErrors: 2 } },
      { version: '1.2', weight: 0, image: 'ghcr.io/example/cart:1.2' },
    ],
    rules: [{ name: 'chaos', version: '1.1', match: { headers: { 'x-chaos': '1' } }, fault: { delay: { duration: '1.5s', percent: 10 }, abort: { status: 503, percent: 5 } } }],
    timeout: '5s',
    retries: { attempts: 3, perTryTimeout: '2s', on: ['5xx', 'connect-failure'] },
    connectionPool: { maxConnections: 100, maxPendingRequests: 10, connectTimeout: '250ms' },
    circuitBreaker: { consecutive5xxErrors: 5, interval: '10s', ejectionTime: '30s', maxEjectionPercent: 50 },
    loadBalancer: LoadBalancer.hashByCookie('user', { ttl: '1h', path: '/' }),
    mirror: { version: '1.2', percent: 20 },
    rateLimit: { requests: 100, per: '1s', burst: 200 },
    stickyVersions: true,
    telemetry: { accessLogging: { filter: 'response.code >= 400' }, tracing: { samplePercent: 1 } },
  };

  test('registers the EnvoyFilter and Telemetry as CustomResources beside the other children, exactly as core renders them', async () => {
    resources.length = 0;
    const cart = new GrayscaleService('cart', props);
    await registered(cart.resources);
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'kubernetes:apps/v1:Deployment cart-deployment-v1-0',
      'kubernetes:apps/v1:Deployment cart-deployment-v1-1',
      'kubernetes:apps/v1:Deployment cart-deployment-v1-2',
      'kubernetes:core/v1:Service cart-service',
      'kubernetes:core/v1:ServiceAccount cart-serviceaccount',
      'kubernetes:networking.istio.io/v1:DestinationRule cart-destinationrule',
      'kubernetes:networking.istio.io/v1:VirtualService cart-virtualservice',
      'kubernetes:networking.istio.io/v1alpha3:EnvoyFilter cart-envoyfilter-rate-limit',
      'kubernetes:telemetry.istio.io/v1:Telemetry cart-telemetry',
      'meshlight:index:GrayscaleService cart',
    ]);
    const rendered = renderGrayscaleService(props, { path: 'cart', defaultName: 'cart' }).manifests;
    expect(canonicalYaml(manifestsOf(resources))).toEqual(canonicalYaml(rendered));
    expect(canonicalYaml(manifestsOf(resources))).toMatchSnapshot();
  });

  test('bad governance props throw before anything is registered', async () => {
    resources.length = 0;
    const bad = { ...props, rateLimit: { requests: 100, per: '10ms' } };
    expect(() => new GrayscaleService('cart', bad)).toThrow(MeshlightValidationError);
    expect(() => new GrayscaleService('cart', bad)).toThrow('cart: rateLimit.per = "10ms": is shorter than 50ms');
    await settled();
    expect(resources).toEqual([]);
  });

  test('locality, a plain arg, lands in the DestinationRule exactly as core renders it', async () => {
    resources.length = 0;
    const withLocality: GrayscaleServiceProps = { ...props, locality: { distribute: [{ from: '*', to: { 'us-east1': 70, 'us-west1': 30 } }] } };
    // Another name: the app already has cart's DestinationRule and VirtualService from the tests above.
    const payments = new GrayscaleService('payments', withLocality);
    await registered(payments.resources);
    const rule = manifestsOf(resources).find((m) => m.kind === 'DestinationRule') as any;
    expect(rule.spec.trafficPolicy.loadBalancer.localityLbSetting).toEqual({ distribute: [{ from: '*', to: { 'us-east1': 70, 'us-west1': 30 } }] });
    expect(canonicalYaml(manifestsOf(resources))).toEqual(canonicalYaml(renderGrayscaleService(withLocality, { path: 'payments', defaultName: 'payments' }).manifests));
  });
});
