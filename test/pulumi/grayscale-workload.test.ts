// The Pulumi face of production-grade versions: the HPA and PDB as typed children, and core's warnings logged on the
// component.
import * as pulumi from '@pulumi/pulumi';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';

const resources = recordPulumiResources();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { renderGrayscaleService } = require('../../lib/core/internal') as typeof import('../../lib/core/internal');

const IMAGE = 'ghcr.io/example/cart:1.0';

describe('GrayscaleService (Pulumi) with workload props', () => {
  test('registers exactly what core renders, the HPA and PDB through their typed classes', async () => {
    const props = {
      name: 'cart', namespace: 'shop',
      workload: { resources: { requests: { cpu: '100m' } }, readinessProbe: { tcp: {} }, autoscaling: { maxReplicas: 4 }, disruptionBudget: { maxUnavailable: 1 } },
      versions: [{ version: '1.0', image: IMAGE }],
    };
    const cart = new GrayscaleService('cart-workload', props);
    await registered(cart.resources);
    const mine = resources.filter((r) => r.name.startsWith('cart-workload-'));
    expect(mine.map((r) => `${r.type} ${r.name}`)).toEqual(expect.arrayContaining([
      'kubernetes:autoscaling/v2:HorizontalPodAutoscaler cart-workload-horizontalpodautoscaler-cart-v1-0',
      'kubernetes:policy/v1:PodDisruptionBudget cart-workload-poddisruptionbudget-cart-v1-0',
    ]));
    const key = (m: Record<string, any>) => `${m.kind} ${m.metadata.name}`;
    const rendered = renderGrayscaleService(props, { path: 'cart-workload', defaultName: 'cart-workload' }).manifests;
    expect(manifestsOf(mine).sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...rendered].sort((a, b) => key(a).localeCompare(key(b))));
  });

  test('a version with weight and no readiness probe is logged as a warning on the component, naming the version', async () => {
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue(undefined as never);
    try {
      const cart = new GrayscaleService('cart-unready', { name: 'cart', namespace: 'unready', versions: [{ version: '1.0', image: IMAGE }] });
      await registered(cart.resources);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('cart-unready: versions[0].workload.readinessProbe = undefined: is missing, but version 1.0 gets 100%'), cart);
    } finally {
      warn.mockRestore();
    }
  });
});
