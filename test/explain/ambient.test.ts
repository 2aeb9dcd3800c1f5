import * as fc from 'fast-check';
import {
  asEnforcedByZtunnel, AuthorizationPolicyConfig, AuthorizationRule, checkRequest, checkThroughGateway, explainAccess, httpAttributesOf, Mesh, ruleTruth,
} from '../../lib/explain';
import { meshOf, workloadYaml } from './helpers';

// Ambient mode, as Istio documents it (https://istio.io/latest/docs/ambient/usage/l4-policy/): a waypoint enforces
// the policies that target it with the caller's identity and every L7 attribute, then connects to the pods with its
// own identity; the pods' ztunnel enforces their selector and namespace-wide policies at L4 only.

const namespace = (name: string, labels: Record<string, string>): string => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels: ${JSON.stringify(labels)}
---
`;

const service = (ns: string, name: string, app: string, labels: Record<string, string> = {}): string => `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns}, labels: ${JSON.stringify(labels)} }
spec: { selector: { app: ${app} }, ports: [{ port: 80, targetPort: 8080 }] }
---
`;

const WAYPOINT = (annotations: Record<string, string> = {}): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: waypoint, namespace: shop, annotations: ${JSON.stringify(annotations)} }
spec:
  gatewayClassName: istio-waypoint
  listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
---
`;

// front/client and front/other call shop/web; web's Service uses the waypoint shop/waypoint, web-direct does not.
// shop denies by default; the waypoint admits GET from client; the pods admit only the waypoint.
const CALLERS = `${namespace('front', { 'istio.io/dataplane-mode': 'ambient' })}${workloadYaml('front', 'client', { app: 'client' })}${workloadYaml('front', 'other', { app: 'other' })}`;
const SHOP = `${namespace('shop', { 'istio.io/dataplane-mode': 'ambient' })}${workloadYaml('shop', 'web', { app: 'web' })}${service('shop', 'web', 'web', { 'istio.io/use-waypoint': 'waypoint' })}${service('shop', 'web-direct', 'web')}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: allow-nothing, namespace: shop }
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: web-l7, namespace: shop }
spec:
  targetRefs: [{ kind: Service, group: "", name: web }]
  action: ALLOW
  rules:
    - from: [{ source: { principals: [cluster.local/ns/front/sa/client] } }]
      to: [{ operation: { methods: [GET] } }]
---
`;
const FROM_WAYPOINT = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: web-from-waypoint, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  action: ALLOW
  rules: [{ from: [{ source: { principals: [cluster.local/ns/shop/sa/waypoint] } }] }]
---
`;

const accessOf = (mesh: Mesh, caller: string, target: string) => explainAccess(mesh).entries.find((e) => e.caller === caller && e.target === target)!;

describe('a Service through a waypoint, its pods admitting only the waypoint', () => {
  const mesh = meshOf(`${CALLERS}${SHOP}${WAYPOINT()}${FROM_WAYPOINT}`);

  test('GET from client: the waypoint admits the caller, then ztunnel admits the waypoint', () => {
    const result = checkRequest(mesh, { from: 'front/client', to: 'web.shop', method: 'GET' });
    expect(result.verdict.outcome).toBe('allowed');
    const authorization = result.destinations[0].workloads[0].authorization;
    expect(authorization.policy).toBe('ztunnel: ALLOW shop/web-from-waypoint');
    expect(authorization.notes).toEqual(expect.arrayContaining([
      'at waypoint shop/waypoint (L7, caller identity cluster.local/ns/front/sa/client): allowed (ALLOW shop/web-l7: ALLOW rule #1 matches)',
      'at ztunnel (L4, as seen from the waypoint\'s identity cluster.local/ns/shop/sa/waypoint)',
    ]));
    expect(result.notes.join('\n')).toContain('waypoint shop/waypoint connects to the pods as shop/sa/waypoint (cluster.local/ns/shop/sa/waypoint)');
  });

  test.each([
    ['front/client', 'POST'],
    ['front/other', 'GET'],
  ])('%s %s is denied at the waypoint', (from, method) => {
    const result = checkRequest(mesh, { from, to: 'web.shop', method });
    expect(result.verdict.outcome).toBe('denied');
    expect(result.destinations[0].workloads[0].authorization.policy).toBe('waypoint shop/waypoint: ALLOW shop/web-l7');
  });

  test('a Service that opts out of the waypoint reaches the pods with the caller\'s identity, which ztunnel does not admit', () => {
    const result = checkRequest(mesh, { from: 'front/client', to: 'web-direct.shop', method: 'GET' });
    expect(result.verdict.outcome).toBe('denied');
    const authorization = result.destinations[0].workloads[0].authorization;
    expect(authorization).toMatchObject({ policy: 'ztunnel: ALLOW shop/allow-nothing', why: 'allow-nothing (no rules) and no other ALLOW policy matches (shop/web-from-waypoint)' });
    expect(authorization.notes).toContain('at ztunnel (L4, as seen from the caller\'s identity cluster.local/ns/front/sa/client)');
  });

  test('the access table decides as check does: the waypoint with the caller, then ztunnel with the waypoint', () => {
    const client = accessOf(mesh, 'front/sa/client', 'shop/web');
    expect(client.decision).toBe('depends');
    expect(client.policy).toBe('waypoint shop/waypoint: ALLOW shop/web-l7; then ztunnel: ALLOW shop/web-from-waypoint');
    expect(client.notes).toEqual(expect.arrayContaining([
      'at waypoint shop/waypoint (L7, caller identity cluster.local/ns/front/sa/client): depends (ALLOW shop/web-l7: allowed only when method = GET)',
      'at ztunnel (L4, as seen from the waypoint\'s identity cluster.local/ns/shop/sa/waypoint)',
      'called by pod IP, bypassing the waypoint, it would be denied (ztunnel: ALLOW shop/allow-nothing: allow-nothing (no rules) and no other ALLOW policy matches (shop/web-from-waypoint))',
    ]));
    expect(accessOf(mesh, 'front/sa/other', 'shop/web').decision).toBe('denied');
  });

  test('check agrees with the access table for every caller and method', () => {
    fc.assert(fc.property(fc.constantFrom('front/client', 'front/other'), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), (from, method) => {
      const outcome = checkRequest(mesh, { from, to: 'web.shop', method }).verdict.outcome;
      const decision = accessOf(mesh, `${from.replace('/', '/sa/')}`, 'shop/web').decision;
      return decision === 'depends' ? ['allowed', 'denied'].includes(outcome) : outcome === decision;
    }));
  });
});

describe('the classic ambient misconfiguration: the pods do not admit the waypoint', () => {
  const mesh = meshOf(`${CALLERS}${SHOP}${WAYPOINT()}`);

  test('GET from client passes the waypoint and is denied at ztunnel, which sees the waypoint\'s identity', () => {
    const result = checkRequest(mesh, { from: 'front/client', to: 'web.shop', method: 'GET' });
    expect(result.verdict.outcome).toBe('denied');
    const authorization = result.destinations[0].workloads[0].authorization;
    expect(authorization.policy).toBe('ztunnel: ALLOW shop/allow-nothing');
    expect(authorization.notes).toContain('at ztunnel (L4, as seen from the waypoint\'s identity cluster.local/ns/shop/sa/waypoint)');
  });

  test('the access table says so too', () => {
    expect(accessOf(mesh, 'front/sa/client', 'shop/web')).toMatchObject({ decision: 'denied', policy: 'ztunnel: ALLOW shop/allow-nothing' });
  });

  test('a waypoint deployed with another ServiceAccount is seen as that one', () => {
    const renamed = meshOf(`${CALLERS}${SHOP}${WAYPOINT({ 'gateway.istio.io/service-account': 'waypoint-sa' })}${FROM_WAYPOINT}`);
    const result = checkRequest(renamed, { from: 'front/client', to: 'web.shop', method: 'GET' });
    expect(result.verdict.outcome).toBe('denied');
    expect(result.destinations[0].workloads[0].authorization.notes).toContain('at ztunnel (L4, as seen from the waypoint\'s identity cluster.local/ns/shop/sa/waypoint-sa)');
  });
});

// Namespace plain without a waypoint: ztunnel alone enforces db's policies, at L4.
const PLAIN = (dataplane: Record<string, string>, withL4Allow: boolean): string => `${namespace('plain', dataplane)}${workloadYaml('plain', 'db', { app: 'db' })}${service('plain', 'db', 'db')}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: db-l7, namespace: plain }
spec:
  selector: { matchLabels: { app: db } }
  action: ALLOW
  rules:
    - from: [{ source: { principals: [cluster.local/ns/front/sa/client] } }]
      to: [{ operation: { methods: [GET] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-other-post, namespace: plain }
spec:
  selector: { matchLabels: { app: db } }
  action: DENY
  rules:
    - from: [{ source: { principals: [cluster.local/ns/front/sa/other] } }]
      to: [{ operation: { methods: [POST] } }]
---
${withL4Allow ? `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: db-l4, namespace: plain }
spec:
  selector: { matchLabels: { app: db } }
  action: ALLOW
  rules: [{ from: [{ source: { principals: [cluster.local/ns/front/sa/client, cluster.local/ns/front/sa/other] } }] }]
---
` : ''}`;

describe('an ambient namespace without a waypoint: ztunnel enforces L4 only', () => {
  test('an ALLOW rule with methods matches nothing at ztunnel, so GET is denied', () => {
    const mesh = meshOf(`${CALLERS}${PLAIN({ 'istio.io/dataplane-mode': 'ambient' }, false)}`);
    const result = checkRequest(mesh, { from: 'front/client', to: 'db.plain', method: 'GET' });
    expect(result.verdict.outcome).toBe('denied');
    const authorization = result.destinations[0].workloads[0].authorization;
    expect(authorization.policy).toBe('ztunnel: ALLOW plain/db-l7');
    expect(authorization.notes).toEqual(expect.arrayContaining([
      'at ztunnel (L4, as seen from the caller\'s identity cluster.local/ns/front/sa/client)',
      'ztunnel omits rule #1 of ALLOW plain/db-l7: it reads HTTP attributes (methods) that ztunnel cannot see, so it matches nothing (use a waypoint for L7 rules)',
    ]));
  });

  test.each([
    ['front/client', 'GET', 'allowed', 'ztunnel: ALLOW plain/db-l4'],
    ['front/client', 'POST', 'allowed', 'ztunnel: ALLOW plain/db-l4'],
    // The DENY rule is enforced on its L4 part alone: every request from other.
    ['front/other', 'GET', 'denied', 'ztunnel: DENY plain/deny-other-post'],
  ])('with an L4 ALLOW, %s %s is %s (%s)', (from, method, outcome, policy) => {
    const mesh = meshOf(`${CALLERS}${PLAIN({ 'istio.io/dataplane-mode': 'ambient' }, true)}`);
    const result = checkRequest(mesh, { from, to: 'db.plain', method });
    expect(result.verdict.outcome).toBe(outcome);
    expect(result.destinations[0].workloads[0].authorization.policy).toBe(policy);
  });

  test.each([
    ['front/client', 'GET', 'allowed', 'ALLOW plain/db-l4'],
    ['front/other', 'GET', 'allowed', 'ALLOW plain/db-l4'],
    ['front/other', 'POST', 'denied', 'DENY plain/deny-other-post'],
  ])('the same policies at sidecars: %s %s is %s (%s)', (from, method, outcome, policy) => {
    const mesh = meshOf(`${CALLERS}${PLAIN({}, true)}`);
    const result = checkRequest(mesh, { from, to: 'db.plain', method });
    expect(result.verdict.outcome).toBe(outcome);
    expect(result.destinations[0].workloads[0].authorization.policy).toBe(policy);
  });
});

describe('an ambient caller has no sidecar to block its requests', () => {
  const FENCE = `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: front }
spec:
  egress: [{ hosts: ["./*"] }]
  outboundTrafficPolicy: { mode: REGISTRY_ONLY }
---
`;

  test('a Sidecar of its namespace does not apply', () => {
    const mesh = meshOf(`${CALLERS}${FENCE}${PLAIN({ 'istio.io/dataplane-mode': 'ambient' }, true)}`);
    const result = checkRequest(mesh, { from: 'front/client', to: 'db.plain' });
    expect(result.egress.decision).toBe('allowed');
    expect(result.verdict.outcome).toBe('allowed');
    expect(result.notes).toContain('caller front/client is in ambient mode: it has no sidecar, so no Sidecar resource or outboundTrafficPolicy applies to its requests');
  });

  test('the same caller with a sidecar is blocked', () => {
    const sidecarCallers = CALLERS.replace('{"istio.io/dataplane-mode":"ambient"}', '{}');
    const mesh = meshOf(`${sidecarCallers}${FENCE}${PLAIN({}, true)}`);
    expect(checkRequest(mesh, { from: 'front/client', to: 'db.plain' }).verdict.outcome).toBe('blocked');
  });
});

describe('an ingress gateway in front of ambient pods', () => {
  const INGRESS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public, namespace: edge }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP, hostname: db.example.com, allowedRoutes: { namespaces: { from: All } } }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: db, namespace: plain }
spec:
  parentRefs: [{ name: public, namespace: edge }]
  rules: [{ backendRefs: [{ name: db, port: 80 }] }]
---
`;

  test('ztunnel decides at L4 with the gateway\'s identity, so the L7 rule that names it matches nothing', () => {
    const gatewayRule = PLAIN({ 'istio.io/dataplane-mode': 'ambient' }, false).replace('cluster.local/ns/front/sa/client', 'cluster.local/ns/edge/sa/public-istio');
    const result = checkThroughGateway(meshOf(`${CALLERS}${gatewayRule}${INGRESS}`), { via: 'edge/public', to: 'db.example.com', path: '/' });
    const authorization = result.destinations[0].workloads[0].authorization;
    expect(authorization.decision).toBe('denied');
    expect(authorization.notes).toContain('at ztunnel (L4, as seen from the gateway\'s identity cluster.local/ns/edge/sa/public-istio)');
  });
});

const policy = (action: AuthorizationPolicyConfig['action'], rules: AuthorizationRule[]): AuthorizationPolicyConfig => ({
  kind: 'AuthorizationPolicy', namespace: 'shop', name: 'p', source: { file: 'inline.yaml', index: 0 }, action, hasTargetRefs: false, targetRefs: [], rules, dryRun: false,
} as unknown as AuthorizationPolicyConfig);

describe('asEnforcedByZtunnel', () => {
  const rule = (r: Partial<AuthorizationRule>): AuthorizationRule => ({ from: [], to: [], when: [], ...r });

  test.each([
    ['ports and principals', rule({ from: [{ principals: ['a'] }], to: [{ ports: ['80'] }] }), []],
    ['methods and paths', rule({ to: [{ methods: ['GET'], paths: ['/x'] }] }), ['methods', 'paths']],
    ['JWT principals and remote IPs', rule({ from: [{ requestPrincipals: ['*'], remoteIpBlocks: ['1.2.3.4'] }] }), ['remoteIpBlocks', 'requestPrincipals']],
    ['a header condition', rule({ when: [{ key: 'request.headers[x]', values: ['1'], notValues: [] }] }), ['request.headers[x]']],
    ['L4 conditions', rule({ when: [{ key: 'source.ip', values: ['1.2.3.4'], notValues: [] }, { key: 'destination.port', values: ['80'], notValues: [] }] }), []],
  ])('%s: HTTP attributes %j', (_, r, http) => {
    expect(httpAttributesOf(r)).toEqual(http);
  });

  test('an ALLOW policy loses its L7 rules; a DENY policy keeps their L4 parts; CUSTOM is not enforced', () => {
    const l7 = rule({ from: [{ principals: ['a'] }], to: [{ methods: ['GET'] }] });
    const l4 = rule({ from: [{ principals: ['b'] }] });
    expect(asEnforcedByZtunnel(policy('ALLOW', [l7, l4])).policy!.rules).toEqual([l4]);
    expect(asEnforcedByZtunnel(policy('DENY', [l7])).policy!.rules).toEqual([rule({ from: [{ principals: ['a'] }], to: [{}] })]);
    expect(asEnforcedByZtunnel(policy('CUSTOM', [l4])).policy).toBeUndefined();
  });

  test('a DENY rule matches at ztunnel every connection whose requests it matches at a sidecar (more restrictive, never less)', () => {
    const values = <T>(xs: T[]) => fc.option(fc.subarray(xs, { minLength: 1 }), { nil: undefined });
    const denyRule = fc.record({ principals: values(['a', 'b']), methods: values(['GET', 'POST']), ports: values(['80', '8080']) }).map(({ principals, methods, ports }) => rule({
      from: principals === undefined ? [] : [{ principals }],
      to: methods === undefined && ports === undefined ? [] : [{ ...(methods === undefined ? {} : { methods }), ...(ports === undefined ? {} : { ports }) }],
    }));
    fc.assert(fc.property(denyRule, fc.constantFrom('a', 'b', 'c'), fc.constantFrom('GET', 'POST', 'PUT'), fc.constantFrom(80, 8080, 9090), (r, principal, method, port) => {
      const view = asEnforcedByZtunnel(policy('DENY', [r])).policy!.rules[0];
      const source = { principal, namespace: 'front' };
      return ruleTruth(r, { source, method, port }) !== true || ruleTruth(view, { source, port }) === true;
    }));
  });
});
