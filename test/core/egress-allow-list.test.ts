import {
  allowListClash, EgressAllowListProps, EgressHostLike, Manifest, MeshlightValidationError, registryOnlyIstioOperator,
  registryOnlyMeshConfig, renderEgressAllowList, renderGrayscaleService, renderZeroTrustNamespace,
} from '../../lib/core/internal';
import { cidrContains, egressAdmits, parseCidr } from '../support/cidr';
import { canReach, upstreamAddresses } from '../support/egress';
import { expectProblem, validationErrorOf } from '../support/errors';
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

  test('wildcards resolve by DYNAMIC_DNS (the name each connection carries); HTTP and custom ports keep their protocol', () => {
    const out = render({ namespace: 'shop', hosts: [{ host: '*.example.com' }, { host: 'db.example.org', ports: [{ number: 5432 }, { number: 80 }] }] });
    expect(find(out, 'ServiceEntry', 'egress-wildcard-example-com').spec.resolution).toBe('DYNAMIC_DNS');
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
    expect(direct.egress.map((r: any) => r.to.map((peer: any) => peer.ipBlock?.cidr ?? peer))).toEqual([
      [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      [{ namespaceSelector: {} }],
      ['0.0.0.0/0', '::/0'],
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
      ...render({ namespace: 'shop', workload: cart, hosts: ['api.stripe.com'], egressGateway: true, networkPolicy: true }),
      ...render({ namespace: 'web', hosts: ['www.aliyun.com', '*.s3.amazonaws.com', { host: 'db.example.org', ports: [{ number: 5432 }, { number: 80 }] }], networkPolicy: true }),
    ];
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('an allowed name leads only where DNS says, whatever address the application connects to', () => {
  // Fake DNS: each name has its own addresses. The application connects to the metadata server and names an allowed host.
  const dns = (name: string) => [`dns(${name})`];
  const chosenByApp = '169.254.169.254';
  const reached = (objects: readonly Manifest[], name: string) => objects.filter((m) => m.kind === 'ServiceEntry')
    .flatMap((se) => upstreamAddresses(se, name, chosenByApp, dns));

  test('the model can fail: a ServiceEntry resolved NONE forwards to the address the application chose', () => {
    const none = { kind: 'ServiceEntry', spec: { hosts: ['*.example.com'], ports: [{ name: 'tls', number: 443, protocol: 'TLS' }], resolution: 'NONE' } };
    expect(upstreamAddresses(none, 'a.example.com', chosenByApp, dns)).toEqual([chosenByApp]);
  });

  test.each<[string, EgressHostLike[], string[]]>([
    ['a fixed host', ['api.stripe.com'], ['api.stripe.com']],
    ['a fixed host resolved by DNS on purpose', [{ host: 'api.stripe.com', resolution: 'DNS' }], ['api.stripe.com']],
    ['a wildcard host over TLS', ['*.s3.amazonaws.com'], ['bucket.s3.amazonaws.com', 'other.s3.amazonaws.com']],
    ['a wildcard host over HTTP', [{ host: '*.example.com', ports: [{ number: 80 }] }], ['www.example.com']],
    ['a wildcard host resolved by DYNAMIC_DNS on purpose', [{ host: '*.example.com', resolution: 'DYNAMIC_DNS' }], ['www.example.com']],
  ])('%s: the proxy connects only to the addresses DNS gives for the name', (_case, hosts, names) => {
    const out = render({ namespace: 'shop', hosts });
    for (const name of names) expect(reached(out, name)).toEqual(dns(name));
  });

  test('in a ZeroTrustNamespace too', () => {
    const objects = renderZeroTrustNamespace({ egress: [{ hosts: ['api.stripe.com', '*.s3.amazonaws.com'] }] }, { path: 'app/shop', defaultName: 'shop' }).manifests;
    for (const name of ['api.stripe.com', 'bucket.s3.amazonaws.com']) expect(reached(objects, name)).toEqual(dns(name));
  });

  test('resolution NONE, which would forward to whatever address the application picks, is refused', () => {
    const error = validationErrorOf(() => render({ namespace: 'shop', hosts: [{ host: 'api.stripe.com', resolution: 'NONE' as never }] }));
    expectProblem(error, 'app/egress', 'hosts[0].resolution = "NONE"', 'any IP would be reachable', true);
  });
});

describe('the NetworkPolicy\'s way out admits public addresses only', () => {
  // Addresses in every range that is not publicly routable (IANA's special-purpose registries, multicast).
  const NOT_PUBLIC = [
    '0.1.2.3', '10.1.2.3', '100.64.1.1', '100.127.255.254', '127.0.0.1', '169.254.169.254', '172.16.0.1', '172.31.255.255',
    '192.0.0.8', '192.0.2.5', '192.88.99.1', '192.168.1.1', '198.18.0.1', '198.19.255.255', '198.51.100.7', '203.0.113.9',
    '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
    '::', '::1', '::ffff:10.0.0.1', '::ffff:8.8.8.8', '64:ff9b:1::a00:1', '100::1', '2001::1', '2001:2::1', '2001:db8::1',
    '2002:a00:1::1', '3fff::1', '5f00::1', 'fc00::1', 'fd00::1', 'fe80::1', 'fec0::1', 'ff02::1',
  ];
  // Public addresses, among them the neighbours of excluded ranges and the NAT64 well-known prefix (globally reachable
  // per IANA; translators must drop non-global IPv4 behind it, RFC 6052).
  const PUBLIC = ['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.32.0.1', '198.20.0.1', '2606:4700::1111', '2a00:1450:4001:80b::200e', '2001:200::1', '64:ff9b::808:808'];

  const standalone = (props: Partial<EgressAllowListProps>) => find(render({ namespace: 'shop', hosts: ['www.aliyun.com'], networkPolicy: true, ...props }), 'NetworkPolicy', 'egress-shop');
  const inNamespace = find(renderZeroTrustNamespace({ egress: [{ hosts: ['www.aliyun.com'] }] }, { path: 'app/shop', defaultName: 'shop' }).manifests, 'NetworkPolicy', 'egress-shop');

  test.each<[string, any]>([
    ['a standalone list', standalone({})],
    ['a list in a ZeroTrustNamespace', inNamespace],
  ])('%s: no address outside the public internet, on any port; public ones on the allowed port only', (_case, policy) => {
    expect(NOT_PUBLIC.filter((address) => egressAdmits(policy, address, 443))).toEqual([]);
    expect(PUBLIC.filter((address) => !egressAdmits(policy, address, 443))).toEqual([]);
    expect(PUBLIC.filter((address) => egressAdmits(policy, address, 22))).toEqual([]);
  });

  test('allowing any host opens every port, still to public addresses only', () => {
    const policy = standalone({ hosts: ['*'], allowAnyHost: true });
    expect(NOT_PUBLIC.filter((address) => egressAdmits(policy, address, 22))).toEqual([]);
    expect(PUBLIC.filter((address) => !egressAdmits(policy, address, 22))).toEqual([]);
  });

  test('one peer per address family, each exception inside its block, in ascending order without overlap', () => {
    const blocks = standalone({}).spec.egress[2].to.map((peer: any) => peer.ipBlock);
    expect(blocks.map((b: any) => b.cidr)).toEqual(['0.0.0.0/0', '::/0']);
    for (const block of blocks) {
      expect(block.except.filter((e: string) => !cidrContains(block.cidr, e))).toEqual([]);
      const starts = block.except.map((e: string) => parseCidr(e));
      starts.slice(1).forEach((b: any, i: number) => {
        expect([block.except[i], block.except[i + 1], starts[i].value < b.value && !cidrContains(block.except[i], block.except[i + 1])])
          .toEqual([block.except[i], block.except[i + 1], true]);
      });
    }
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
    ['gateway labels written as a string', { hosts: ['a.example.com'], egressGateway: { labels: 'istio=egressgateway' } }, 'egressGateway.labels = "istio=egressgateway"', 'is not a non-empty set of valid labels'],
    ['empty gateway labels', { hosts: ['a.example.com'], egressGateway: { labels: {} } }, 'egressGateway.labels = {}', 'is not a non-empty set of valid labels'],
    ['a gateway label value that is no label value', { hosts: ['a.example.com'], egressGateway: { labels: { istio: 'egress gateway' } } }, 'egressGateway.labels = {"istio":"egress gateway"}', 'is not a non-empty set of valid labels'],
    ['a gateway namespace that is no namespace', { hosts: ['a.example.com'], egressGateway: { namespace: 'Istio-System' } }, 'egressGateway.namespace = "Istio-System"', 'the namespace the egress gateway runs in'],
    ['a gateway Service given by host', { hosts: ['a.example.com'], egressGateway: { service: 'istio-egressgateway.istio-system.svc.cluster.local' } }, 'egressGateway.service = "istio-egressgateway.istio-system.svc.cluster.local"', 'the name of the gateway\'s Service alone'],
    ['a null gateway setting', { hosts: ['a.example.com'], egressGateway: { namespace: null } }, 'egressGateway.namespace = null', 'is not a namespace name'],
    ['a null workload', { hosts: ['a.example.com'], workload: null }, 'workload = null', 'is not a workload. Fix: pass a GrayscaleService'],
    ['a number as workload', { hosts: ['a.example.com'], workload: 42 }, 'workload = 42', 'is not a workload'],
    ['a selector without a name', { hosts: ['a.example.com'], workload: { labels: { app: 'legacy' } } }, 'workload.name = undefined: is missing', 'give the workload a name'],
    ['a selector without labels', { hosts: ['a.example.com'], workload: { name: 'legacy' } }, 'workload.labels = undefined: is missing', 'labels: { app: "legacy" }'],
    ['a host object without host', { hosts: [{ ports: [{ number: 443 }] }] }, 'hosts[0].host = undefined: is missing', 'give the host name'],
    ['a port that is a bare number', { hosts: [{ host: 'a.example.com', ports: [8443] }] }, 'hosts[0].ports[0] = 8443', 'is not a port'],
    ['a port without number', { hosts: [{ host: 'a.example.com', ports: [{ protocol: 'TLS' }] }] }, 'hosts[0].ports[0].number = undefined: is missing', 'give the port number'],
    ['hosts as one string', { hosts: 'a.example.com' }, 'hosts = "a.example.com": is not a list of hosts', 'use an array such as ["a.example.com"]'],
    ['no hosts field', { namespace: 'shop' }, 'hosts = undefined: is missing', 'list the external hosts'],
    ['a null resolution', { hosts: [{ host: 'a.example.com', resolution: null }] }, 'hosts[0].resolution = null', 'is not a resolution'],
    ['null ports', { hosts: [{ host: 'a.example.com', ports: null }] }, 'hosts[0].ports = null', 'is not a non-empty list of ports'],
    ['a null protocol', { hosts: [{ host: 'a.example.com', ports: [{ number: 443, protocol: null }] }] }, 'hosts[0].ports[0].protocol = null', 'is not a protocol'],
    ['a null namespace', { hosts: ['a.example.com'], namespace: null }, 'namespace = null', 'is not a namespace name'],
    ['a null allowAnyHost', { hosts: ['a.example.com'], allowAnyHost: null }, 'allowAnyHost = null', 'is not true or false'],
    ['a null networkPolicy', { hosts: ['a.example.com'], networkPolicy: null }, 'networkPolicy = null', 'is not true or false'],
    ['a null trust domain', { hosts: ['a.example.com'], trustDomain: null }, 'trustDomain = null', 'is not a valid trust domain'],
    ['a null cluster domain', { hosts: ['a.example.com'], clusterDomain: null }, 'clusterDomain = null', 'is not a DNS domain'],
    ['a misspelt allow-list field', { hosts: ['a.example.com'], networkpolicy: true }, 'networkpolicy = true: is not a field of an allow-list', 'did you mean "networkPolicy"?'],
    ['a misspelt host field', { hosts: [{ host: 'a.example.com', resolutoin: 'DNS' }] }, 'hosts[0].resolutoin = "DNS": is not a field of an allowed host', 'did you mean "resolution"?'],
    ['a misspelt port field', { hosts: [{ host: 'a.example.com', ports: [{ number: 443, protocl: 'TLS' }] }] }, 'hosts[0].ports[0].protocl = "TLS": is not a field of a port', 'did you mean "protocol"?'],
    ['a misspelt gateway field', { hosts: ['a.example.com'], egressGateway: { namepsace: 'gw' } }, 'egressGateway.namepsace = "gw": is not a field of egress gateway settings', 'did you mean "namespace"?'],
    ['a misspelt selector field', { hosts: ['a.example.com'], workload: { name: 'legacy', labels: { app: 'legacy' }, serviceacount: 'legacy' } }, 'workload.serviceacount = "legacy": is not a field of a workload selector', 'did you mean "serviceAccount"?'],
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

  test.each<[string, unknown, string, string]>([
    ['a fixed host resolved NONE', { hosts: [{ host: 'api.stripe.com', resolution: 'NONE' }] }, 'hosts[0].resolution = "NONE"',
      'forwards to whatever address the application connects to, so any IP would be reachable under the name api.stripe.com. Fix: leave resolution out; DNS is used'],
    ['a wildcard host resolved NONE', { hosts: [{ host: '*.s3.amazonaws.com', resolution: 'NONE' }] }, 'hosts[0].resolution = "NONE"',
      'any IP would be reachable under the name *.s3.amazonaws.com. Fix: leave resolution out; DYNAMIC_DNS is used'],
    ['a fixed host resolved DYNAMIC_DNS', { hosts: [{ host: 'api.stripe.com', resolution: 'DYNAMIC_DNS' }] }, 'hosts[0].resolution = "DYNAMIC_DNS"',
      'which Istio does for wildcard hosts only, not for api.stripe.com. Fix: leave resolution out (DNS is used for a fixed host)'],
    ['a resolution Istio has but meshlight does not use', { hosts: [{ host: 'api.stripe.com', resolution: 'STATIC' }] }, 'hosts[0].resolution = "STATIC"',
      'is not a resolution. Fix: leave resolution out: DNS is used for a fixed host, DYNAMIC_DNS for a wildcard'],
    ['a wildcard host through the egress gateway', { hosts: ['api.stripe.com', '*.s3.amazonaws.com'], egressGateway: true }, 'hosts[1].host = "*.s3.amazonaws.com"',
      'Istio resolves wildcards (DYNAMIC_DNS) in sidecars only, and the gateway cannot resolve a wildcard. Fix: list the fixed hosts for the gateway list, or put the wildcard host in a separate allow-list without egressGateway'],
    ['a wildcard host after a rejected one, through the gateway', { hosts: ['https://x.example.com/', '*.s3.amazonaws.com'], egressGateway: true }, 'hosts[1].host = "*.s3.amazonaws.com"',
      'cannot go through the egress gateway'],
  ])('%s: one problem, with its fix', (_case, props, field, message) => {
    const error = validationErrorOf(() => renderEgressAllowList(props as EgressAllowListProps, { path: 'app/egress' }));
    expectProblem(error, 'app/egress', field, message, !_case.includes('after a rejected one'));
  });

  test('a wildcard host through the gateway in a ZeroTrustNamespace is named under egress', () => {
    const error = validationErrorOf(() => renderZeroTrustNamespace({ egress: [{ hosts: ['*.s3.amazonaws.com'], egressGateway: true }] }, { path: 'app/shop', defaultName: 'shop' }));
    expectProblem(error, 'app/shop', 'egress[0].hosts[0].host = "*.s3.amazonaws.com"', 'cannot go through the egress gateway', true);
  });

  test.each<[string, unknown, string]>([
    ['props left out', undefined, 'props = undefined'],
    ['null props', null, 'props = null'],
    ['a host name instead of props', 'www.example.com', 'props = "www.example.com"'],
    ['a list of hosts instead of props', ['www.example.com'], 'props = ["www.example.com"]'],
  ])('%s: one problem, that they are not an allow-list', (_case, props, field) => {
    const error = validationErrorOf(() => renderEgressAllowList(props as EgressAllowListProps, { path: 'app/egress' }));
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(`app/egress: ${field}: is not an allow-list`);
  });

  test('one misspelt field gives one problem, not another about the field it misspells', () => {
    const one = (props: unknown) => validationErrorOf(() => renderEgressAllowList(props as EgressAllowListProps, { path: 'app/egress' })).problems.map((p) => p.field);
    expect(one({ host: ['a.example.com'] })).toEqual(['host']);
    expect(one({ hosts: [{ name: 'a.example.com' }] })).toEqual(['hosts[0].name']);
    expect(one({ hosts: [{ host: 'a.example.com', ports: [{ num: 443 }] }] })).toEqual(['hosts[0].ports[0].num']);
    expect(one({ hosts: ['a.example.com'], workload: { name: 'legacy', label: { app: 'legacy' } } })).toEqual(['workload.label']);
    expect(one({ hosts: ['a.example.com'], egressGateway: true, workload: { name: 'legacy', labels: { app: 'legacy' }, serviceAcount: 'legacy' } })).toEqual(['workload.serviceAcount']);
  });

  test('gateway settings shape every gateway object', () => {
    const out = render({ namespace: 'shop', hosts: ['api.stripe.com'], egressGateway: { namespace: 'egress', service: 'gw', labels: { app: 'egress-gw' } }, networkPolicy: true });
    expect(find(out, 'Gateway', 'egress-api-stripe-com').spec.selector).toEqual({ app: 'egress-gw' });
    expect(find(out, 'AuthorizationPolicy', 'egress-shop-shop', 'egress').spec.selector).toEqual({ matchLabels: { app: 'egress-gw' } });
    expect(find(out, 'DestinationRule', 'egress-api-stripe-com-via-gateway').spec.host).toBe('gw.egress.svc.cluster.local');
  });

  test.each([
    [{ workload: 'a', hosts: ['x.com'] }, { workload: 'a', hosts: ['y.com'] }, 'workload', 'a', 'merge the two allow-lists into one'],
    [{ hosts: ['x.com'] }, { hosts: ['y.com'] }, 'namespace', 'shop', 'merge the two allow-lists into one'],
    [{ hosts: ['x.com'] }, { workload: 'a', hosts: ['y.com'] }, 'namespace', 'shop', 'would hide the namespace\'s hosts'],
    [{ workload: 'a', hosts: ['x.com'] }, { hosts: ['y.com'] }, 'workload', 'a', 'would hide the namespace\'s hosts'],
    [{ workload: 'a', hosts: ['x.com', 'z.com'] }, { workload: 'b', hosts: ['z.com', 'x.com'] }, 'hosts', ['x.com', 'z.com'], 'are listed by the allow-list'],
  ])('standalone lists that cannot live side by side: %p and %p', (a, b, field, value, message) => {
    const list = (path: string, r: { workload?: string; hosts: string[] }, namespace = 'shop') => ({ path, rendered: { namespace, manifests: [], ...r } });
    const problem = allowListClash(list('later', a), list('earlier', b));
    expect(problem).toMatchObject({ path: 'later', field, value });
    expect(`${problem?.problem}. Fix: ${problem?.fix}`).toContain(message);
    expect(problem?.problem).toContain('earlier');
    expect(allowListClash(list('later', a), list('earlier', b, 'other'))).toBeUndefined();
  });

  test('standalone lists for other workloads and hosts live side by side', () => {
    const list = (path: string, workload: string, hosts: string[]) => ({ path, rendered: { namespace: 'shop', workload, hosts, manifests: [] } });
    expect(allowListClash(list('a', 'a', ['x.com']), list('b', 'b', ['y.com']))).toBeUndefined();
  });
});

describe('in a ZeroTrustNamespace, the allow-lists of one scope merge', () => {
  const render = (egress: EgressAllowListProps[]) => renderZeroTrustNamespace({ workloads: [{ name: 'curl', serviceAccount: 'curl' }], egress }, { path: 'app/shop', defaultName: 'shop' }).manifests;
  // The case: one workload with TLS hosts through the egress gateway and a TCP host straight out.
  const merged = render([
    { workload: 'curl', hosts: ['api.stripe.com'], egressGateway: true },
    { workload: 'curl', hosts: [{ host: 'db.example.org', ports: [{ number: 5432 }] }] },
    { workload: 'curl', hosts: ['api.github.com'], egressGateway: true },
  ]);
  const curl = { app: 'curl' };
  const publicAddress = '8.8.8.8';

  test('the workload reaches the hosts of every list, and no other', () => {
    const reachable = (port: number) => ['api.stripe.com', 'api.github.com', 'db.example.org', 'evil.example.com'].filter((h) => canReach(merged, 'shop', curl, h, port));
    expect(reachable(443)).toEqual(['api.stripe.com', 'api.github.com']);
    expect(reachable(5432)).toEqual(['db.example.org']);
  });

  test('one Sidecar and one NetworkPolicy for the workload: out to the gateway on 443 and to public addresses on 5432 only', () => {
    expect(merged.filter((m) => m.kind === 'Sidecar').map((m) => m.metadata.name)).toEqual(['default', 'curl']);
    const policy = find(merged, 'NetworkPolicy', 'egress-curl');
    expect(merged.filter((m) => m.kind === 'NetworkPolicy' && m.metadata.name.startsWith('egress-'))).toEqual([policy]);
    expect(egressAdmits(policy, publicAddress, 5432)).toBe(true);
    expect(egressAdmits(policy, publicAddress, 443)).toBe(false);
    expect(policy.spec.egress[0]).toEqual({
      ports: [{ port: 443, protocol: 'TCP' }],
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { istio: 'egressgateway' } } }],
    });
  });

  test('the egress gateway admits the workload for the hosts of both gateway lists, in one policy', () => {
    const policies = merged.filter((m) => m.kind === 'AuthorizationPolicy' && m.metadata.namespace === 'istio-system');
    expect(policies.map((m) => m.metadata.name)).toEqual(['egress-shop-curl']);
    expect((policies[0].spec as any).rules).toEqual([{
      from: [{ source: { principals: ['cluster.local/ns/shop/sa/curl'] } }],
      when: [{ key: 'connection.sni', values: ['api.github.com', 'api.stripe.com'] }],
    }]);
  });

  test('lists merged give what one list with every host gives', () => {
    const db = { host: 'db.example.org', ports: [{ number: 5432 }] };
    expect(render([{ hosts: ['a.example.com'] }, { hosts: [db] }])).toEqual(render([{ hosts: ['a.example.com', db] }]));
    expect(render([{ workload: 'curl', hosts: ['a.example.com'] }, { workload: 'curl', hosts: [db] }])).toEqual(render([{ workload: 'curl', hosts: ['a.example.com', db] }]));
  });

  test('every object is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(merged)).toEqual([]);
  });

  test.each<[string, EgressAllowListProps[], string]>([
    ['other labels for the same workload name',
      [{ workload: { name: 'x', labels: { app: 'x' } }, hosts: ['a.example.com'] }, { workload: { name: 'x', labels: { app: 'y' } }, hosts: ['b.example.com'] }],
      'egress[1].workload = "x": selects pods by other labels than egress[0] for the workload of the same name ({"app":"x"})'],
    ['another service account for the same workload',
      [{ workload: { name: 'x', labels: { app: 'x' }, serviceAccount: 'x' }, hosts: ['a.example.com'] }, { workload: { name: 'x', labels: { app: 'x' }, serviceAccount: 'y' }, hosts: ['b.example.com'] }],
      'egress[1].workload.serviceAccount = "y": differs from the service account "x" egress[0] gives the workload of the same name'],
    ['another egress gateway for the same workloads',
      [{ hosts: ['a.example.com'], egressGateway: true }, { hosts: ['b.example.com'], egressGateway: { namespace: 'egress' } }],
      'egress[1].egressGateway = {"namespace":"egress"}: is another egress gateway than that of egress[0]'],
    ['a host through the gateway in one list and straight out in another',
      [{ workload: 'curl', hosts: ['a.example.com'], egressGateway: true }, { hosts: ['a.example.com'] }],
      'egress[1].hosts = "a.example.com": is routed through the egress gateway by egress[0] for the whole namespace, and the gateway admits only that list\'s workloads'],
    ['a host straight out in one list and through the gateway in another',
      [{ hosts: ['a.example.com'] }, { workload: 'curl', hosts: ['a.example.com'], egressGateway: true }],
      'egress[1].hosts = "a.example.com": is listed by egress[0] without the egress gateway'],
  ])('lists that cannot merge are refused, naming both: %s', (_, egress, message) => {
    expect(() => render(egress)).toThrow(message);
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

  test('one host described two ways is an error', () => {
    const make = (egress: EgressAllowListProps[]) => () => renderZeroTrustNamespace({ egress }, { path: 'app/shop', defaultName: 'shop' });
    expect(make([{ hosts: ['a.example.com'] }, { workload: { name: 'x', labels: { app: 'x' } }, hosts: [{ host: 'a.example.com', ports: [{ number: 8443 }] }] }]))
      .toThrow('egress[1].hosts = "a.example.com": is listed by another allow-list with other ports or resolution');
  });

  test('every object is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(objects)).toEqual([]);
  });

  test('a list that is not an object is named by its place in egress, and reported once', () => {
    const error = validationErrorOf(() => renderZeroTrustNamespace({ egress: [42 as never] }, { path: 'app/shop', defaultName: 'shop' }));
    expect(error.problems.map((p) => [p.field, p.problem])).toEqual([['egress[0]', 'is not an allow-list']]);
  });

  test('a workload name the namespace does not know points to its workloads', () => {
    expect(() => renderZeroTrustNamespace({ egress: [{ workload: 'curl', hosts: ['a.example.com'] }] }, { path: 'app/shop', defaultName: 'shop' }))
      .toThrow('egress[0].workload = "curl": is not a workload of the namespace. Fix: declare it in the ZeroTrustNamespace\'s workloads, e.g. { name: "curl", serviceAccount: "curl" }');
  });

  test('a misspelt field of a list in the namespace is named under egress', () => {
    expect(() => renderZeroTrustNamespace({ egress: [{ hosts: ['a.example.com'], networkpolicy: true } as never] }, { path: 'app/shop', defaultName: 'shop' }))
      .toThrow('egress[0].networkpolicy = true: is not a field of an allow-list');
  });
});
