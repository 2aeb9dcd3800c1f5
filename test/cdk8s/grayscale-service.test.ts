import { Chart, Testing } from 'cdk8s';
import { GrayscaleService, MeshlightValidationError, StringMatch } from '../../lib/cdk8s';
import { renderGrayscaleService } from '../../lib/core/internal';

describe('GrayscaleService (cdk8s)', () => {
  const props = {
    namespace: 'shop',
    versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' }],
    rules: [{ version: '1.1', match: { headers: { 'x-tester': StringMatch.prefix('qa-') } } }],
  };

  test('synthesises exactly what core renders, through the imported Istio classes', () => {
    const chart = Testing.chart();
    const cart = new GrayscaleService(chart, 'cart', props);
    const synthesised = Testing.synth(chart);
    expect(synthesised).toEqual(renderGrayscaleService(props, { path: 'cart', defaultName: 'cart' }).manifests);
    expect(cart.host).toBe('cart.shop.svc.cluster.local');
    expect(cart.findApiObject('VirtualService')?.apiVersion).toBe('networking.istio.io/v1');
    expect(synthesised).toMatchSnapshot();
  });

  test('the construct id is the default name; props.name overrides it', () => {
    const chart = Testing.chart();
    expect(new GrayscaleService(chart, 'cart', props).name).toBe('cart');
    expect(new GrayscaleService(chart, 'other', { ...props, name: 'basket' }).name).toBe('basket');
  });

  test('bad props fail at construction with the construct path, and add nothing to the chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'shop-chart');
    let error: unknown;
    try {
      new GrayscaleService(chart, 'cart', { ...props, versions: [{ version: '1.0', weight: 90 }, { version: '1.1', weight: 20 }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expect((error as Error).message).toContain('shop-chart/cart: versions[0,1].weight = "1.0=90, 1.1=20": weights add up to 110, not 100');
    expect(chart.node.findAll().filter((c) => c !== chart && c.node.path.startsWith('shop-chart/cart/'))).toEqual([]);
  });
});

describe('whole-app checks at synth (cdk8s)', () => {
  test('two services claiming one host are reported with both construct paths, and nothing is written', () => {
    const fs = require('fs') as typeof import('fs');
    const os = require('os') as typeof import('os');
    const path = require('path') as typeof import('path');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-'));
    const { App } = require('cdk8s') as typeof import('cdk8s');
    const app = new App({ outdir });
    const versions = [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }];
    new GrayscaleService(new Chart(app, 'team-a'), 'cart', { namespace: 'shop', versions });
    new GrayscaleService(new Chart(app, 'team-b'), 'cart', { namespace: 'shop', versions });
    expect(() => app.synth()).toThrow(/team-b\/cart: VirtualService shop\/cart spec.hosts = "cart.shop.svc.cluster.local": is already routed on mesh by team-a\/cart/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
