// The same app in sidecar mode and in ambient mode with a waypoint (its services in the Gateway API dialect, which
// the waypoint applies): evaluated by explain, each request reaches the same pods with the same shares, and the same
// callers are admitted, though the ambient one is decided in two places (the waypoint, then ztunnel at the pods).
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import { buildMesh, checkRequest, manifestsFromObjects, Mesh } from '../../lib/explain';
import { clusterProblemsOfAll } from '../support/validate';

/** The app: web (1.0 and 1.1, 90/10, header x-gray=1 to 1.1) and api, client calling web with GET, web calling api. */
function app(dataplane: 'sidecar' | 'ambient'): any[] {
  const chart = new Chart(Testing.app(), 'app');
  const shop = new ZeroTrustNamespace(chart, 'shop', {
    dataplane, ...(dataplane === 'ambient' ? { waypoint: true } : {}), workloads: [{ name: 'client', serviceAccount: 'client' }],
  });
  const readiness = { readinessProbe: { http: { path: '/healthz' } } };
  const web = new GrayscaleService(chart, 'web', {
    namespace: 'shop', dialect: 'gateway-api', workload: readiness,
    versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/web:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/web:1.1' }],
    rules: [{ version: '1.1', match: { headers: { 'x-gray': '1' } } }],
  });
  const api = new GrayscaleService(chart, 'api', { namespace: 'shop', dialect: 'gateway-api', workload: readiness, versions: [{ version: '2.0', image: 'ghcr.io/example/api:2.0' }] });
  shop.allow('client', web, { methods: ['GET'], ports: [80] });
  shop.allow(web, api);
  return Testing.synth(chart);
}

/** The pods deployed beside the app: its client, and a stranger in another namespace. */
const PODS = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', namespace: 'shop', labels: { app: 'client' } }, spec: { serviceAccountName: 'client', containers: [{ name: 'c', image: 'c' }] } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stranger', namespace: 'other', labels: { app: 'stranger' } }, spec: { serviceAccountName: 'stranger', containers: [{ name: 'c', image: 'c' }] } },
];

const meshes: Record<'sidecar' | 'ambient', Mesh> = {
  sidecar: buildMesh(manifestsFromObjects([...app('sidecar'), ...PODS], 'sidecar')),
  ambient: buildMesh(manifestsFromObjects([...app('ambient'), ...PODS], 'ambient')),
};

/**
 * Whether the request is admitted, and the pods it reaches with their shares when it is. A refused request is refused
 * by the caller's sidecar (blocked) in sidecar mode, at the waypoint (denied) in ambient mode: both refuse it.
 */
function admitted(mesh: Mesh, request: { from: string; to: string; path: string; method: string; headers: Record<string, string> }) {
  const result = checkRequest(mesh, request);
  const outcome = result.verdict.outcome;
  if (outcome !== 'allowed') return { admitted: ['denied', 'blocked'].includes(outcome) ? 'refused' : outcome, pods: [] };
  return { admitted: 'admitted', pods: result.destinations.flatMap((d) => d.workloads.map((w) => `${w.workload} ${d.percent ?? 100}%`)).sort() };
}

describe('the app in ambient mode with a waypoint', () => {
  test('is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(app('ambient'))).toEqual([]);
  });

  test('admits the same callers, and routes them to the same pods with the same shares, as in sidecar mode (property)', () => {
    const requests = fc.record({
      from: fc.constantFrom('shop/client', 'shop/web-v1-0', 'shop/api-v2-0', 'other/stranger'),
      to: fc.constantFrom('web.shop', 'api.shop'),
      path: fc.constantFrom('/', '/orders', '/orders/1'),
      method: fc.constantFrom('GET', 'POST'),
      headers: fc.constantFrom<Record<string, string>>({}, { 'x-gray': '1' }, { 'x-gray': '2' }),
    });
    fc.assert(fc.property(requests, (request) => {
      expect([request, admitted(meshes.ambient, request)]).toEqual([request, admitted(meshes.sidecar, request)]);
    }), { numRuns: 300 });
  });

  test('the declared calls are admitted and the canary split holds; others are refused', () => {
    for (const mesh of Object.values(meshes)) {
      expect(admitted(mesh, { from: 'shop/client', to: 'web.shop', path: '/', method: 'GET', headers: {} }))
        .toEqual({ admitted: 'admitted', pods: ['shop/web-v1-0 90%', 'shop/web-v1-1 10%'] });
      expect(admitted(mesh, { from: 'shop/client', to: 'web.shop', path: '/', method: 'GET', headers: { 'x-gray': '1' } }).pods).toEqual(['shop/web-v1-1 100%']);
      expect(admitted(mesh, { from: 'shop/client', to: 'web.shop', path: '/', method: 'POST', headers: {} }).admitted).toBe('refused');
      expect(admitted(mesh, { from: 'other/stranger', to: 'web.shop', path: '/', method: 'GET', headers: {} }).admitted).toBe('refused');
    }
  });
});
