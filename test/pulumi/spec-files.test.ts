import * as fs from 'fs';
import * as path from 'path';
import * as k8s from '@pulumi/kubernetes';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { SpecFiles as Cdk8sSpecFiles } from '../../lib/cdk8s';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';
import { manifestsOf, recordPulumiResources, registered, settled } from '../support/pulumi-mocks';
import { canonicalYaml } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GrayscaleService, SpecError, SpecFiles, ZeroTrustNamespace } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');

const DEMO = path.join(__dirname, '..', '..', 'examples', 'spec', 'grayscale-demo.yaml');
const FLEET = path.join(__dirname, '..', '..', 'examples', 'spec', 'fleet.yaml');

/** A GrayscaleService document named `name` in namespace `namespace`. */
function service(name: string, namespace: string, weight = 100): string {
  return `apiVersion: meshlight.io/v1alpha1\nkind: GrayscaleService\nmetadata: { name: ${name} }\nspec:\n  namespace: ${namespace}\n  versions:\n    - { version: "1.0", weight: ${weight}, image: a }\n`;
}

/** Every Kubernetes object of the components, once registered. */
async function objectsOf(spec: InstanceType<typeof SpecFiles>): Promise<any[]> {
  await spec.ready;
  await registered([...spec.components.values()].flatMap((c) => c.resources));
  return manifestsOf(resources);
}

describe('SpecFiles (Pulumi)', () => {
  test('the article\'s spec registers what the cdk8s chart synthesises', async () => {
    resources.length = 0;
    const spec = new SpecFiles('grayscale-demo', { files: [DEMO] });
    expect([...spec.components.keys()]).toEqual(['grayscale-demo', 'httpbin', 'myservice1', 'edge', 'sleep-egress', 'myservice1-egress']);
    expect(spec.components.get('grayscale-demo')).toBeInstanceOf(ZeroTrustNamespace);
    const objects = await objectsOf(spec);
    expect(canonicalYaml(objects)).toEqual(canonicalYaml(Testing.synth(new GrayscaleDemoChart(Testing.app(), 'grayscale-demo'))));
    // Each component is a child of the SpecFiles component, named by its document.
    const names = resources.filter((r) => r.type.startsWith('meshlight:')).map((r) => `${r.type}/${r.name}`);
    expect(names).toEqual(expect.arrayContaining(['meshlight:index:SpecFiles/grayscale-demo', 'meshlight:index:GrayscaleService/httpbin']));
  });

  test('a spec with a problem in any document throws before anything is registered, not even the component', async () => {
    resources.length = 0;
    const text = `${service('a1', 'spec-a')}---\n${service('a2', 'spec-a', 70)}`;
    let error: unknown;
    try {
      new SpecFiles('bad', { sources: [{ file: 'bad.yaml', text }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as InstanceType<typeof SpecError>).problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([
      'bad.yaml:15:33: a2: versions[0].weight = 70: must be 100: version 1.0 is the only version of major 1. Fix: set weight to 100 or leave it out',
    ]);
    await settled();
    expect(resources).toEqual([]);
  });

  test('problems across the spec are found before anything is registered', async () => {
    resources.length = 0;
    const twin = (name: string) => service(name, 'spec-b').replace('spec:\n', 'spec:\n  name: web\n');
    expect(() => new SpecFiles('twins', { sources: [{ file: 't.yaml', text: `${twin('b1')}---\n${twin('b2')}` }] })).toThrow(/t\.yaml:\d+:\d+: b2: .*which b1 emits too/);
    await settled();
    expect(resources).toEqual([]);
  });

  test('a clash with a component the program declared itself is reported at the document', () => {
    new GrayscaleService('c-web', { namespace: 'spec-c', name: 'web', versions: [{ version: '1.0', image: 'a' }] });
    const text = service('c-spec', 'spec-c').replace('spec:\n', 'spec:\n  name: web\n');
    expect(() => new SpecFiles('clash', { sources: [{ file: 'c.yaml', text }] })).toThrow(/c\.yaml:\d+:\d+: c-spec: .*which c-web emits too/);
  });

  test('a spec with a Fleet registers each cluster\'s objects with its provider, as cdk8s writes them', async () => {
    resources.length = 0;
    const clusters = ['hz-1', 'sh-1', 'bj-1', 'sg-1', 'fra-1'];
    const providers = Object.fromEntries(clusters.map((c) => [c, new k8s.Provider(`spec-${c}`, { context: c })]));
    const spec = new SpecFiles('dataworks', { files: [FLEET], providers });
    expect([...spec.components.keys()].slice(0, 5)).toEqual(['dataworks-hz-1', 'myservice1-hz-1', 'metadata-hz-1', 'myservice1-egress-hz-1', 'dataworks-sh-1']);
    await objectsOf(spec);
    const written = Cdk8sSpecFiles.fleet({ files: [FLEET], outdir: 'dist/fleet' }).synthYaml();
    for (const cluster of clusters) {
      const own = resources.filter((r) => r.type.startsWith('kubernetes:') && r.provider?.includes(`::spec-${cluster}::`)).map((r) => r.inputs);
      const expected = parseAllDocuments(written[cluster]).map((d) => d.toJSON());
      expect([cluster, canonicalYaml(own)]).toEqual([cluster, canonicalYaml(expected)]);
    }
  });

  test('a Fleet needs a provider for every cluster; providers need a Fleet', () => {
    expect(() => new SpecFiles('no-providers', { files: [FLEET] })).toThrow(/fleet\.yaml:\d+:\d+: .*providers/);
    const provider = new k8s.Provider('lone', { context: 'lone' });
    expect(() => new SpecFiles('lone', { files: [DEMO], providers: { x: provider } })).toThrow(/are given for a fleet, and the spec declares none/);
  });

  test('files are read as given', () => {
    expect(fs.existsSync(DEMO)).toBe(true);
    expect(() => new SpecFiles('missing', { files: ['no-such-spec.yaml'] })).toThrow(/no-such-spec\.yaml/);
  });
});
