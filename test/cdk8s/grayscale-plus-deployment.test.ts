// Versions built with cdk8s-plus: a Deployment the platform code made is handed to a GrayscaleService, which labels
// its pods as the version's and runs them as the service's account, or refuses it, saying why, and changes nothing.
import { App, Chart, Testing } from 'cdk8s';
import * as kplus31 from 'cdk8s-plus-31';
import * as kplus from 'cdk8s-plus-33';
import { DeploymentLike, GrayscaleService, GrayscaleServiceProps, VersionProps, ZeroTrustNamespace } from '../../lib/cdk8s';
import type { VersionArgs } from '../../lib/pulumi';
import { expectProblem, validationErrorOf } from '../support/errors';

const IMAGE = 'ghcr.io/example/orders:1.0';

function shopChart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

function plusDeployment(chart: Chart, name: string, options: Partial<kplus.DeploymentProps> = {}): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [{ image: IMAGE, portNumber: 8080 }],
    ...options,
  });
}

function synthesised(chart: Chart, kind: string, name: string): any {
  return Testing.synth(chart).find((o) => o.kind === kind && o.metadata.name === name);
}

describe('GrayscaleService (cdk8s) with versions built with cdk8s-plus', () => {
  test('emits no Deployment for them; their pods get the version\'s labels, which the subsets select, and the service\'s account', () => {
    const chart = shopChart();
    const v1 = plusDeployment(chart, 'orders-v1');
    const v2 = plusDeployment(chart, 'orders-v2');
    const orders = new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, deployment: v1 }, { version: '1.1', weight: 10, deployment: v2 }],
    });
    expect(orders.apiObjects.map((o) => o.kind)).toEqual(['ServiceAccount', 'Service', 'DestinationRule', 'VirtualService']);
    const deployments = Testing.synth(chart).filter((o) => o.kind === 'Deployment');
    expect(deployments.map((d) => [d.metadata.name, d.spec.template.metadata.labels.app, d.spec.template.metadata.labels.version, d.spec.template.spec.serviceAccountName]))
      .toEqual([['orders-v1', 'orders', '1.0', 'orders'], ['orders-v2', 'orders', '1.1', 'orders']]);
    // cdk8s-plus keeps its own selector label; the version's come beside it, and its token stays unmounted.
    expect(deployments[0].spec.template.metadata.labels).toHaveProperty(['cdk8s.io/metadata.addr']);
    expect(deployments[0].spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(synthesised(chart, 'DestinationRule', 'orders').spec.subsets).toEqual([
      { name: 'v1-0', labels: { app: 'orders', version: '1.0' } },
      { name: 'v1-1', labels: { app: 'orders', version: '1.1' } },
    ]);
  });

  test('mixes with versions meshlight deploys', () => {
    const chart = shopChart();
    const canary = plusDeployment(chart, 'orders-canary');
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, image: IMAGE, workload: { readinessProbe: { tcp: {} } } }, { version: '1.1', weight: 10, deployment: canary }],
    });
    expect(Testing.synth(chart).filter((o) => o.kind === 'Deployment').map((d) => d.metadata.name)).toEqual(['orders-canary', 'orders-v1-0']);
    expect(synthesised(chart, 'Deployment', 'orders-canary').spec.template.metadata.labels).toMatchObject({ app: 'orders', version: '1.1' });
  });

  test('a Deployment running as the service\'s existing account keeps it', () => {
    const chart = shopChart();
    const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'legacy-account', 'orders-legacy');
    const v1 = plusDeployment(chart, 'orders-v1', { serviceAccount: account });
    const orders = new GrayscaleService(chart, 'orders', { namespace: 'shop', existing: { serviceAccount: 'orders-legacy' }, versions: [{ version: '1.0', deployment: v1 }] });
    expect(orders.identity.serviceAccount).toBe('orders-legacy');
    expect(synthesised(chart, 'Deployment', 'orders-v1').spec.template.spec.serviceAccountName).toBe('orders-legacy');
  });

  test('in a zero-trust namespace, the whole-app check counts their pods as the service\'s workloads', () => {
    const app = new App({ outdir: require('os').tmpdir() });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const namespace = new ZeroTrustNamespace(chart, 'shop');
    const orders = new GrayscaleService(chart, 'orders', { namespace: 'shop', versions: [{ version: '1.0', deployment: plusDeployment(chart, 'orders-v1') }] });
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', deployment: plusDeployment(chart, 'web-v1') }] });
    namespace.allow(web, orders);
    expect(() => app.synthYaml()).not.toThrow();
  });

  describe('refuses, naming the version\'s field, and changes nothing', () => {
    type Case = [string, (chart: Chart) => GrayscaleServiceProps, string, string];
    const one = (chart: Chart, version: Partial<VersionProps>, options: Partial<kplus.DeploymentProps> = {}): GrayscaleServiceProps => ({
      namespace: 'shop', versions: [{ version: '1.0', deployment: plusDeployment(chart, 'orders-v1', options), ...version }],
    });
    const cases: Case[] = [
      ['an image beside it', (c) => one(c, { image: IMAGE }), 'versions[0].image', 'give image (meshlight deploys the version) or deployment'],
      ['replicas beside it', (c) => one(c, { replicas: 3 }), 'versions[0].replicas', 'set its replicas on the cdk8s-plus Deployment'],
      ['env beside it', (c) => one(c, { env: { A: 'b' } }), 'versions[0].env', 'is set together with deployment'],
      ['a workload beside it', (c) => one(c, { workload: { resources: { requests: { cpu: '1' } } } }), 'versions[0].workload', 'is set together with deployment'],
      ['labels beside it', (c) => one(c, { labels: { app: 'orders', track: 'canary' } }), 'versions[0].labels', 'meshlight labels that Deployment\'s pods itself'],
      ['a Deployment in another namespace', (c) => one(c, {}, { metadata: { name: 'orders-v1', namespace: 'other' } }),
        'versions[0].deployment = "other"', 'is in namespace "other", not in the service\'s "shop"'],
      ['a Deployment of its own service account', (c) => one(c, {}, { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', 'legacy') }),
        'versions[0].deployment = "legacy"', 'or set existing: { serviceAccount: "legacy" } on the service'],
      ['a Deployment whose container does not expose containerPort', (c) => one(c, {}, { containers: [{ image: IMAGE, portNumber: 3000 }] }),
        'versions[0].deployment = [3000]', 'exposes the service\'s containerPort 8080'],
      ['a Deployment whose pods are labelled another app', (c) => one(c, {}, { podMetadata: { labels: { app: 'billing' } } }),
        'versions[0].deployment = "billing"', 'labels its pods app=billing, but the subset of version "1.0" selects app=orders'],
      ['a StatefulSet', (c) => ({ namespace: 'shop', versions: [{ version: '1.0', deployment: new kplus.StatefulSet(c, 'orders-v1', {
        containers: [{ image: IMAGE, portNumber: 8080 }], service: new kplus.Service(c, 'headless', { ports: [{ port: 80 }] }),
      }) }] }), 'versions[0].deployment = "shop/orders-v1"', 'is a StatefulSet, not a Deployment'],
      ['a plain object', () => ({ namespace: 'shop', versions: [{ version: '1.0', deployment: { kind: 'Deployment' } as unknown as DeploymentLike }] }),
        'versions[0].deployment', 'is not a cdk8s-plus Deployment'],
    ];

    test.each(cases)('%s', (_name, propsOf, field, message) => {
      const chart = shopChart();
      const props = propsOf(chart);
      const before = Testing.synth(chart);
      const error = validationErrorOf(() => new GrayscaleService(chart, 'orders', props));
      expectProblem(error, 'shop/orders', field, message, true);
      // Nothing labelled, patched or added.
      chart.node.tryRemoveChild('orders');
      expect(Testing.synth(chart)).toEqual(before);
    });

    test('one Deployment for two versions', () => {
      const chart = shopChart();
      const both = plusDeployment(chart, 'orders-v1');
      const error = validationErrorOf(() => new GrayscaleService(chart, 'orders', {
        namespace: 'shop', versions: [{ version: '1.0', weight: 50, deployment: both }, { version: '1.1', weight: 50, deployment: both }],
      }));
      expectProblem(error, 'shop/orders', 'versions[1].deployment = "shop/orders-v1"', 'is versions[0]\'s Deployment too', true);
    });

    test('one Deployment for two services: the second finds the first\'s labels', () => {
      const chart = shopChart();
      const shared = plusDeployment(chart, 'shared');
      new GrayscaleService(chart, 'orders', { namespace: 'shop', versions: [{ version: '1.0', deployment: shared }] });
      const error = validationErrorOf(() => new GrayscaleService(chart, 'billing', { namespace: 'shop', versions: [{ version: '1.0', deployment: shared }] }));
      expectProblem(error, 'shop/billing', 'versions[0].deployment = "orders"', 'labels its pods app=orders, but the subset of version "1.0" selects app=billing', true);
    });

    test('with core\'s problems, all at once', () => {
      const chart = shopChart();
      const error = validationErrorOf(() => new GrayscaleService(chart, 'orders', {
        namespace: 'shop',
        versions: [{ version: '1.0', weight: 80, deployment: plusDeployment(chart, 'orders-v1'), replicas: 2 }, { version: '1.1', weight: 30, image: IMAGE }],
      }));
      expect(error.problems.map((p) => p.field)).toEqual(['versions[0,1].weight', 'versions[0].replicas']);
    });
  });
});

describe('the structural type of a cdk8s-plus Deployment, which imports no cdk8s-plus major', () => {
  test('another major\'s Deployment (cdk8s-plus-31) is one too, and is labelled alike', () => {
    const chart = shopChart();
    const v1: DeploymentLike = new kplus31.Deployment(chart, 'orders-v1', { metadata: { name: 'orders-v1' }, containers: [{ image: IMAGE, portNumber: 8080 }] });
    new GrayscaleService(chart, 'orders', { namespace: 'shop', versions: [{ version: '1.0', deployment: v1 }] });
    const template = synthesised(chart, 'Deployment', 'orders-v1').spec.template;
    expect([template.metadata.labels.app, template.metadata.labels.version, template.spec.serviceAccountName]).toEqual(['orders', '1.0', 'orders']);
  });

  test('cdk8s-plus-33\'s Deployment is one; Pulumi versions take no deployment', () => {
    const deployment: DeploymentLike = new kplus.Deployment(shopChart(), 'd', { containers: [{ image: IMAGE }] });
    expect(deployment.kind).toBe('Deployment');
    // @ts-expect-error: a Pulumi version is given by image and workload; cdk8s-plus is cdk8s's.
    const pulumiVersion: VersionArgs = { version: '1.0', deployment };
    expect(pulumiVersion.version).toBe('1.0');
  });
});
