import {
  EgressAllowListProps, egressConflict, Manifest, MeshlightValidationError, registryOnlyIstioOperator,
  registryOnlyMeshConfig, renderEgressAllowList, renderGrayscaleService, renderZeroTrustNamespace,
} from '../../lib/core';
import { canReach } from '../support/egress';
import { clusterProblemsOfAll } from '../support/validate';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';
const cart = renderGrayscaleService({ name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] }, { path: 'cart', defaultName: 'cart' });

function render(props: EgressAllowListProps): Manifest[] {
  return [...renderEgressAllowList(props, { path: 'app/egress' }).manifests];
}


describe('a standalone allow-list', () => {
  test('a host name becomes a ServiceEntry for HTTPS (TLS on 443), visible to this namespace only', () => {
    const out = render({ namespace: 'shop', hosts: ['www.aliyun.com'] });
    expect(find(out, 'ServiceEntry', 'egress-www-aliyun-com').spec).toEqual({
      exportTo: ['.'], hosts: ['www.aliyun.com'], location: 'MESH_EXTERNAL', ports: [{ name: 'tls-443', number: 443, protocol: 'TLS' }], resolution: 'DNS',
    });
  });

  test('the namespace Sidecar blocks every other host and sees the mesh and the allowed hosts', () => {
    const out = render({ namespace: 'shop', hosts: ['www.aliyun.com'] });
    expect(find(out, 'Sidecar', 'default').spec).toEqual({
      egress: [{ hosts: ['*/*.svc.cluster.local', './www.aliyun.com', 'istio-system/*'] }],
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    });
  });

  test('wildcards resolve by NONE; HTTP and custom ports keep their protocol', () => {
    const out = render({ namespace: 'shop', hosts: [{ host: '*.example.com' }, { host: 'db.example.org', ports: [{ number: 5432 }, { number: 80 }] }] });
    expect(find(out, 'ServiceEntry', 'egress-wildcard-example-com').spec.resolution).toBe('NONE');
    expect(find(out, 'ServiceEntry', 'egress-db-example-org').spec.ports).toEqual([
      { name: 'http-80', number: 80, protocol: 'HTTP' }, { name: 'tcp-5432', number: 5432, protocol: 'TCP' },
    ]);
  });

  test('a list for one workload selects its pods', () => {
    const out = render({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com'] });
    expect(find(out, 'Sidecar', 'cart').spec.workloadSelector).toEqual({ labels: { app: 'cart' } });
    const bySelector = render({ namespace: 'shop', workload: { name: 'legacy', labels: { app: 'legacy', tier: 'batch' } }, hosts: ['api.stripe.com'] });
    expect(find(bySelector, 'Sidecar', 'legacy').spec.workloadSelector).toEqual({ labels: { app: 'legacy', tier: 'batch' } });
  });

  test('each workload reaches exactly its listed hosts and ports', () => {
    const out = render({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com', { host: '*.s3.amazonaws.com' }] });
    const reach = (host: string, port = 443) => canReach(out, 'shop', { app: 'cart' }, host, port);
    expect(reach('api.stripe.com')).toBe(true);
    expect(reach('bucket.s3.amazonaws.com')).toBe(true);
    expect(reach('api.stripe.com', 80)).toBe(false);
    expect(reach('evil.example.com')).toBe(false);
  });

  test('with an egress gateway: mTLS to the gateway, routes through it, and only this list\'s workloads admitted there', () => {
    const out = render({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com'], egressGateway: true });
    expect(find(out, 'Gateway', 'egress-api-stripe-com').spec).toEqual({
      selector: { istio: 'egressgateway' },
      servers: [{ hosts: ['api.stripe.com'], port: { name: 'tls-api-stripe-com', number: 443, protocol: 'TLS' }, tls: { mode: 'ISTIO_MUTUAL' } }],
    });
    expect(find(out, 'DestinationRule', 'egress-api-stripe-com-via-gateway').spec.subsets[0].trafficPolicy.portLevelSettings[0].tls)
      .toEqual({ mode: 'ISTIO_MUTUAL', sni: 'api.stripe.com' });
    const vs = find(out, 'VirtualService', 'egress-api-stripe-com').spec;
    expect(vs.tls[0].route[0].destination).toEqual({ host: 'istio-egressgateway.istio-system.svc.cluster.local', port: { number: 443 }, subset: 'api-stripe-com' });
    expect(vs.tcp[0].route[0].destination).toEqual({ host: 'api.stripe.com', port: { number: 443 } });
    expect(find(out, 'AuthorizationPolicy', 'egress-shop-cart', 'istio-system').spec).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/cart'] } }], when: [{ key: 'connection.sni', values: ['api.stripe.com'] }] }],
      selector: { matchLabels: { istio: 'egressgateway' } },
    });
    expect(find(out, 'Sidecar', 'cart').spec.egress[0].hosts).toContain('istio-system/istio-egressgateway.istio-system.svc.cluster.local');
  });

  test('the NetworkPolicy option lets pods out only through DNS, the mesh and the allowed ports or the gateway', () => {
    const direct = find(render({ namespace: 'shop', hosts: ['www.aliyun.com'], networkPolicy: true }), 'NetworkPolicy', 'egress-shop').spec;
    expect(direct.policyTypes).toEqual(['Egress']);
    expect(direct.egress.map((r: any) => r.to[0])).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
      { namespaceSelector: {} },
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'] } },
    ]);
    expect(direct.egress[2].ports).toEqual([{ port: 443, protocol: 'TCP' }]);
    const viaGateway = find(render({ namespace: 'shop', hosts: ['www.aliyun.com'], networkPolicy: true, egressGateway: true }), 'NetworkPolicy', 'egress-shop').spec;
    expect(viaGateway.egress[2].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { istio: 'egressgateway' } } }]);
  });

  test('allowing any host is an explicit opt-in, and turns the Sidecar to ALLOW_ANY', () => {
    const out = render({ namespace: 'shop', hosts: ['*'], allowAnyHost: true });
    expect(find(out, 'Sidecar', 'default').spec.outboundTrafficPolicy).toEqual({ mode: 'ALLOW_ANY' });
    expect(out.filter((m) => m.kind === 'ServiceEntry')).toEqual([]);
  });

  test('the mesh-wide default: REGISTRY_ONLY as Helm values and as an IstioOperator', () => {
    expect(registryOnlyMeshConfig()).toEqual({ meshConfig: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    expect(registryOnlyIstioOperator().spec).toEqual(registryOnlyMeshConfig());
  });

  test('every object is accepted by a cluster', async () => {
    const out = [
      ...render({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com', '*.s3.amazonaws.com'], egressGateway: true, networkPolicy: true }),
      ...render({ namespace: 'web', hosts: ['www.aliyun.com', { host: 'db.example.org', ports: [{ number: 5432 }, { number: 80 }] }], networkPolicy: true }),
    ];
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('bad input: a clear error naming path, field, value and fix', () => {
  test.each<[string, unknown, string, string]>([
    ['a URL with a scheme', { hosts: ['https://www.aliyun.com/index.html'] }, 'hosts[0].host = "https://www.aliyun.com/index.html"', 'use the host alone: "www.aliyun.com"'],
    ['a host with a path', { hosts: ['www.aliyun.com/oss'] }, 'hosts[0].host = "www.aliyun.com/oss"', 'use the host alone: "www.aliyun.com"'],
    ['an invalid host', { hosts: ['Not A Host'] }, 'hosts[0].host = "Not A Host"', 'is not a valid host name'],
    ['an invalid port', { hosts: [{ host: 'a.example.com', ports: [{ number: 70000 }] }] }, 'hosts[0].ports[0].number = 70000', 'is not a port number'],
    ['a duplicate host', { hosts: ['a.example.com', { host: 'a.example.com' }] }, 'hosts[1] = "a.example.com"', 'is listed twice'],
    ['a bare * without the opt-in', { hosts: ['*'] }, 'hosts[0].host = "*"', 'allowAnyHost: true'],
    ['a wildcard host with DNS resolution', { hosts: [{ host: '*.example.com', resolution: 'DNS' }] }, 'hosts[0].resolution = "DNS"', 'cannot resolve the wildcard host'],
    ['a wildcard host on a TCP port', { hosts: [{ host: '*.example.com', ports: [{ number: 5432 }] }] }, 'hosts[0].ports[0].protocol = "TCP"', 'open the port to every address'],
    ['no hosts', { hosts: [] }, 'hosts = []', 'lists no hosts'],
    ['an HTTP host through the gateway', { hosts: [{ host: 'a.example.com', ports: [{ number: 80 }] }], egressGateway: true }, 'hosts[0].ports', 'not a single TLS port'],
    ['a selected workload without service account behind a gateway', { hosts: ['a.example.com'], egressGateway: true, workload: { name: 'legacy', labels: { app: 'legacy' } } }, 'workload.serviceAccount', 'admits callers by their service account'],
    ['a workload named without a ZeroTrustNamespace', { hosts: ['a.example.com'], workload: 'sleep' }, 'workload = "sleep"', 'only a ZeroTrustNamespace can look up'],
  ])('%s', (_case, props, field, message) => {
    let error: unknown;
    try {
      renderEgressAllowList(props as EgressAllowListProps, { path: 'app/egress' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expect((error as Error).message).toContain(`app/egress: ${field}`);
    expect((error as Error).message).toContain(message);
  });

  test.each([
    [{ workload: 'a', hosts: ['x.com'] }, { workload: 'a', hosts: ['y.com'] }, 'merge them into one'],
    [{ hosts: ['x.com'] }, { workload: 'a', hosts: ['y.com'] }, 'would hide the namespace\'s hosts'],
    [{ workload: 'a', hosts: ['x.com'] }, { workload: 'b', hosts: ['x.com'] }, 'list x.com'],
  ])('standalone lists that cannot live side by side: %p and %p', (a, b, message) => {
    const rendered = (r: { workload?: string; hosts: string[] }) => ({ namespace: 'shop', manifests: [], ...r });
    expect(egressConflict(rendered(a), rendered(b))).toContain(message);
    expect(egressConflict(rendered(a), { ...rendered(b), namespace: 'other' })).toBeUndefined();
  });
});

describe('in a ZeroTrustNamespace: one Sidecar per workload, merging calls and allow-lists', () => {
  const payments = renderGrayscaleService({ name: 'payments', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] }, { path: 'p', defaultName: 'payments' });
  const objects = renderZeroTrustNamespace({
    workloads: [{ name: 'sleep', serviceAccount: 'sleep' }],
    calls: [{ from: cart, to: payments }],
    egress: [
      { hosts: ['www.aliyun.com'] },
      { workload: cart, hosts: ['api.stripe.com'] },
      { workload: 'sleep', hosts: ['api.stripe.com', '*.s3.amazonaws.com'] },
    ],
  }, { path: 'app/shop', defaultName: 'shop' }).manifests;

  test('every workload has exactly one Sidecar holding its calls, its own hosts and the namespace\'s', () => {
    expect(objects.filter((m) => m.kind === 'Sidecar').map((m: any) => [m.metadata.name, m.spec.egress[0].hosts])).toEqual([
      ['default', ['./www.aliyun.com', 'istio-system/*']],
      ['cart', ['./api.stripe.com', './www.aliyun.com', 'istio-system/*', 'shop/payments.shop.svc.cluster.local']],
      ['payments', ['./www.aliyun.com', 'istio-system/*']],
      ['sleep', ['./*.s3.amazonaws.com', './api.stripe.com', './www.aliyun.com', 'istio-system/*']],
    ]);
  });

  test('a host listed by two allow-lists gets one ServiceEntry', () => {
    expect(objects.filter((m) => m.kind === 'ServiceEntry').map((m) => m.metadata.name)).toEqual(['egress-wildcard-s3-amazonaws-com', 'egress-api-stripe-com', 'egress-www-aliyun-com']);
  });

  test('each workload reaches exactly the hosts its lists and its namespace\'s list name', () => {
    const candidates = ['www.aliyun.com', 'api.stripe.com', 'photos.s3.amazonaws.com', 'evil.example.com'];
    const reachable = (app: string) => candidates.filter((h) => canReach(objects, 'shop', { app }, h, 443));
    expect(reachable('cart')).toEqual(['www.aliyun.com', 'api.stripe.com']);
    expect(reachable('payments')).toEqual(['www.aliyun.com']);
    expect(reachable('sleep')).toEqual(['www.aliyun.com', 'api.stripe.com', 'photos.s3.amazonaws.com']);
    expect(reachable('unknown')).toEqual(['www.aliyun.com']);
  });

  test('the namespace\'s NetworkPolicies let the listed traffic out', () => {
    expect(find(objects, 'NetworkPolicy', 'egress-cart').spec.podSelector).toEqual({ matchLabels: { app: 'cart' } });
    expect(find(objects, 'NetworkPolicy', 'egress-shop').spec.podSelector).toEqual({});
  });

  test('two lists for the same workloads, or one host described two ways, are errors', () => {
    const make = (egress: EgressAllowListProps[]) => () => renderZeroTrustNamespace({ egress }, { path: 'app/shop', defaultName: 'shop' });
    expect(make([{ hosts: ['a.example.com'] }, { hosts: ['b.example.com'] }])).toThrow('app/shop: egress[1] = "shop": is for the same workloads as egress[0]');
    expect(make([{ hosts: ['a.example.com'] }, { workload: { name: 'x', labels: { app: 'x' } }, hosts: [{ host: 'a.example.com', ports: [{ number: 8443 }] }] }]))
      .toThrow('egress[1].hosts = "a.example.com": is listed by another allow-list with other ports or resolution');
  });

  test('every object is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(objects)).toEqual([]);
  });
});
