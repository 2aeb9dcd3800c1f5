import { Testing } from 'cdk8s';
import { GrayscaleService, MeshIngress, MeshlightValidationError } from '../../lib/cdk8s';
import { renderMeshIngress } from '../../lib/core/internal';
import { validationErrorOf } from '../support/errors';

describe('MeshIngress (cdk8s)', () => {
  test('synthesises exactly what core renders for the service\'s routes', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    const props = { namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: web, host: 'shop.example.com' }] };
    const ingress = new MeshIngress(chart, 'edge', props);
    const expected = renderMeshIngress(props, { path: 'edge', defaultName: 'edge' }).manifests;
    expect(Testing.synth(chart).slice(-expected.length)).toEqual(expected);
    expect(ingress.name).toBe('edge');
    expect(() => new MeshIngress(chart, 'bad', { ...props, routes: [] })).toThrow(MeshlightValidationError);
    expect(() => new MeshIngress(chart, 'bad2', { ...props, routes: [] })).toThrow(/bad2: routes = \[\]: lists no routes/);
  });

  test('two hosts that differ only in punctuation are a validation error, not a clash of construct ids', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    expect(() => new MeshIngress(chart, 'edge', {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'a' }, { host: 'shop-example.com', tlsSecret: 'b' }],
      routes: [{ service: web, host: 'shop.example.com' }, { service: web, host: 'shop-example.com' }],
    })).toThrow(/edge: hosts\[1\]\.host = "shop-example\.com": gives the same object names as "shop\.example\.com"/);
    expect(chart.node.tryFindChild('edge')?.node.children ?? []).toEqual([]);
  });

  test('a GrayscaleService passed as a route is reported as such, not as its many unknown fields', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    const error = validationErrorOf(() => new MeshIngress(chart, 'edge', { namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'a' }], routes: [web as never] }));
    expect(error.problems.map((p) => `${p.field}: ${p.problem}`)).toEqual(['routes[0]: is not a route']);
  });
});
