import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { IstioValidationPlugin } from '../../lib/validation/cdk8s-plugin';
import { ISTIO_CRD_FILE } from '../support/validate';

/** Runs the plugin the way `cdk8s synth` does, on one manifest file holding `objects`. */
async function runPlugin(objects: unknown[], crdFile: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-')), 'app.k8s.yaml');
  fs.writeFileSync(file, objects.map((o) => stringify(o)).join('---\n'));
  const violations: any[] = [];
  const logs: string[] = [];
  let status: string | undefined;
  await new IstioValidationPlugin({ crdFile }).validate({
    manifests: [file],
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    logger: { log: (m) => logs.push(m) },
  });
  return { status, violations, logs };
}

const vs = (http: unknown[]) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'shop' }, spec: { hosts: ['web'], http } });

describe('the cdk8s validation plugin', () => {
  test('passes objects a cluster accepts', async () => {
    const result = await runPlugin([vs([{ route: [{ destination: { host: 'web' } }] }])], ISTIO_CRD_FILE);
    expect(result.status).toBe('success');
    expect(result.violations).toEqual([]);
  });

  test('fails synth on an object istiod would reject, naming the object and the reason', async () => {
    const result = await runPlugin([vs([{ match: [{ headers: { Gray: { exact: '1' } } }], route: [{ destination: { host: 'web' } }] }])], ISTIO_CRD_FILE);
    expect(result.status).toBe('failure');
    expect(result.violations[0].violatingResources[0].resourceName).toBe('VirtualService shop/web');
    expect(result.violations[0].description).toContain('header name Gray must be lower case');
  });

  test('without the CRD file it says so and still checks istiod\'s rules', async () => {
    const result = await runPlugin([vs([])], path.join(os.tmpdir(), 'no-such-crds.yaml'));
    expect(result.logs[0]).toMatch(/Istio CRD file not found at .*no-such-crds.yaml: checking istiod's rules only/);
    expect(result.status).toBe('success');
  });
});
