import { Chart, Testing } from 'cdk8s';
import { GrayscaleService, MeshlightValidationError, StringMatch } from '../../lib/cdk8s';
import { renderGrayscaleService } from '../../lib/core';

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
