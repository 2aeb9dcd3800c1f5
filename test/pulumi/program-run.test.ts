import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EgressAllowList, GrayscaleService, MeshlightAppError, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

/** One run of a program: a namespace, a service, a call and a standalone allow-list elsewhere. */
async function runProgram(): Promise<Record<string, any>[]> {
  const resources = recordPulumiResources();
  const shop = new ZeroTrustNamespace('shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  const cart = new GrayscaleService('cart', { namespace: shop.name, versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }] }, { dependsOn: [shop] });
  shop.allow('sleep', cart);
  const web = new EgressAllowList('web-egress', { namespace: 'web', hosts: ['api.example.com'] });
  await shop.ready;
  await registered([...shop.resources, ...cart.resources, ...web.resources]);
  return manifestsOf(resources);
}

describe('the whole-app checks belong to one run of the program, not to the process', () => {
  test('the same program runs twice in one process (Automation API inline programs, test suites)', async () => {
    const first = await runProgram();
    const second = await runProgram();
    expect(canonicalYaml(second)).toEqual(canonicalYaml(first));
  });

  test('within one run, a clash is still refused', async () => {
    recordPulumiResources();
    new GrayscaleService('cart-a', { name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }] });
    expect(() => new GrayscaleService('cart-b', { name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }] }))
      .toThrow(MeshlightAppError);
  });
});
