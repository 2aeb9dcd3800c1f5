import { renderGrayscaleService } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService, MeshlightValidationError } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('GrayscaleService (Pulumi)', () => {
  const props = {
    namespace: 'shop',
    versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' }],
  };

  test('registers a component whose children are exactly the objects core renders', async () => {
    resources.length = 0;
    const cart = new GrayscaleService('cart', props);
    await registered(cart.resources);
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'kubernetes:apps/v1:Deployment cart-deployment-v1-0',
      'kubernetes:apps/v1:Deployment cart-deployment-v1-1',
      'kubernetes:core/v1:Service cart-service',
      'kubernetes:core/v1:ServiceAccount cart-serviceaccount',
      'kubernetes:networking.istio.io/v1:DestinationRule cart-destinationrule',
      'kubernetes:networking.istio.io/v1:VirtualService cart-virtualservice',
      'meshlight:index:GrayscaleService cart',
    ]);
    const rendered = renderGrayscaleService(props, { path: 'cart', defaultName: 'cart' }).manifests;
    expect(canonicalYaml(manifestsOf(resources))).toEqual(canonicalYaml(rendered));
    expect(resources.find((r) => r.name === 'cart-virtualservice')?.inputs).toEqual(rendered[rendered.length - 1]);
    expect(cart.host).toBe('cart.shop.svc.cluster.local');
  });

  test('bad props throw before anything is registered', async () => {
    resources.length = 0;
    expect(() => new GrayscaleService('cart', { ...props, port: 0 })).toThrow(MeshlightValidationError);
    expect(() => new GrayscaleService('cart', { ...props, port: 0 })).toThrow('cart: port = 0: is not a port number');
    await settled();
    expect(resources).toEqual([]);
  });
});

describe('whole-app checks (Pulumi)', () => {
  test('a second service claiming the same host is refused before it registers anything', async () => {
    const { MeshlightAppError } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');
    const versions = [{ version: '1.0', image: 'ghcr.io/example/app:1.0' }];
    await registered(new GrayscaleService('orders', { namespace: 'checks', versions }).resources);
    resources.length = 0;
    expect(() => new GrayscaleService('orders-copy', { name: 'orders', namespace: 'checks', versions })).toThrow(MeshlightAppError);
    await settled();
    expect(resources).toEqual([]);
  });
});
