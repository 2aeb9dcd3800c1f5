import { clusterProblems, ISTIO_CRD_FILE, istioValidator } from '../support/validate';

// The validators must be able to fail: each known-bad object below is rejected for the reason given.
const vs = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'x', namespace: 'n' }, spec });

describe('the cluster validators reject what a cluster rejects', () => {
  test('a valid VirtualService passes', async () => {
    expect(await clusterProblems(vs({ hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }] }] }))).toEqual([]);
  });

  test('the published Istio model rejects a wrongly typed field', async () => {
    const problems = await clusterProblems(vs({ hosts: ['a'], http: [{ route: [{ destination: { host: 'a' }, weight: 'ten' }] }] }));
    expect(problems.join('\n')).toMatch(/model: .*weight must be integer/);
  });

  test('the published Kubernetes model rejects a wrongly typed field', async () => {
    const problems = await clusterProblems({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 'eighty' }] } });
    expect(problems.join('\n')).toMatch(/model: .*port must be integer/);
  });

  test('istiod\'s checks reject a header name that is no HTTP token and a split whose weights are all 0', async () => {
    const problems = await clusterProblems(vs({
      hosts: ['a'],
      http: [{ match: [{ headers: { 'x:y': { exact: '1' } } }], route: [{ destination: { host: 'a', subset: 'x' }, weight: 0 }, { destination: { host: 'a', subset: 'y' }, weight: 0 }] }],
    }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('header name x:y is not a valid header name'),
      expect.stringContaining('total destination weight = 0'),
    ]));
  });

  test('istiod\'s checks reject a wildcard ServiceEntry resolved by DNS and a Sidecar host without namespace', async () => {
    const entry = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'x', namespace: 'n' }, spec: { hosts: ['*.example.com'], ports: [{ name: 'tls', number: 443, protocol: 'TLS' }], resolution: 'DNS' } };
    const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'x', namespace: 'n' }, spec: { egress: [{ hosts: ['www.example.com'] }] } };
    expect((await clusterProblems(entry)).join('\n')).toContain('hosts must be FQDN if no endpoints are provided for resolution mode DNS');
    expect((await clusterProblems(sidecar)).join('\n')).toContain('host must be of form namespace/dnsName');
  });

  test('istiod\'s checks take DYNAMIC_DNS for wildcard hosts without endpoints or addresses only', async () => {
    const entry = (spec: Record<string, unknown>) => ({
      apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'x', namespace: 'n' },
      spec: { hosts: ['*.example.com'], location: 'MESH_EXTERNAL', ports: [{ name: 'tls', number: 443, protocol: 'TLS' }], resolution: 'DYNAMIC_DNS', ...spec },
    });
    expect(await clusterProblems(entry({}))).toEqual([]);
    expect((await clusterProblems(entry({ hosts: ['api.example.com'] }))).join('\n')).toContain('DYNAMIC_DNS resolution is for wildcard hosts only, not api.example.com');
    expect((await clusterProblems(entry({ endpoints: [{ address: '203.0.113.7' }] }))).join('\n')).toContain('DYNAMIC_DNS resolution cannot have endpoints');
    expect((await clusterProblems(entry({ addresses: ['240.240.0.1'] }))).join('\n')).toContain('DYNAMIC_DNS resolution cannot have addresses');
  });

  test('Istio\'s CRD schema rejects unknown fields and its CEL rules reject a timeout under 1ms', async () => {
    if (!istioValidator().checksCrds) {
      console.warn(`Istio CRD file not found at ${ISTIO_CRD_FILE}: CRD schema and CEL checks are not run`);
      return;
    }
    const problems = await clusterProblems(vs({ hosts: ['a'], bogus: true, http: [{ timeout: '500us', route: [{ destination: { host: 'a' } }] }] }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('/spec/bogus is not a field of this object'),
      expect.stringMatching(/cel: \/spec\/http\/0\/timeout/),
    ]));
  });

  test('Istio\'s CEL rules that use Kubernetes\' URL library are evaluated: a JWKS URI must be http or https', async () => {
    if (!istioValidator().checksCrds) {
      console.warn(`Istio CRD file not found at ${ISTIO_CRD_FILE}: CEL checks are not run`);
      return;
    }
    const ra = (jwksUri: string) => ({ apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: { name: 'x', namespace: 'n' }, spec: { jwtRules: [{ issuer: 'i', jwksUri }] } });
    expect(await clusterProblems(ra('https://a.example.com/jwks'))).toEqual([]);
    expect((await clusterProblems(ra('ftp://a.example.com/jwks'))).join('\n')).toMatch(/cel: \/spec\/jwtRules\/0\/jwksUri/);
  });
});
