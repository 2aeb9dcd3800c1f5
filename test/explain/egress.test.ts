import { checkRequest, egressDecision, explainEgress, Mesh, OTHER_HOSTS, outboundContext, sidecarFor } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

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
    expect(rows.map((e) => [e.host, e.decision, e.mode])).toEqual([
      ['api.stripe.com', 'allowed', 'ALLOW_ANY'],
      [OTHER_HOSTS, 'allowed', 'ALLOW_ANY'],
    ]);
    expect(rows[1].why).toBe('ALLOW_ANY (mesh default): not an allow-list; via passthrough');
  });

  test('the mesh default can be REGISTRY_ONLY (meshConfig), which a Sidecar can override', () => {
    const mesh = meshOf(WORKLOADS + sidecar('worker', 'shop', '  workloadSelector: { labels: { app: worker } }\n  outboundTrafficPolicy: { mode: ALLOW_ANY }'),
      { outboundTrafficPolicy: 'REGISTRY_ONLY' });
    expect(decide(mesh, 'shop/web', 'example.org')).toEqual({ decision: 'blocked', why: 'REGISTRY_ONLY (mesh default): no ServiceEntry for this host' });
    expect(decide(mesh, 'shop/worker', 'example.org').decision).toBe('allowed');
  });
});
