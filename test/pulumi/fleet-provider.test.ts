// A fleet from Pulumi, as the README's Fleet section says: each cluster's components take that cluster's Kubernetes
// provider as a resource option, and every object they register goes through it.
import * as pulumi from '@pulumi/pulumi';
import { registered } from '../support/pulumi-mocks';

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly provider?: string;
}
const registrations: Registration[] = [];
pulumi.runtime.setMocks({
  newResource(args) {
    registrations.push({ type: args.type, name: args.name, provider: args.provider });
    return { id: `${args.name}-id`, state: args.inputs };
  },
  call: (args) => args.inputs,
}, 'meshlight-test', 'test', false);
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const k8s = require('@pulumi/kubernetes') as typeof import('@pulumi/kubernetes');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

test('a component given a cluster\'s provider registers every object of the service with it', async () => {
  const eu = new k8s.Provider('eu-1', { kubeconfig: 'eu' });
  const cart = new GrayscaleService('cart-eu-1', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0-eu' }], workload: { readinessProbe: { http: { path: '/healthz' } } } }, { provider: eu });
  await registered(cart.resources);
  const objects = registrations.filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'pulumi:providers:kubernetes');
  expect(objects.length).toBeGreaterThan(2);
  expect(objects.every((r) => r.provider?.includes('pulumi:providers:kubernetes::eu-1'))).toBe(true);
});
