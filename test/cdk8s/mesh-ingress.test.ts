import { Testing } from 'cdk8s';
import { GrayscaleService, MeshIngress, MeshlightValidationError } from '../../lib/cdk8s';
import { renderMeshIngress } from '../../lib/core';

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
});
