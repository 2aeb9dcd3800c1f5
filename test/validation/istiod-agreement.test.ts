import * as fs from 'fs';
import * as path from 'path';
import { IstioValidator } from '../../lib/validation';
import { ISTIO_CRD_FILE } from '../support/validate';

// Where meshlight's validation and istiod (Istio 1.30.3) disagreed: each case is what istiod does, cited in
// lib/validation/istiod-checks.ts. istiod's rules alone (no CRD file), so that these run on a bare clone too.
const istiod = IstioValidator.istiodRulesOnly();
const vs = (http: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'shop' }, spec: { hosts: ['web'], http, ...extra },
});
const to = (subset: string, weight?: number) => ({ destination: { host: 'web', subset }, ...(weight === undefined ? {} : { weight }) });

describe('route weights are relative, as istiod reads them (validateHTTPRouteDestinations)', () => {
  test.each([
    ['60 and 30', [to('a', 60), to('b', 30)]],
    ['1 and 1', [to('a', 1), to('b', 1)]],
    ['one destination of weight 0', [to('a', 0)]],
    ['one weighted destination beside an unweighted one', [to('a', 5), to('b')]],
  ])('accepts %s', (_, route) => {
    expect(istiod.validate(vs([{ route }]))).toEqual([]);
  });

  test.each([
    ['two destinations of total weight 0', [to('a', 0), to('b', 0)], 'total destination weight = 0'],
    ['a negative weight', [to('a', -1), to('b', 10)], 'weight -1 < 0'],
  ])('rejects %s', (_, route, problem) => {
    expect(istiod.validate(vs([{ route }])).join('\n')).toContain(problem);
  });
});

describe('durations have millisecond precision and are at least 1ms (agent.ValidateDuration)', () => {
  test.each(['1ms', '2ms', '1.5s', '10s', '1m30s', '0.001s'])('accepts a timeout of %s', (timeout) => {
    expect(istiod.validate(vs([{ timeout, route: [to('a')] }]))).toEqual([]);
  });

  test.each([
    ['1.5ms', 'only durations to ms precision are supported'],
    ['1001us', 'only durations to ms precision are supported'],
    ['500us', 'duration must be greater than 1ms'],
    ['0s', 'duration must be greater than 1ms'],
    ['ten seconds', 'is not a duration'],
  ])('rejects a timeout of %s', (timeout, problem) => {
    expect(istiod.validate(vs([{ timeout, route: [to('a')] }])).join('\n')).toContain(problem);
  });

  test('the same rule holds for retries, fault delays and DestinationRule timeouts', () => {
    expect(istiod.validate(vs([{ retries: { attempts: 2, perTryTimeout: '2.5ms' }, route: [to('a')] }])).join('\n')).toContain('/spec/http/0/retries/perTryTimeout');
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'web', namespace: 'shop' },
      spec: { host: 'web', trafficPolicy: { connectionPool: { tcp: { connectTimeout: '0.5ms' } } } } };
    expect(istiod.validate(dr).join('\n')).toContain('/spec/trafficPolicy/connectionPool/tcp/connectTimeout');
  });
});

describe('header names are tokens of letters, digits, - and _, in either case (ValidateHTTPHeaderNameOrJwtClaimRoute)', () => {
  test.each(['Gray', 'x-user', 'X_Canary', 'end-user'])('accepts a header match on %s', (name) => {
    expect(istiod.validate(vs([{ match: [{ headers: { [name]: { exact: '1' } } }], route: [to('a')] }]))).toEqual([]);
  });

  test.each([
    ['x user', 'header name x user is not a valid header name'],
    ['x:y', 'header name x:y is not a valid header name'],
    ['', 'header name cannot be empty'],
  ])('rejects a header match on %j', (name, problem) => {
    expect(istiod.validate(vs([{ match: [{ headers: { [name]: { exact: '1' } } }], route: [to('a')] }])).join('\n')).toContain(problem);
  });

  test('header manipulation takes any non-empty name but Host and pseudo-headers (ValidateHTTPHeaderOperationName)', () => {
    expect(istiod.validate(vs([{ headers: { request: { set: { 'X-Canary': '1' } }, response: { remove: ['Server'] } }, route: [to('a')] }]))).toEqual([]);
    expect(istiod.validate(vs([{ headers: { response: { set: { host: 'x' } } }, route: [to('a')] }])).join('\n')).toContain('cannot set Host header');
  });
});

describe('Istio\'s own valid ServiceEntry fixture is accepted', () => {
  const fixture = path.join(__dirname, 'fixtures/istio-serviceentry-valid.yaml');

  test('by istiod\'s rules', () => {
    expect(istiod.validateFiles([fixture])).toEqual([]);
  });

  test('by the CRD schema and CEL rules as well', () => {
    if (!fs.existsSync(ISTIO_CRD_FILE)) {
      console.warn(`Istio CRD file not found at ${ISTIO_CRD_FILE}: CRD schema and CEL checks are not run`);
      return;
    }
    expect(IstioValidator.fromCrdFile(ISTIO_CRD_FILE).validateFiles([fixture])).toEqual([]);
  });
});

describe('no rule istiod does not have', () => {
  test.each([
    ['a delegate VirtualService (no hosts)', { ...vs([{ route: [to('a')] }]), spec: { http: [{ route: [to('a')] }] } }],
    ['two routes of one name', vs([{ name: 'r', match: [{ uri: { prefix: '/a' } }], route: [to('a')] }, { name: 'r', route: [to('a')] }])],
    ['a query parameter prefix match', vs([{ match: [{ queryParams: { v: { prefix: '2' } } }], route: [to('a')] }])],
    ['an upper-case subset name', vs([{ route: [to('V1')] }])],
    ['a StringMatch with no kind', vs([{ match: [{ headers: { 'x-a': {} } }], route: [to('a')] }])],
    ['a wildcard ServiceEntry resolved by NONE', { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'x', namespace: 'n' }, spec: { hosts: ['*.example.com'], ports: [{ name: 'tls', number: 443, protocol: 'TLS' }], resolution: 'NONE' } }],
    ['exportTo "." on an object without a namespace', { ...vs([{ route: [to('a')] }], { exportTo: ['.'] }), metadata: { name: 'web' } }],
  ])('accepts %s', (_, object) => {
    expect(istiod.validate(object)).toEqual([]);
  });
});
