import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { DestinationRule, VirtualService } from '../../imports/istio-networking.istio.io';
import { RequestAuthentication } from '../../imports/istio-security.istio.io';
import { GrayscaleService, MeshIngress } from '../../lib/cdk8s';
import { renderGrayscaleService, renderMeshIngress } from '../../lib/core';

// Keys sorted at every level, as ApiObject.toJson() writes them.
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

describe('Istio objects in the construct tree', () => {
  test('are objects of the imported classes and written out exactly as core rendered them', () => {
    const chart = Testing.chart();
    // Fields the imported classes spell their own way: outlierDetection.consecutive5xxErrors and jwksUri.
    const props = {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }],
      circuitBreaker: { consecutive5xxErrors: 5 },
    };
    const web = new GrayscaleService(chart, 'web', props);
    const ingressProps = {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json' },
    };
    const ingress = new MeshIngress(chart, 'edge', ingressProps);
    const expected = [
      ...renderGrayscaleService(props, { path: 'web', defaultName: 'web' }).manifests,
      ...renderMeshIngress(ingressProps, { path: 'edge', defaultName: 'edge' }).manifests,
    ];

    const written = Testing.synth(chart);
    expect(written).toEqual(expected.map(sortedKeys));
    expect(JSON.stringify(written)).toContain('"consecutive5xxErrors":5');
    expect(JSON.stringify(written)).toContain('"jwksUri":"https://accounts.example.com/jwks.json"');

    // cdk8s answers `instanceof` of any ApiObject class for every ApiObject: ask the prototype chain instead.
    expect(DestinationRule.prototype.isPrototypeOf(web.findApiObject('DestinationRule')!)).toBe(true);
    expect(VirtualService.prototype.isPrototypeOf(web.findApiObject('VirtualService')!)).toBe(true);
    const auth = ingress.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'RequestAuthentication');
    expect(RequestAuthentication.prototype.isPrototypeOf(auth!)).toBe(true);
    expect(auth!.constructor.name).toBe('RequestAuthentication');
  });

  test('JSON patches still apply to them', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    web.findApiObject('VirtualService')!.addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'team-web' }));
    const vs = Testing.synth(chart).find((o) => o.kind === 'VirtualService');
    expect(vs.metadata.annotations).toEqual({ owner: 'team-web' });
  });
});
