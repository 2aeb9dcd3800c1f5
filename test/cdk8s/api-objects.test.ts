import { JsonPatch, Testing } from 'cdk8s';
import { DestinationRule, EnvoyFilter, Gateway, ServiceEntry, Sidecar, VirtualService } from '../../imports/istio-networking.istio.io';
import { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from '../../imports/istio-security.istio.io';
import { Telemetry } from '../../imports/istio-telemetry.istio.io';
import { GrayscaleService, MeshIngress, ZeroTrustNamespace } from '../../lib/cdk8s';
import { renderGrayscaleService, renderMeshIngress } from '../../lib/core';

// The API version of each Istio kind, as the classes `cdk8s import` made from Istio's CRDs name it.
const IMPORTED = [
  AuthorizationPolicy, DestinationRule, EnvoyFilter, Gateway, PeerAuthentication, RequestAuthentication, ServiceEntry, Sidecar, Telemetry,
  VirtualService,
];
const IMPORTED_API_VERSION = new Map(IMPORTED.map((c) => [c.GVK.kind, c.GVK.apiVersion]));

describe('objects in the construct tree', () => {
  test('are written out exactly as core rendered them, fields the imported classes spell otherwise included', () => {
    const chart = Testing.chart();
    // outlierDetection.consecutive5xxErrors and jwksUri: the imported classes would write consecutive5XxErrors and jwks_uri.
    const props = { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }], circuitBreaker: { consecutive5xxErrors: 5 } };
    const web = new GrayscaleService(chart, 'web', props);
    const ingressProps = {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json' },
    };
    new MeshIngress(chart, 'edge', ingressProps);

    const written = Testing.synth(chart);
    expect(written).toEqual([
      ...renderGrayscaleService(props, { path: 'web', defaultName: 'web' }).manifests,
      ...renderMeshIngress(ingressProps, { path: 'edge', defaultName: 'edge' }).manifests,
    ]);
    const text = JSON.stringify(written);
    expect(text).toContain('"consecutive5xxErrors":5');
    expect(text).toContain('"jwksUri":"https://accounts.example.com/jwks.json"');
    expect(text).not.toMatch(/consecutive5XxErrors|jwks_uri/);
  });

  test('every Istio kind goes out in the API version of its imported class', () => {
    const chart = Testing.chart();
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const web = new GrayscaleService(chart, 'web', {
      namespace: ns.name, versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }], rateLimit: { requests: 10, per: '1s' }, telemetry: { accessLogging: true },
    });
    ns.allow(web, web);
    ns.allowEgress({ hosts: ['api.example.com'] });
    new MeshIngress(chart, 'edge', {
      namespace: ns.name, hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json' },
    });
    const istio = Testing.synth(chart).filter((o) => o.apiVersion.includes('istio.io'));
    expect(new Set(istio.map((o) => o.kind))).toEqual(new Set(IMPORTED_API_VERSION.keys()));
    for (const o of istio) expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${IMPORTED_API_VERSION.get(o.kind)}`);
  });

  test('JSON patches apply to them', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    web.findApiObject('VirtualService')!.addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'team-web' }));
    const vs = Testing.synth(chart).find((o) => o.kind === 'VirtualService');
    expect(vs.metadata.annotations).toEqual({ owner: 'team-web' });
  });
});
