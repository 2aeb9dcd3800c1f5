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

  test('in workload props, Secret, ConfigMap and volume claim names and resource quantities may be Inputs', async () => {
    const secret = pulumi.output(Promise.resolve('db-credentials-8f2k'));
    const cart = new GrayscaleService('cart-workload-inputs', {
      name: 'cart', namespace: 'workload-inputs',
      workload: {
        resources: { requests: { memory: pulumi.output('128Mi') }, limits: { memory: pulumi.output(Promise.resolve('256Mi')) } },
        env: { DB_PASSWORD: { secret, key: 'password' }, REGION: pulumi.output('eu') },
        envFrom: [{ configMap: pulumi.output('settings-x1') }],
        volumes: { data: { mountPath: '/data', persistentVolumeClaim: pulumi.output('cart-data-7') } },
        imagePullSecrets: [pulumi.output('registry-3')],
        readinessProbe: { http: { path: '/ready' } },
      },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', workload: { volumes: { tls: { mountPath: '/tls', secret } } } }],
    });
    await registered(cart.resources);
    const deployment = resources.find((r) => r.name === 'cart-workload-inputs-deployment-cart-v1-0')!;
    const pod = deployment.inputs.spec.template.spec;
    const container = pod.containers[0];
    expect(container.resources).toEqual({ limits: { memory: '256Mi' }, requests: { memory: '128Mi' } });
    expect(container.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db-credentials-8f2k' } } },
      { name: 'REGION', value: 'eu' },
    ]);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'settings-x1' } }]);
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-3' }]);
    expect(pod.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'cart-data-7' } },
      { name: 'tls', secret: { secretName: 'db-credentials-8f2k' } },
      { emptyDir: {}, name: 'tmp' },
    ]);
    expect(JSON.stringify(resources.filter((r) => r.name.startsWith('cart-workload-inputs')).map((r) => r.inputs))).not.toMatch(/meshlight-input|e-30|e30/);
  });

  test('an Output in workload props where a value shapes the pod (a port, a mount path) is refused, naming the field', () => {
    let error: unknown;
    try {
      new GrayscaleService('cart-workload-bad', {
        namespace: 'shop',
        workload: { ports: { metrics: pulumi.output(9090) as never }, volumes: { data: { mountPath: pulumi.output('/data') as never, emptyDir: {} } } },
        versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expect((error as InstanceType<typeof MeshlightValidationError>).problems.map((p) => p.field)).toEqual(['workload.ports.metrics', 'workload.volumes.data.mountPath']);
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
