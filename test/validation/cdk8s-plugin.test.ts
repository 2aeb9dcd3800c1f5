import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { stringify } from 'yaml';
import { IstioValidationPlugin, IstioValidationPluginProps } from '../../lib/validation/cdk8s-plugin';
import { GATEWAY_API_CRD_FILE, ISTIO_CRD_FILE } from '../support/validate';

/**
 * Runs the plugin the way `cdk8s synth` does: cdk8s-cli's own ValidationContext, on one manifest file holding
 * `objects`, with the construct metadata cdk8s records (construct path by metadata.name). `crds` is the `crdFile`
 * property, or all the properties.
 */
async function runPlugin(objects: unknown[], crds: string | IstioValidationPluginProps, constructPaths: Record<string, string> = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-')), 'app.k8s.yaml');
  fs.writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  const metadata = Object.fromEntries(Object.entries(constructPaths).map(([name, p]) => [name, { path: p }]));
  const context = new ValidationContext([file], 'istio-validation', '0.0.0', metadata, false);
  const logs: string[] = [];
  context.logger.log = (m: string) => logs.push(m);
  await new IstioValidationPlugin(typeof crds === 'string' ? { crdFile: crds } : crds).validate(context);
  const report = context.report.toJson();
  return { status: report.summary.status, violations: report.violations, text: context.report.toString(), logs };
}

const vs = (http: unknown[], labels?: Record<string, string>) => ({
  apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'shop', ...(labels ? { labels } : {}) }, spec: { hosts: ['web'], http },
});
const halfMillisecond = [{ timeout: '1.5ms', route: [{ destination: { host: 'web' } }] }];

describe('the cdk8s validation plugin', () => {
  test('passes objects a cluster accepts', async () => {
    const result = await runPlugin([vs([{ route: [{ destination: { host: 'web' } }] }])], ISTIO_CRD_FILE);
    expect(result.status).toBe('success');
    expect(result.violations).toEqual([]);
  });

  test('on the user\'s own object: names its construct, the istiod check, where, and the fix for the rule', async () => {
    const result = await runPlugin([vs(halfMillisecond)], ISTIO_CRD_FILE, { web: 'app/shop/web' });
    expect(result.status).toBe('failure');
    expect(result.violations).toHaveLength(1);
    const [violation] = result.violations;
    expect(violation.ruleName).toBe('istiod agent.ValidateDuration (pkg/config/validation/agent/validation.go)');
    expect(violation.recommendation).toBe('Istio would reject this object of your app: change it before deploying.');
    expect(violation.fix).toMatch(/whole milliseconds/);
    expect(violation.violatingConstructs[0]).toMatchObject({
      constructPath: 'app/shop/web',
      resourceName: 'web',
      locations: ['VirtualService shop/web /spec/http/0/timeout: only durations to ms precision are supported'],
    });
    expect(result.text).toContain('Construct Path: app/shop/web');
    expect(result.text).not.toMatch(/N\/A|undefined|bug/);
  });

  test('on an object meshlight emitted: asks for a meshlight bug report', async () => {
    const result = await runPlugin([vs(halfMillisecond, { 'app.kubernetes.io/managed-by': 'meshlight' })], ISTIO_CRD_FILE, { web: 'app/shop/web/VirtualService-web' });
    expect(result.violations[0].recommendation).toMatch(/bug in meshlight\. Please report it/);
    expect(result.text).toContain('Construct Path: app/shop/web/VirtualService-web');
  });

  test('one violation per rule and fix, one resource per object, every finding a location', async () => {
    const result = await runPlugin([
      vs([{ timeout: '1.5ms', retries: { attempts: 1, perTryTimeout: '0.5ms' }, route: [{ destination: { host: 'web' } }] }]),
      { ...vs(halfMillisecond), metadata: { name: 'api', namespace: 'shop' } },
    ], ISTIO_CRD_FILE);
    const durations = result.violations.filter((v) => v.ruleName.startsWith('istiod agent.ValidateDuration'));
    expect(durations).toHaveLength(1);
    expect(durations[0].violatingConstructs.map((c) => [c.resourceName, c.locations.length])).toEqual([['web', 2], ['api', 1]]);
  });

  test('says when another object shares the name cdk8s looks the construct path up by', async () => {
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'web', namespace: 'shop' }, spec: { host: 'web' } };
    const result = await runPlugin([vs(halfMillisecond), dr], ISTIO_CRD_FILE, { web: 'app/shop/DestinationRule-web' });
    expect(result.violations[0].violatingConstructs[0].locations[0]).toMatch(/\(2 objects are named web: the construct path shown may be another's\)$/);
  });

  test('counts the names of Kubernetes\' own objects too, which it does not parse', async () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } };
    const result = await runPlugin([vs(halfMillisecond), service], ISTIO_CRD_FILE, { web: 'app/shop/Service-web' });
    expect(result.violations[0].violatingConstructs[0].locations[0]).toMatch(/\(2 objects are named web/);
    expect(result.text).toMatch(/Istio objects\s*│\s*1/);
  });

  test('without the CRD file it says so and still checks istiod\'s rules', async () => {
    const result = await runPlugin([vs(halfMillisecond)], path.join(os.tmpdir(), 'no-such-crds.yaml'));
    expect(result.logs[0]).toMatch(/^CRD file not found at .*no-such-crds.yaml: checking istiod's rules only$/);
    expect(result.status).toBe('failure');
  });
});

const haveGatewayApi = fs.existsSync(GATEWAY_API_CRD_FILE);
if (!haveGatewayApi) console.warn(`Gateway API CRD file not found at ${GATEWAY_API_CRD_FILE}: the plugin's Gateway API checks are not tested`);

describe.each([haveGatewayApi ? 'Gateway API' : []].flat())('the cdk8s validation plugin with %s\'s CRD file', () => {
  const route = (timeouts: Record<string, string>) => ({
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'shop' },
    spec: { parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }], rules: [{ backendRefs: [{ name: 'web-v1', port: 80 }], timeouts }] },
  });
  const waypoint = {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'waypoint', namespace: 'shop' },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  };

  test('crdFiles beside crdFile: Gateway API objects are checked against their CRD, CEL rules included', async () => {
    const result = await runPlugin([route({ request: '1s', backendRequest: '2s' }), waypoint], { crdFile: ISTIO_CRD_FILE, crdFiles: [GATEWAY_API_CRD_FILE] }, { web: 'app/shop/web' });
    expect(result.status).toBe('failure');
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0].ruleName).toBe('CRD CEL rule (x-kubernetes-validations)');
    expect(result.violations[0].violatingConstructs[0]).toMatchObject({
      constructPath: 'app/shop/web',
      locations: ['HTTPRoute shop/web /spec/rules/0/timeouts: backendRequest timeout cannot be longer than request timeout'],
    });
  });

  test('crdFiles alone: accepts valid Gateway API objects and counts them apart from Istio\'s', async () => {
    const result = await runPlugin([route({ request: '2s', backendRequest: '1s' }), waypoint, vs([{ route: [{ destination: { host: 'web' } }] }])], { crdFiles: [ISTIO_CRD_FILE, GATEWAY_API_CRD_FILE] });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('success');
    expect(result.text).toMatch(/Istio objects\s*│\s*1/);
    expect(result.text).toMatch(/other checked objects\s*│\s*2/);
  });

  test('crdFile alone: no file defines Gateway API\'s group, so its objects are not checked, as before', async () => {
    const result = await runPlugin([route({ request: '1s', backendRequest: '2s' })], ISTIO_CRD_FILE);
    expect(result.status).toBe('success');
  });

  test('a file of crdFiles that does not exist is said and left out; the others are checked', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-gateway-api.yaml');
    const result = await runPlugin([route({ request: '1s', backendRequest: '2s' }), vs(halfMillisecond)], { crdFile: ISTIO_CRD_FILE, crdFiles: [missing] });
    expect(result.logs).toEqual([`CRD file not found at ${missing}: the kinds it defines are not checked`]);
    expect(result.violations.map((v) => v.violatingConstructs[0].locations[0])).toEqual(['VirtualService shop/web /spec/http/0/timeout: only durations to ms precision are supported']);
  });
});
