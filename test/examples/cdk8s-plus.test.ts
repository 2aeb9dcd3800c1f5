// A production-grade service whose versions platform code builds with cdk8s-plus (examples/cdk8s-plus/main.ts),
// judged by what its objects do together: a cluster accepts them, and meshlight explain, which reads Istio's
// semantics independently of core, follows requests from the web frontend's pods through meshlight's routes to the
// cdk8s-plus Deployments' pods, found by the labels meshlight gave them, and decides access by the service accounts
// they run as.
import { Testing } from 'cdk8s';
import { PlusShopChart } from '../../examples/cdk8s-plus/main';
import { buildMesh, checkRequest, CheckRequest, manifestsFromObjects } from '../../lib/explain';
import { clusterProblemsOfAll } from '../support/validate';
import { canonicalYaml } from '../support/yaml';

function synthesised(): any[] {
  return Testing.synth(new PlusShopChart(Testing.app(), 'plus-shop'));
}

/** What one request comes to: its outcome, the caller's principal, and per workload reached, its share and verdict. */
function check(request: Partial<CheckRequest> = {}) {
  const result = checkRequest(buildMesh(manifestsFromObjects(synthesised(), 'synth')), { from: 'shop/web-3-2', to: 'orders', path: '/orders/7', ...request });
  const reached: Record<string, [number | undefined, string]> = {};
  for (const d of result.destinations) {
    for (const w of d.workloads) reached[w.workload] = [d.percent, w.authorization.decision];
  }
  return { outcome: result.verdict.outcome, principal: result.principal, reached };
}

describe('a service whose versions are built with cdk8s-plus', () => {
  test('meshlight emits no Deployment: the cdk8s-plus ones carry the versions\' labels and run as the services\' accounts', () => {
    const deployments = synthesised().filter((o) => o.kind === 'Deployment');
    expect(deployments.map((d) => {
      const { labels } = d.spec.template.metadata;
      return [d.metadata.name, labels.app, labels.version, d.spec.template.spec.serviceAccountName];
    })).toEqual([
      ['orders-1-4', 'orders', '1.4', 'orders'],
      ['orders-1-5', 'orders', '1.5', 'orders'],
      ['web-3-2', 'web', '3.2', 'web'],
    ]);
    // What the platform built stays as it built it: probes, resources, the HPA of the stable version.
    const stable = deployments[0].spec.template.spec.containers[0];
    expect(stable.readinessProbe.httpGet.path).toBe('/ready');
    expect(stable.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(synthesised().filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).toEqual(['orders-1-4', 'web-3-2']);
  });

  test('a cluster accepts every object, cdk8s-plus\'s and meshlight\'s', async () => {
    expect(await clusterProblemsOfAll(synthesised())).toEqual([]);
  });

  test('the split reaches the cdk8s-plus pods by their labels: 90% 1.4, 10% 1.5, and web is let in', () => {
    expect(check()).toEqual({
      outcome: 'allowed',
      principal: 'cluster.local/ns/shop/sa/web',
      reached: { 'shop/orders-1-4': [90, 'allowed'], 'shop/orders-1-5': [10, 'allowed'] },
    });
  });

  test('the pods run as the accounts the ZeroTrustNamespace\'s policies name: only web\'s calls get in, and only its methods', () => {
    const policy = synthesised().find((o) => o.kind === 'AuthorizationPolicy' && o.spec.selector?.matchLabels?.app === 'orders' && JSON.stringify(o.spec).includes('principals'));
    expect(JSON.stringify(policy.spec)).toContain('cluster.local/ns/shop/sa/web');
    expect(check({ method: 'DELETE' }).outcome).toBe('denied');
    // A pod labelled like web's but running as the namespace's default account is not web.
    expect(check({ from: 'shop/sa/default', fromLabels: { app: 'web', version: '3.2' } }).outcome).toBe('denied');
    // orders declared no call to web: the Sidecar that selects orders' pods by their labels does not let it out.
    expect(check({ from: 'shop/orders-1-4', to: 'web' }).outcome).toBe('blocked');
  });

  test('its objects do not drift', () => {
    expect(canonicalYaml(synthesised())).toMatchSnapshot();
  });
});
