// The demo in both routing dialects, Istio's (VirtualService, DestinationRule subsets) and the Gateway API's
// (HTTPRoute, a Service per version): evaluated by explain, every request goes to the same pods with the same shares
// and the same authorization, inside the mesh and through the edge.
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';
import { RoutingDialect } from '../../lib/cdk8s';
import { buildMesh, checkRequest, checkThroughGateway, manifestsFromObjects, Mesh } from '../../lib/explain';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { clusterProblemsOfAll } from '../support/validate';
import { canonicalYaml } from '../support/yaml';

const pulumiResources = recordPulumiResources();

/** sleep, Istio's sample client, which the demo declares but does not deploy. */
const SLEEP = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'sleep', namespace: 'grayscale-demo' },
  spec: { selector: { matchLabels: { app: 'sleep' } }, template: { metadata: { labels: { app: 'sleep' } }, spec: { serviceAccountName: 'sleep', containers: [{ name: 'sleep', image: 'curlimages/curl' }] } } },
};

function objectsIn(dialect?: RoutingDialect): any[] {
  return Testing.synth(new GrayscaleDemoChart(Testing.app(), 'grayscale-demo', dialect));
}

const meshes: Record<RoutingDialect, Mesh> = {
  istio: buildMesh(manifestsFromObjects([...objectsIn(), SLEEP], 'istio')),
  'gateway-api': buildMesh(manifestsFromObjects([...objectsIn('gateway-api'), SLEEP], 'gateway-api')),
};

/**
 * What a result comes to, pod by pod: the outcome, and each pod reached with its share and its decision. The Istio
 * dialect answers a request no major serves with a 404 of its own (a direct response), the Gateway API by matching
 * no rule: both are a 404.
 */
function reached(result: {
  verdict: { outcome: string }; route?: { directResponse?: { status: number } };
  destinations: readonly { percent?: number; workloads: readonly { workload: string; authorization: { decision: string } }[] }[];
}) {
  const pods = result.destinations.flatMap((d) => d.workloads.map((w) => `${w.workload} ${d.percent ?? 100}% ${w.authorization.decision}`)).sort();
  const notFound = result.verdict.outcome === 'direct-response' && result.route?.directResponse?.status === 404;
  return { outcome: notFound ? 'not-found' : result.verdict.outcome, pods };
}

const paths = fc.constantFrom('/', '/get', '/v1', '/v1/', '/v1/get', '/v10/get', '/v2', '/v2/anything', '/v3/x', '/myservice1/v1/get', '/V1/get');
const query = fc.constantFrom('', '?debug=true', '?debug=false', '?debug=true&x=1', '?Debug=true');
const headers = fc.record({ gray: fc.constantFrom('1', '10', ''), cookie: fc.constantFrom('', 'other=1') }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== '')));
const methods = fc.constantFrom('GET', 'POST', 'DELETE');

describe('the demo in the Gateway API dialect', () => {
  test('is accepted by a cluster (Gateway API v1.5.1 CRDs, Istio\'s, and Kubernetes\')', async () => {
    expect(await clusterProblemsOfAll(objectsIn('gateway-api'))).toEqual([]);
  });

  test('emits HTTPRoutes and no VirtualService or DestinationRule for its services', () => {
    const kinds = objectsIn('gateway-api').map((o) => `${o.kind}/${o.metadata.name}`);
    expect(kinds).toEqual(expect.arrayContaining(['HTTPRoute/httpbin', 'HTTPRoute/myservice1', 'Service/httpbin-v1-0', 'Service/myservice1-v1-1']));
    expect(kinds.filter((k) => /^(VirtualService|DestinationRule)\/(httpbin|myservice1)$/.test(k))).toEqual([]);
  });

  test('sends every request inside the mesh to the same pods, with the same shares and decisions, as the Istio dialect (property)', () => {
    const callers = fc.constantFrom('grayscale-demo/sleep', 'grayscale-demo/myservice1-v1-0', 'grayscale-demo/httpbin-v2-0');
    fc.assert(fc.property(callers, fc.constantFrom('myservice1', 'httpbin'), paths, query, headers, methods, (from, to, path, q, h, method) => {
      const request = { from, to, path: `${path}${q}`, headers: h, method };
      expect(reached(checkRequest(meshes['gateway-api'], request))).toEqual(reached(checkRequest(meshes.istio, request)));
    }), { numRuns: 300 });
  });

  test('the canary shares hold: /v1 of httpbin is 80/20 in both dialects, gray=1 reaches myservice1 1.1', () => {
    for (const mesh of Object.values(meshes)) {
      expect(reached(checkRequest(mesh, { from: 'grayscale-demo/myservice1-v1-0', to: 'httpbin', path: '/v1/get' })).pods)
        .toEqual(['grayscale-demo/httpbin-v1-0 80% allowed', 'grayscale-demo/httpbin-v1-1 20% allowed']);
      expect(reached(checkRequest(mesh, { from: 'grayscale-demo/sleep', to: 'myservice1', path: '/', headers: { gray: '1' } })).pods)
        .toEqual(['grayscale-demo/myservice1-v1-1 100% allowed']);
    }
  });

  test('a Pulumi program with the same props deploys what the cdk8s app synthesises', async () => {
    // Loaded after the mocks are set, as the Pulumi engine would run the program.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { grayscaleDemo } = require('../../examples/pulumi/demo') as typeof import('../../examples/pulumi/demo');
    const { namespace, httpbinService, myservice1Service, ingress } = grayscaleDemo('gateway-api');
    await namespace.ready;
    await registered([...namespace.resources, ...httpbinService.resources, ...myservice1Service.resources, ...ingress.resources]);
    expect(canonicalYaml(manifestsOf(pulumiResources))).toEqual(canonicalYaml(objectsIn('gateway-api')));
  });

  test('through the edge, every request reaches the same pods as in the Istio dialect (property)', () => {
    const token = fc.constantFrom(null, { issuer: 'https://login.example.com', audience: 'console.example.com', subject: 'user' });
    const hosts = fc.constantFrom('httpbin.example.com', 'apps.example.com');
    fc.assert(fc.property(hosts, paths, query, headers, token, (to, path, q, h, jwt) => {
      // The Istio dialect's Gateway is in the app's namespace, on Istio's ingress gateway pods; the Gateway API's in
      // istio-ingress, on the pods Istio deploys for it.
      const request = { to, path: `${path}${q}`, headers: h, token: jwt };
      expect(reached(checkThroughGateway(meshes['gateway-api'], { ...request, via: 'istio-ingress/edge' })))
        .toEqual(reached(checkThroughGateway(meshes.istio, { ...request, via: 'grayscale-demo/edge' })));
    }), { numRuns: 200 });
  });
});
