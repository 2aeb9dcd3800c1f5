// The cdk8s face of production-grade versions: the workload objects core renders, and its warnings as construct
// metadata, printed when the app synthesises.
import { App, Chart, Testing } from 'cdk8s';
import { GrayscaleService } from '../../lib/cdk8s';
import { warningsOf } from '../../lib/cdk8s/warnings';
import { renderGrayscaleService } from '../../lib/core/internal';

const IMAGE = 'ghcr.io/example/cart:1.0';

describe('GrayscaleService (cdk8s) with workload props', () => {
  const props = {
    namespace: 'shop',
    workload: {
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      readinessProbe: { http: { path: '/ready' } },
      autoscaling: { minReplicas: 2, maxReplicas: 5 },
      disruptionBudget: { maxUnavailable: 1 },
    },
    versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }],
  };

  test('synthesises exactly what core renders: each Deployment followed by its HPA and PDB', () => {
    const chart = Testing.chart();
    const cart = new GrayscaleService(chart, 'cart', props);
    const synthesised = Testing.synth(chart);
    expect(synthesised).toEqual(renderGrayscaleService(props, { path: 'cart', defaultName: 'cart' }).manifests);
    expect(synthesised.map((o) => `${o.kind} ${o.metadata.name}`).slice(2, 8)).toEqual([
      'Deployment cart-v1-0', 'HorizontalPodAutoscaler cart-v1-0', 'PodDisruptionBudget cart-v1-0',
      'Deployment cart-v1-1', 'HorizontalPodAutoscaler cart-v1-1', 'PodDisruptionBudget cart-v1-1',
    ]);
    expect(cart.findApiObject('HorizontalPodAutoscaler', 'cart-v1-0')?.apiVersion).toBe('autoscaling/v2');
    expect(warningsOf(cart)).toEqual([]);
  });

  test('a version with weight and no readiness probe is a warning on the construct, printed at synth, not an error', () => {
    const app = new App({ outdir: require('os').tmpdir() });
    const chart = new Chart(app, 'shop-chart');
    const cart = new GrayscaleService(chart, 'cart', { namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] });
    expect(warningsOf(cart)).toEqual([
      expect.stringMatching(/^shop-chart\/cart: versions\[0\]\.workload\.readinessProbe = undefined: is missing, but version 1\.0 gets 100% .*Fix: add a readiness probe/),
    ]);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(() => app.synthYaml()).not.toThrow();
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    // Once per warning, however often the app is validated.
    expect(written.filter((w) => w.includes('readinessProbe'))).toEqual([expect.stringContaining('[Warning at shop-chart/cart] shop-chart/cart: versions[0].workload.readinessProbe')]);
  });

  test('a synthesis prints the first 20 warnings in full, then how many more', () => {
    const app = new App({ outdir: require('os').tmpdir() });
    const chart = new Chart(app, 'shop-chart');
    for (let i = 0; i < 25; i++) new GrayscaleService(chart, `svc-${i}`, { namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      written.push(String(chunk));
      return true;
    });
    try {
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(written.filter((w) => w.startsWith('[Warning at '))).toHaveLength(20);
    expect(written.filter((w) => !w.startsWith('[Warning at '))).toEqual(['[Warning] 5 more meshlight warnings like these (construct metadata "meshlight:warning" holds each)\n']);
  });
});
