import {
  checkRequest, egressDecision, explainEgress, explainServiceEntries, explainTraffic, Mesh, OTHER_HOSTS, outboundContext, renderEgressText, renderServiceEntriesText, sidecarFor,
} from '../../lib/explain';
import { meshOf, squash, workloadYaml } from './helpers';

const WORKLOADS = [
  workloadYaml('shop', 'web', { app: 'web' }),
  workloadYaml('shop', 'worker', { app: 'worker' }),
  workloadYaml('ops', 'backup', { app: 'backup' }),
].join('');

function sidecar(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${spec}
---
`;
}

function serviceEntry(name: string, namespace: string, hosts: string[], exportTo?: string[]): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  hosts: ${JSON.stringify(hosts)}
${exportTo === undefined ? '' : `  exportTo: ${JSON.stringify(exportTo)}\n`}  ports: [{ number: 443, name: https, protocol: TLS }]
---
`;
}

function decide(mesh: Mesh, workload: string, host: string): { decision: string; why: string } {
  const w = mesh.workloads.find((x) => `${x.namespace}/${x.name}` === workload)!;
  return egressDecision(mesh, w.namespace, outboundContext(mesh, w.namespace, w.labels), host);
}

describe('which Sidecar configures a workload', () => {
  const mesh = meshOf(WORKLOADS
    + sidecar('root', 'istio-system', '  egress: [{ hosts: ["*/*"] }]')
    + sidecar('root-selected', 'istio-system', '  workloadSelector: { labels: { app: backup } }\n  egress: [{ hosts: ["./*"] }]')
    + sidecar('default', 'shop', '  egress: [{ hosts: ["./*"] }]')
    + sidecar('worker', 'shop', '  workloadSelector: { labels: { app: worker } }\n  egress: [{ hosts: ["./*"] }]'));

  test.each([
    ['its own, by workloadSelector', 'shop/worker', 'shop/worker'],
    ['else its namespace\'s without selector', 'shop/web', 'shop/default'],
    ['else the root namespace\'s without selector (selectors there are not for other namespaces)', 'ops/backup', 'istio-system/root'],
  ])('%s', (_, workload, expected) => {
    const w = mesh.workloads.find((x) => `${x.namespace}/${x.name}` === workload)!;
    const chosen = sidecarFor(w.namespace, w.labels, mesh.sidecars, mesh.options).sidecar!;
    expect(`${chosen.namespace}/${chosen.name}`).toBe(expected);
  });
});

describe('egress under REGISTRY_ONLY', () => {
  const registryOnly = '  outboundTrafficPolicy: { mode: REGISTRY_ONLY }\n';
  const mesh = meshOf(WORKLOADS
    + sidecar('default', 'shop', `${registryOnly}  egress: [{ hosts: ["./*", "partners/api.partner.example.com", "*/*.wikipedia.org", "~/blackhole.example.com"] }]`)
    + serviceEntry('stripe', 'shop', ['api.stripe.com'], ['.'])
    + serviceEntry('partner', 'partners', ['api.partner.example.com'], ['shop'])
    + serviceEntry('partner-hidden', 'partners', ['secret.partner.example.com'], ['.'])
    + serviceEntry('wiki', 'ops', ['*.wikipedia.org'])
    + serviceEntry('blackhole', 'shop', ['blackhole.example.com'])
    + serviceEntry('github', 'ops', ['api.github.com']));

  test.each([
    ['a ServiceEntry of its namespace, exported to "." and imported by "./*"', 'api.stripe.com', 'allowed', 'ServiceEntry shop/stripe, Sidecar shop/default egress host "./*"'],
    ['exported to its namespace by name and imported by namespace/host', 'api.partner.example.com', 'allowed', 'egress host "partners/api.partner.example.com"'],
    ['a wildcard ServiceEntry imported by */*.wikipedia.org', 'en.wikipedia.org', 'allowed', 'ServiceEntry ops/wiki'],
    ['exported only to its own namespace', 'secret.partner.example.com', 'blocked', 'ServiceEntry partners/partner-hidden (exportTo .) is not exported to namespace shop'],
    ['visible but only imported by "~/", which imports nothing', 'blackhole.example.com', 'allowed', 'egress host "./*"'],
    ['visible (exportTo *) but not in the egress hosts', 'api.github.com', 'blocked', 'ServiceEntry ops/github is not in Sidecar shop/default egress hosts'],
    ['no ServiceEntry at all', 'example.org', 'blocked', 'REGISTRY_ONLY (Sidecar shop/default): no ServiceEntry for this host'],
  ])('%s: %s → %s', (_, host, decision, why) => {
    const d = decide(mesh, 'shop/web', host);
    expect(d.decision).toBe(decision);
    expect(d.why).toContain(why);
  });

  test('"~/host" alone imports nothing', () => {
    const only = meshOf(WORKLOADS + sidecar('default', 'shop', `${registryOnly}  egress: [{ hosts: ["~/blackhole.example.com"] }]`)
      + serviceEntry('blackhole', 'shop', ['blackhole.example.com']));
    expect(decide(only, 'shop/web', 'blackhole.example.com').decision).toBe('blocked');
  });

  test('check reports a blocked external host and stops there', () => {
    const result = checkRequest(mesh, { from: 'shop/web', to: 'api.github.com' });
    expect([result.target, result.outcome, result.egress.decision]).toEqual(['external', 'blocked', 'blocked']);
  });
});

describe('egress under ALLOW_ANY', () => {
  test('everything is allowed, and the table says the Sidecar is not an allow-list', () => {
    const mesh = meshOf(WORKLOADS + sidecar('default', 'shop', '  egress: [{ hosts: ["./*"] }]') + serviceEntry('stripe', 'shop', ['api.stripe.com']));
    const rows = explainEgress(mesh).filter((e) => e.workload === 'shop/web');
    expect(rows.map((e) => [e.host, e.port, e.decision, e.mode])).toEqual([
      ['api.stripe.com', '443/TLS', 'allowed', 'ALLOW_ANY'],
      ['api.stripe.com', 'other ports', 'allowed', 'ALLOW_ANY'],
      [OTHER_HOSTS, 'any', 'allowed', 'ALLOW_ANY'],
    ]);
    expect(rows.map((e) => e.why)).toEqual([
      'ALLOW_ANY (mesh default): not an allow-list; via ServiceEntry shop/stripe',
      'ALLOW_ANY (mesh default): not an allow-list; via passthrough',
      'ALLOW_ANY (mesh default): not an allow-list; via passthrough',
    ]);
  });

  test('the mesh default can be REGISTRY_ONLY (meshConfig), which a Sidecar can override', () => {
    const mesh = meshOf(WORKLOADS + sidecar('worker', 'shop', '  workloadSelector: { labels: { app: worker } }\n  outboundTrafficPolicy: { mode: ALLOW_ANY }'),
      { outboundTrafficPolicy: 'REGISTRY_ONLY' });
    expect(decide(mesh, 'shop/web', 'example.org')).toEqual({ decision: 'blocked', why: 'REGISTRY_ONLY (mesh default): no ServiceEntry for this host' });
    expect(decide(mesh, 'shop/worker', 'example.org').decision).toBe('allowed');
  });
});

describe('egress per host, port and protocol', () => {
  const registryOnly = '  outboundTrafficPolicy: { mode: REGISTRY_ONLY }\n';
  const httpOnly = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: httpbin, namespace: shop }
spec:
  hosts: [httpbin.org]
  resolution: DNS
  ports: [{ number: 80, name: http, protocol: HTTP }]
---
`;

  test('under REGISTRY_ONLY a host is open only on the ports its ServiceEntry declares: HTTP on 80 does not open HTTPS', () => {
    const mesh = meshOf(WORKLOADS + sidecar('default', 'shop', `${registryOnly}  egress: [{ hosts: ["./*"] }]`) + httpOnly);
    const w = mesh.workloads.find((x) => x.name === 'web')!;
    const ctx = outboundContext(mesh, 'shop', w.labels);
    expect(egressDecision(mesh, 'shop', ctx, 'httpbin.org', 80).decision).toBe('allowed');
    expect(egressDecision(mesh, 'shop', ctx, 'httpbin.org', 443)).toEqual({
      decision: 'blocked', why: 'REGISTRY_ONLY (Sidecar shop/default): port 443: ServiceEntry shop/httpbin declares only 80/HTTP',
    });
    expect(explainEgress(mesh).filter((e) => e.workload === 'shop/web').map((e) => `${e.host} ${e.port} ${e.decision}`)).toEqual([
      'httpbin.org 80/HTTP allowed', 'httpbin.org other ports blocked', `${OTHER_HOSTS} any blocked`,
    ]);
  });

  test('a Sidecar egress listener with a port imports its hosts on that port only; the one without a port on the others', () => {
    const tls = httpOnly.replace('name: httpbin', 'name: httpbin-tls').replace('ports: [{ number: 80, name: http, protocol: HTTP }]', 'ports: [{ number: 80, name: http, protocol: HTTP }, { number: 443, name: tls, protocol: TLS }]');
    const mesh = meshOf(WORKLOADS + tls + sidecar('default', 'shop', `${registryOnly}  egress:
    - port: { number: 443, protocol: TLS, name: tls }
      hosts: ["istio-system/*"]
    - hosts: ["./*"]`));
    const rows = explainEgress(mesh).filter((e) => e.workload === 'shop/web');
    expect(rows.map((e) => `${e.host} ${e.port} ${e.decision}`)).toEqual([
      'httpbin.org 80/HTTP allowed', 'httpbin.org 443/TLS blocked', 'httpbin.org other ports blocked', `${OTHER_HOSTS} any blocked`,
    ]);
    expect(rows[1].why).toBe('REGISTRY_ONLY (Sidecar shop/default): ServiceEntry shop/httpbin-tls is not in Sidecar shop/default egress hosts [istio-system/*] (its egress listener for port 443)');
    expect(mesh.sidecars[0].egressHosts).toEqual(['istio-system/*', './*']);
  });

  test('ServiceEntries alone (no workloads): each namespace stands for its workloads, and every ServiceEntry is listed', () => {
    const mesh = meshOf(httpOnly + sidecar('default', 'shop', registryOnly) + `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: db, namespace: data }
spec:
  hosts: [db.internal.example.com]
  addresses: [10.0.0.5]
  location: MESH_INTERNAL
  resolution: STATIC
  endpoints: [{ address: 10.0.0.5 }]
  exportTo: ["."]
  ports: [{ number: 5432, name: tcp-postgres, protocol: TCP }]
`);
    expect(explainEgress(mesh).map((e) => `${e.workload} ${e.host} ${e.port} ${e.decision}`)).toEqual([
      'data/(any workload) db.internal.example.com 5432/TCP allowed',
      'data/(any workload) db.internal.example.com other ports allowed',
      'data/(any workload) httpbin.org 80/HTTP allowed',
      'data/(any workload) httpbin.org other ports allowed',
      `data/(any workload) ${OTHER_HOSTS} any allowed`,
      'shop/(any workload) db.internal.example.com 5432/TCP blocked',
      'shop/(any workload) db.internal.example.com other ports blocked',
      'shop/(any workload) httpbin.org 80/HTTP allowed',
      'shop/(any workload) httpbin.org other ports blocked',
      `shop/(any workload) ${OTHER_HOSTS} any blocked`,
    ]);
    expect(explainServiceEntries(mesh)).toEqual([
      { serviceEntry: 'data/db', file: 'inline.yaml', hosts: ['db.internal.example.com'], ports: ['5432/TCP'], resolution: 'STATIC', location: 'MESH_INTERNAL', exportTo: '.', endpoints: '1 listed endpoint(s)' },
      { serviceEntry: 'shop/httpbin', file: 'inline.yaml', hosts: ['httpbin.org'], ports: ['80/HTTP'], resolution: 'DNS', location: 'MESH_EXTERNAL', exportTo: '* (default)', endpoints: 'the hosts\' DNS addresses' },
    ]);
    const text = renderServiceEntriesText(explainServiceEntries(mesh));
    expect(text).toContain('SERVICE ENTRIES');
    expect(squash(text)).toContain('shop/httpbin | httpbin.org | 80/HTTP | DNS | the hosts\' DNS addresses | MESH_EXTERNAL | * (default)');
    expect(squash(renderEgressText(explainEgress(mesh)))).toContain('shop/(any workload) | httpbin.org | other ports | BLOCKED | shop/default | REGISTRY_ONLY');
  });

  test('routes on a ServiceEntry host are explained like routes on a Service, and a host without VirtualService says where requests go', () => {
    const mesh = meshOf(httpOnly + `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: api, namespace: shop }
spec:
  hosts: [api.example.com]
  resolution: DNS
  ports: [{ number: 443, name: https, protocol: HTTPS }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin, namespace: shop }
spec:
  hosts: [httpbin.org]
  http:
    - match: [{ uri: { prefix: /slow } }]
      timeout: 3s
      route: [{ destination: { host: httpbin.org } }]
`);
    const traffic = explainTraffic(mesh);
    expect(traffic.map((t) => [t.host, t.serviceEntries, t.virtualService])).toEqual([
      ['api.example.com', ['shop/api'], undefined],
      ['httpbin.org', ['shop/httpbin'], 'shop/httpbin'],
    ]);
    expect(traffic[0].notes).toEqual(['no VirtualService: requests go to the endpoints of ServiceEntry shop/api (resolution DNS)']);
    expect(traffic[1].routes.map((r) => [r.when, r.timeout])).toEqual([[['uri starts with "/slow"'], '3s']]);
    expect(traffic[1].notes).toEqual([]);
  });
});
