import { authorize, decideAccess, DEFAULT_MESH_OPTIONS, effectiveMtls, Mesh, MeshRequest } from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

const WORKLOADS = [
  workloadYaml('shop', 'api-v1', { app: 'api', version: 'v1' }, 'api'),
  workloadYaml('shop', 'api-v2', { app: 'api', version: 'v2' }, 'api'),
  workloadYaml('shop', 'web', { app: 'web' }),
  workloadYaml('other', 'api', { app: 'api' }),
].join('');

const WEB = 'cluster.local/ns/shop/sa/web';
const FRONT = 'cluster.local/ns/front/sa/ui';

/** A mesh of the shop workloads and `policies` (YAML documents without the leading ---). */
function withPolicies(policies: string): Mesh {
  return meshOf(`${WORKLOADS}${policies}`);
}

function policy(name: string, spec: string, extra = '', namespace = 'shop'): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
${extra}spec:
${spec}
---
`;
}

function at(mesh: Mesh, target: string, request: Partial<MeshRequest> & { principal?: string | null }) {
  const workload = mesh.workloads.find((w) => `${w.namespace}/${w.name}` === target)!;
  const principal = request.principal === undefined ? WEB : request.principal;
  const namespace = principal === null ? null : principal.split('/')[2];
  return authorize(workload, { source: { principal, namespace }, method: 'GET', path: '/', port: 8080, headers: {}, ...request }, mesh.authorizationPolicies, mesh.options);
}

describe('AuthorizationPolicy evaluation, as Istio does it', () => {
  test('no policy: allowed by default', () => {
    expect(at(withPolicies(''), 'shop/api-v1', {})).toMatchObject({ decision: 'allowed', policy: '(none)' });
  });

  test('spec: {} selects every workload of its namespace and allows nothing', () => {
    const mesh = withPolicies(policy('allow-nothing', '  {}'));
    expect(at(mesh, 'shop/api-v1', {})).toMatchObject({ decision: 'denied', policy: 'ALLOW shop/allow-nothing' });
    expect(at(mesh, 'shop/web', {}).decision).toBe('denied');
    expect(at(mesh, 'other/api', {}).decision).toBe('allowed');
  });

  test('rules: [{}] matches every request', () => {
    const mesh = withPolicies(policy('allow-nothing', '  {}') + policy('allow-all', '  rules: [{}]'));
    expect(at(mesh, 'shop/api-v1', { principal: null })).toMatchObject({ decision: 'allowed', policy: 'ALLOW shop/allow-all' });
  });

  test('a matching DENY wins over a matching ALLOW', () => {
    const mesh = withPolicies(policy('allow-all', '  rules: [{}]') + policy('deny-delete', '  action: DENY\n  rules: [{ to: [{ operation: { methods: [DELETE] } }] }]'));
    expect(at(mesh, 'shop/api-v1', { method: 'DELETE' })).toMatchObject({ decision: 'denied', policy: 'DENY shop/deny-delete', why: 'DENY rule #1 matches' });
    expect(at(mesh, 'shop/api-v1', { method: 'GET' })).toMatchObject({ decision: 'allowed', policy: 'ALLOW shop/allow-all' });
  });

  test('a DENY policy without rules denies nothing', () => {
    expect(at(withPolicies(policy('deny', '  action: DENY')), 'shop/api-v1', {}).decision).toBe('allowed');
  });

  const rules = policy('allow-nothing', '  {}') + policy('api', `  selector: { matchLabels: { app: api } }
  rules:
    - from:
        - source: { principals: ["${WEB}"] }
        - source: { namespaces: [front], notPrincipals: ["cluster.local/ns/front/sa/blocked"] }
      to:
        - operation: { methods: [GET, HEAD], paths: ["/public/*", "*.css", "/items/{*}/price"] }
        - operation: { methods: [POST], paths: [/orders], ports: ["8080"] }
      when:
        - key: request.headers[x-tenant]
          values: [acme, "beta-*"]
        - key: request.headers[x-debug]
          notValues: ["1"]
`);

  test.each([
    ['from entry 1 (principal) with operation 1', { method: 'GET', path: '/public/a' }, 'allowed'],
    ['from entry 2 (namespace AND notPrincipals)', { principal: FRONT, method: 'GET', path: '/public/a' }, 'allowed'],
    ['from entry 2 but a principal it excludes', { principal: 'cluster.local/ns/front/sa/blocked', method: 'GET', path: '/public/a' }, 'denied'],
    ['a caller in no from entry', { principal: 'cluster.local/ns/shop/sa/other', path: '/public/a' }, 'denied'],
    ['a plaintext caller (no principal, no namespace)', { principal: null, path: '/public/a' }, 'denied'],
    ['operation 2: method AND path AND port', { method: 'POST', path: '/orders' }, 'allowed'],
    ['operation 2 on another port', { method: 'POST', path: '/orders', port: 9090 }, 'denied'],
    ['a method of operation 1 with the path of operation 2', { method: 'GET', path: '/orders' }, 'denied'],
    ['a suffix wildcard path', { path: '/static/site.css' }, 'allowed'],
    ['a path template {*} (one segment)', { path: '/items/42/price' }, 'allowed'],
    ['a path template {*} does not span segments', { path: '/items/4/2/price' }, 'denied'],
    ['when: a second header value by prefix wildcard', { path: '/public/a', headers: { 'x-tenant': 'beta-7' } }, 'allowed'],
    ['when: the header is missing', { path: '/public/a', headers: {} }, 'denied'],
    ['when: notValues excludes it', { path: '/public/a', headers: { 'x-tenant': 'acme', 'x-debug': '1' } }, 'denied'],
  ])('%s → %s', (_, request, expected) => {
    const headers = 'headers' in request ? request.headers : { 'x-tenant': 'acme' };
    expect(at(withPolicies(rules), 'shop/api-v2', { ...request, headers }).decision).toBe(expected);
  });

  test('a policy in the root namespace selects matching workloads of every namespace', () => {
    const mesh = withPolicies(policy('api-only-web', `  selector: { matchLabels: { app: api } }
  rules: [{ from: [{ source: { principals: ["${WEB}"] } }] }]`, '', 'istio-system'));
    expect(at(mesh, 'other/api', { principal: FRONT })).toMatchObject({ decision: 'denied', policy: 'ALLOW istio-system/api-only-web' });
    expect(at(mesh, 'shop/api-v1', {}).decision).toBe('allowed');
    expect(at(mesh, 'shop/web', { principal: FRONT }).decision).toBe('allowed');
  });

  test('a selector in another namespace does not apply', () => {
    const mesh = withPolicies(policy('deny-all', '  action: DENY\n  rules: [{}]\n  selector: { matchLabels: { app: api } }', '', 'other'));
    expect(at(mesh, 'shop/api-v1', {}).decision).toBe('allowed');
    expect(at(mesh, 'other/api', {}).decision).toBe('denied');
  });

  test('a dry-run policy is reported, not enforced', () => {
    const mesh = withPolicies(policy('try-deny', '  action: DENY\n  rules: [{}]', '  annotations: { istio.io/dry-run: "true" }\n'));
    expect(at(mesh, 'shop/api-v1', {})).toEqual({
      decision: 'allowed',
      policy: '(none)',
      why: 'no ALLOW policy applies to the workload: allowed by default',
      notes: [
        'dry-run DENY shop/try-deny matches (not enforced)',
        'enforcing the dry-run policies would make this denied (DENY shop/try-deny)',
      ],
    });
  });

  test('a CUSTOM policy leaves the decision to its provider', () => {
    const mesh = withPolicies(policy('ext', '  action: CUSTOM\n  provider: { name: opa }\n  rules: [{ to: [{ operation: { paths: ["/admin*"] } }] }]'));
    expect(at(mesh, 'shop/api-v1', { path: '/admin/x' })).toMatchObject({ decision: 'depends', why: 'allowed only when provider "opa" allows' });
    expect(at(mesh, 'shop/api-v1', { path: '/home' }).decision).toBe('allowed');
  });

  test('AUDIT policies and policies with targetRefs do not decide for sidecars', () => {
    const mesh = withPolicies(policy('audit', '  action: AUDIT\n  rules: [{}]')
      + policy('waypoint', '  targetRefs: [{ kind: Service, group: "", name: api }]\n  action: DENY\n  rules: [{}]'));
    expect(at(mesh, 'shop/api-v1', {}).decision).toBe('allowed');
    expect(mesh.notes).toEqual(expect.arrayContaining([
      expect.stringContaining('AuthorizationPolicy shop/waypoint targets waypoints or Services: check evaluates it at the waypoint'),
      expect.stringContaining('AuthorizationPolicy shop/audit is AUDIT'),
    ]));
  });

  test('without a method or path, the decision depends on them and says how', () => {
    const mesh = withPolicies(policy('allow-nothing', '  {}') + policy('get', '  rules: [{ to: [{ operation: { methods: [GET] } }] }]')
      + policy('no-admin', '  action: DENY\n  rules: [{ to: [{ operation: { paths: ["/admin*"] } }] }]'));
    const d = at(mesh, 'shop/api-v1', { method: undefined, path: undefined });
    expect(d).toMatchObject({ decision: 'depends', policy: 'DENY shop/no-admin, ALLOW shop/get', why: 'allowed only when NOT path = /admin* AND method = GET' });
  });
});

describe('mTLS and principals', () => {
  const peer = (name: string, namespace: string, spec: string): string => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${spec}
---
`;

  test.each([
    ['none: PERMISSIVE by default', '', 'PERMISSIVE', undefined],
    ['mesh-wide STRICT', peer('default', 'istio-system', '  mtls: { mode: STRICT }'), 'STRICT', 'istio-system/default'],
    ['namespace beats mesh', peer('default', 'istio-system', '  mtls: { mode: STRICT }') + peer('ns', 'shop', '  mtls: { mode: DISABLE }'), 'DISABLE', 'shop/ns'],
    ['workload beats namespace', peer('ns', 'shop', '  mtls: { mode: PERMISSIVE }') + peer('api', 'shop', '  selector: { matchLabels: { app: api } }\n  mtls: { mode: STRICT }'), 'STRICT', 'shop/api'],
    ['UNSET inherits', peer('ns', 'shop', '  mtls: { mode: STRICT }') + peer('api', 'shop', '  selector: { matchLabels: { app: api } }\n  mtls: { mode: UNSET }'), 'STRICT', 'shop/ns'],
    ['a selector in the root namespace is ignored', peer('api', 'istio-system', '  selector: { matchLabels: { app: api } }\n  mtls: { mode: STRICT }'), 'PERMISSIVE', undefined],
  ])('%s', (_, yaml, mode, by) => {
    const mesh = meshOf(`${WORKLOADS}${yaml}`);
    const workload = mesh.workloads.find((w) => w.name === 'api-v1')!;
    const mtls = effectiveMtls(workload, mesh.peerAuthentications, DEFAULT_MESH_OPTIONS);
    expect([mtls.mode, mtls.by]).toEqual([mode, by]);
  });

  const allowWeb = policy('web-only', `  rules: [{ from: [{ source: { principals: ["${WEB}"] } }] }]`);
  const identity = { namespace: 'shop', serviceAccount: 'web', principal: WEB };

  test('STRICT rejects a plaintext caller before any policy', () => {
    const mesh = meshOf(`${WORKLOADS}${peer('default', 'istio-system', '  mtls: { mode: STRICT }')}${allowWeb}`);
    const target = mesh.workloads.find((w) => w.name === 'api-v1')!;
    expect(decideAccess(mesh, undefined, target)).toMatchObject({ decision: 'denied', policy: 'PeerAuthentication istio-system/default' });
    expect(decideAccess(mesh, identity, target).decision).toBe('allowed');
  });

  test('PERMISSIVE lets a plaintext caller in without a principal, and says so', () => {
    const mesh = meshOf(`${WORKLOADS}${allowWeb}`);
    const target = mesh.workloads.find((w) => w.name === 'api-v1')!;
    const d = decideAccess(mesh, undefined, target);
    expect(d.decision).toBe('denied');
    expect(d.notes).toEqual(['mTLS PERMISSIVE (no PeerAuthentication: PERMISSIVE): a plaintext caller has no principal and no namespace']);
  });

  test('DISABLE: even a mesh caller arrives without a principal', () => {
    const mesh = meshOf(`${WORKLOADS}${peer('off', 'shop', '  mtls: { mode: DISABLE }')}${allowWeb}`);
    const target = mesh.workloads.find((w) => w.name === 'api-v1')!;
    expect(decideAccess(mesh, identity, target).decision).toBe('denied');
  });
});
