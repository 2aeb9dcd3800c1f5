import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CrdValidator } from '../../lib/validation';
import * as readManifests from '../../lib/validation/read-manifests';
import { GATEWAY_API_CRD_FILE, ISTIO_CRD_FILE } from '../support/validate';

// The compiled schemas a CrdValidator keeps between runs (CrdValidatorOptions.cacheDir) only ever save time: a validator
// that loads them finds exactly what one that compiles finds, and a cache it cannot use is compiled afresh.
const haveCrds = fs.existsSync(ISTIO_CRD_FILE);
const describeWithCrds = haveCrds ? describe : describe.skip;
if (!haveCrds) console.warn(`Istio CRD file not found at ${ISTIO_CRD_FILE}: the compiled-schema cache is not tested`);

const meta = { name: 'x', namespace: 'n' };
/** Objects of several kinds, each breaking a schema or CEL rule, and one the API server accepts. */
const OBJECTS = [
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta, spec: { hosts: ['a'], bogus: true, http: [{ timeout: '500us', route: [{ destination: { host: 'a' }, weight: 'ten' }] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta, spec: { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta, spec: { host: 'a', trafficPolicy: { loadBalancer: { simple: 'SOMETIMES' } } } },
  { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta, spec: { hosts: ['a.example.com'], ports: [{ number: 70000, name: 'x', protocol: 'TCP' }, { number: 70000, name: 'y' }] } },
  { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta, spec: { selector: { matchLabels: { '': 'x' } }, targetRef: { kind: 'Gateway', name: 'g' } } },
  { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: meta, spec: { jwtRules: [{ issuer: 'i', jwksUri: 'ftp://a.example.com/jwks' }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'NoSuchKind', metadata: meta, spec: {} },
];

describeWithCrds('the compiled-schema cache', () => {
  const newCacheDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-cache-'));
  const findingsOf = (validator: CrdValidator) => OBJECTS.map((o) => validator.validate(o));
  const compiled = findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir: false }));

  test('finds problems to compare: every broken object is rejected, the valid one accepted', () => {
    expect(compiled.map((problems) => problems.length > 0)).toEqual([true, false, true, true, true, true, true]);
  });

  test('a validator that loads what another compiled finds the same, without reading the CRDs again', () => {
    const cacheDir = newCacheDir();
    const parse = jest.spyOn(readManifests, 'parseManifests');
    try {
      expect(findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir }))).toEqual(compiled);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir }))).toEqual(compiled);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    const [folder] = fs.readdirSync(cacheDir);
    expect(fs.readdirSync(path.join(cacheDir, folder)).sort()).toEqual([
      'kinds.json',
      'networking.istio.io_v1_DestinationRule.bin', 'networking.istio.io_v1_ServiceEntry.bin', 'networking.istio.io_v1_VirtualService.bin',
      'security.istio.io_v1_AuthorizationPolicy.bin', 'security.istio.io_v1_RequestAuthentication.bin',
    ]);
  });

  test('a cache it cannot use, corrupt or truncated, is compiled afresh and rewritten', () => {
    const cacheDir = newCacheDir();
    findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir }));
    const folder = path.join(cacheDir, fs.readdirSync(cacheDir)[0]);
    const virtualService = path.join(folder, 'networking.istio.io_v1_VirtualService.bin');
    const written = fs.readFileSync(virtualService);
    fs.writeFileSync(virtualService, written.subarray(0, written.length / 2));
    fs.writeFileSync(path.join(folder, 'networking.istio.io_v1_DestinationRule.bin'), 'not a schema');
    fs.writeFileSync(path.join(folder, 'kinds.json'), '{');
    expect(findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir }))).toEqual(compiled);
    expect(fs.readFileSync(virtualService)).toEqual(written);
  });

  test('another CRD file, or another content of the same file, has a cache of its own', () => {
    const cacheDir = newCacheDir();
    const crdFile = path.join(newCacheDir(), 'crds.yaml');
    fs.copyFileSync(ISTIO_CRD_FILE, crdFile);
    CrdValidator.fromFile(crdFile, { cacheDir }).validate(OBJECTS[0]);
    // The same file without the VirtualService CRD: a cache keyed by the file's path would still know the kind.
    const crds = fs.readFileSync(crdFile, 'utf8').split(/^(?=---\n)/m).filter((doc) => !/^ {4}kind: VirtualService$/m.test(doc));
    fs.writeFileSync(crdFile, crds.join(''));
    const changed = CrdValidator.fromFile(crdFile, { cacheDir });
    expect(changed.knows('networking.istio.io/v1', 'VirtualService')).toBe(false);
    expect(changed.validate(OBJECTS[1])).toEqual(['schema: / no CRD defines networking.istio.io/v1 VirtualService']);
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
  });

  test('without a cache folder nothing is written', () => {
    const cwd = process.cwd();
    const bare = newCacheDir();
    process.chdir(bare);
    try {
      expect(findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE))).toEqual(compiled);
      expect(fs.readdirSync(bare)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});

const haveGatewayApi = haveCrds && fs.existsSync(GATEWAY_API_CRD_FILE);
const describeWithGatewayApi = haveGatewayApi ? describe : describe.skip;
if (haveCrds && !haveGatewayApi) console.warn(`Gateway API CRD file not found at ${GATEWAY_API_CRD_FILE}: the cache of several CRD files is not tested`);

const route = (timeouts: Record<string, string>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta,
  spec: { parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }], rules: [{ backendRefs: [{ name: 'web', port: 80 }], timeouts }] },
});
/** Istio's objects above, and Gateway API objects: a valid HTTPRoute, one breaking a CEL rule, a valid Gateway. */
const BOTH = [
  ...OBJECTS,
  route({ request: '2s', backendRequest: '1s' }),
  route({ request: '1s', backendRequest: '2s' }),
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta, spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] } },
];

describeWithGatewayApi('the compiled-schema cache of several CRD files', () => {
  const newCacheDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-cache-'));
  const files = [ISTIO_CRD_FILE, GATEWAY_API_CRD_FILE];
  const findingsOf = (validator: CrdValidator, objects: readonly Record<string, any>[] = BOTH) => objects.map((o) => validator.validate(o));
  const compiled = findingsOf(CrdValidator.fromFiles(files, { cacheDir: false }));

  test('finds problems to compare: Istio\'s as with its file alone, and the broken HTTPRoute\'s', () => {
    expect(compiled.slice(0, OBJECTS.length)).toEqual(findingsOf(CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir: false }), OBJECTS));
    expect(compiled.slice(OBJECTS.length)).toEqual([[], ['cel: /spec/rules/0/timeouts backendRequest timeout cannot be longer than request timeout'], []]);
  });

  test('a validator that loads what another compiled finds the same, without reading any CRD file again', () => {
    const cacheDir = newCacheDir();
    const parse = jest.spyOn(readManifests, 'parseManifests');
    try {
      expect(findingsOf(CrdValidator.fromFiles(files, { cacheDir }))).toEqual(compiled);
      expect(parse).toHaveBeenCalledTimes(2);
      expect(findingsOf(CrdValidator.fromFiles(files, { cacheDir }))).toEqual(compiled);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
    const [folder] = fs.readdirSync(cacheDir);
    expect(fs.readdirSync(path.join(cacheDir, folder))).toEqual(expect.arrayContaining([
      'gateway.networking.k8s.io_v1_Gateway.bin', 'gateway.networking.k8s.io_v1_HTTPRoute.bin', 'networking.istio.io_v1_VirtualService.bin',
    ]));
  });

  test('Gateway API\'s file is only read for a Gateway API kind the cache does not hold', () => {
    const cacheDir = newCacheDir();
    findingsOf(CrdValidator.fromFiles(files, { cacheDir }), OBJECTS);
    const parse = jest.spyOn(readManifests, 'parseManifests');
    try {
      const validator = CrdValidator.fromFiles(files, { cacheDir });
      findingsOf(validator, OBJECTS);
      expect(parse).not.toHaveBeenCalled();
      expect(findingsOf(validator)).toEqual(compiled);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(parse.mock.calls[0][0]).toContain('gateway.networking.k8s.io');
    } finally {
      parse.mockRestore();
    }
  });

  test('the cache is keyed by every file: one more file, or another content of the second, has a cache of its own', () => {
    const cacheDir = newCacheDir();
    const gatewayApi = path.join(newCacheDir(), 'gateway-api.yaml');
    fs.copyFileSync(GATEWAY_API_CRD_FILE, gatewayApi);
    CrdValidator.fromFile(ISTIO_CRD_FILE, { cacheDir }).validate(OBJECTS[1]);
    expect(CrdValidator.fromFiles([ISTIO_CRD_FILE, gatewayApi], { cacheDir }).validate(BOTH[OBJECTS.length])).toEqual([]);
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
    // Gateway API's file without the HTTPRoute CRD: a cache keyed by the first file only would still know the kind.
    const crds = fs.readFileSync(gatewayApi, 'utf8').split(/^(?=---\n)/m).filter((doc) => !/^ {4}kind: HTTPRoute$/m.test(doc));
    fs.writeFileSync(gatewayApi, crds.join(''));
    const changed = CrdValidator.fromFiles([ISTIO_CRD_FILE, gatewayApi], { cacheDir });
    expect(changed.knows('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(false);
    expect(changed.knows('gateway.networking.k8s.io/v1', 'Gateway')).toBe(true);
    expect(changed.validate(BOTH[OBJECTS.length])).toEqual(['schema: / no CRD defines gateway.networking.k8s.io/v1 HTTPRoute']);
    expect(fs.readdirSync(cacheDir)).toHaveLength(3);
  });

  test('the files\' order is part of the key: a kind both define is the last one\'s', () => {
    const cacheDir = newCacheDir();
    // A file defining Istio's VirtualService again, with a schema that takes anything.
    const loose = path.join(newCacheDir(), 'loose.yaml');
    fs.writeFileSync(loose, [
      'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: { name: virtualservices.networking.istio.io }',
      'spec:', '  group: networking.istio.io', '  names: { kind: VirtualService, plural: virtualservices }', '  scope: Namespaced', '  versions:',
      '  - name: v1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }',
    ].join('\n'));
    expect(CrdValidator.fromFiles([ISTIO_CRD_FILE, loose], { cacheDir }).validate(OBJECTS[0])).toEqual([]);
    expect(CrdValidator.fromFiles([loose, ISTIO_CRD_FILE], { cacheDir }).validate(OBJECTS[0])).toEqual(compiled[0]);
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
  });
});
