import * as pulumi from '@pulumi/pulumi';
import { recordPulumiResources, registered } from '../support/pulumi-mocks';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService, MeshlightValidationError } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

describe('Pulumi Inputs where a value carries no mesh meaning', () => {
  test('an image built by another resource and an environment value from a secret reach the Deployment', async () => {
    const image = pulumi.output(Promise.resolve('registry.example.com/cart@sha256:0123abcd'));
    const cart = new GrayscaleService('cart-inputs', {
      name: 'cart', namespace: 'shop',
      versions: [{ version: '1.0', image, env: { DB_PASSWORD: pulumi.secret('s3cret'), LOG_LEVEL: 'info' } }],
    });
    await registered(cart.resources);
    const deployment = resources.find((r) => r.name === 'cart-inputs-deployment-cart-v1-0')!;
    // A secret keeps the value that holds it secret: Pulumi marks the Deployment's spec so.
    const { spec } = deployment.inputs;
    expect(spec[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
    const container = spec.value.template.spec.containers[0];
    expect(container.image).toBe('registry.example.com/cart@sha256:0123abcd');
    expect(container.env).toEqual([{ name: 'DB_PASSWORD', value: 's3cret' }, { name: 'LOG_LEVEL', value: 'info' }]);
    expect(JSON.stringify(resources.filter((r) => r.name.startsWith('cart-inputs')).map((r) => r.inputs))).not.toContain('meshlight-input');
  });

  test('an Output where a value decides routing or names is refused at once, naming the field', () => {
    let error: unknown;
    try {
      new GrayscaleService('cart-bad', { namespace: pulumi.output('shop') as never, versions: [{ version: pulumi.output('1.0') as never, image: 'ghcr.io/example/cart:1.0' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    const problems = (error as InstanceType<typeof MeshlightValidationError>).problems;
    expect(problems.map((p) => p.field)).toEqual(['namespace', 'versions[0].version']);
    expect(problems[0].problem).toContain('is not known until the stack deploys');
    expect(resources.some((r) => r.name.startsWith('cart-bad'))).toBe(false);
  });
});
