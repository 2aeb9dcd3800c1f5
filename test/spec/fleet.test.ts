import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { dataworksFleet } from '../../examples/fleet/main';
import { WAVES } from '../../examples/fleet/dataworks';
import { SpecFiles } from '../../lib/cdk8s';
import { mergePatch, SpecError } from '../../lib/spec';
import { cli, ROOT } from '../cli/helpers';

const FLEET = path.join(ROOT, 'examples', 'spec', 'fleet.yaml');
const TEXT = fs.readFileSync(FLEET, 'utf8');

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-spec-fleet-'));
}

/** Every file under `dir`, by path relative to it, with its text. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) visit(full);
      else files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  visit(dir);
  return files;
}

/** The problems SpecFiles.fleet reports for `text`, as `line:col: message`. */
function problemsOf(text: string): string[] {
  try {
    SpecFiles.fleet({ sources: [{ file: 'f.yaml', text }], outdir: outdir() });
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('a spec with a Fleet', () => {
  test('synthesises byte for byte what the TypeScript fleet does, every cluster and the Argo CD objects', () => {
    const fromSpec = SpecFiles.fleet({ files: [FLEET], outdir: 'dist/fleet' }).synthYaml();
    const fromCode = dataworksFleet('dist/fleet').synthYaml();
    expect(Object.keys(fromSpec)).toEqual(['hz-1', 'sh-1', 'bj-1', 'sg-1', 'fra-1', 'argocd']);
    expect(fromSpec).toEqual(fromCode);
  });

  test.each(WAVES.map((w) => w.name))('at wave %s, each cluster gets what the TypeScript fleet gives it', (wave) => {
    const text = TEXT.replace(/^  wave: canary$/m, `  wave: ${wave}`);
    expect(text).toContain(`wave: ${wave}\n`);
    const fromSpec = SpecFiles.fleet({ sources: [{ file: 'fleet.yaml', text }], outdir: 'out' }).synthYaml();
    const fromCode = dataworksFleet('out', wave, false).synthYaml();
    for (const cluster of Object.keys(fromCode)) expect([cluster, fromSpec[cluster]]).toEqual([cluster, fromCode[cluster]]);
  });

  test('meshlight synth writes a folder per cluster and the delivery, as Fleet.synth() does', () => {
    const out = outdir();
    const run = cli(['synth', FLEET, '-o', path.join(out, 'spec')]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`wrote ${path.join(out, 'spec', 'hz-1', 'hz-1.k8s.yaml')}`);
    dataworksFleet(path.join(out, 'code')).synth();
    const written = filesUnder(path.join(out, 'spec'));
    expect(Object.keys(written).length).toBeGreaterThanOrEqual(6);
    expect(written).toEqual(filesUnder(path.join(out, 'code')));
  });

  test('--chart is refused: a fleet\'s charts are its clusters', () => {
    const run = cli(['synth', FLEET, '--chart', 'x', '-o', outdir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--chart x: a spec with a Fleet writes a chart per cluster');
  });

  test('a Fleet is not included into one chart', () => {
    expect(() => new SpecFiles(new Chart(Testing.app(), 'c'), 'spec', { files: [FLEET] }))
      .toThrow(/fleet\.yaml:14:3: dataworks-fleet: a Fleet declares the documents in each of its clusters, not in one chart/);
  });
});

describe('per-cluster values and overlays', () => {
  const fleet = (clusters: string, waves = '') => `apiVersion: meshlight.io/v1alpha1\nkind: Fleet\nmetadata: { name: f }\nspec:\n  clusters:\n${clusters}${waves}`;
  const web = (spec: string, overlays = '') => `---\napiVersion: meshlight.io/v1alpha1\nkind: GrayscaleService\nmetadata: { name: web }\nspec:\n  namespace: shop\n${spec}${overlays}`;
  const two = '    - { name: eu-1, region: eu-west1, values: { replicas: 2, tag: "1.0" } }\n    - { name: us-1, region: us-east1, values: { replicas: 5, tag: "1.0" } }\n';

  test('$(cluster.values.<key>) takes the value\'s type; $$( writes $( itself', () => {
    const text = fleet(two) + web('  versions:\n    - { version: "1.0", image: "r.$(cluster.region)/web:$(cluster.values.tag)", replicas: $(cluster.values.replicas) }\n  headerMatch: x\n'.replace('  headerMatch: x\n', ''));
    const yaml = SpecFiles.fleet({ sources: [{ file: 'f.yaml', text }], outdir: 'o' }).synthYaml();
    expect(yaml['eu-1']).toMatch(/replicas: 2\n/);
    expect(yaml['us-1']).toMatch(/replicas: 5\n/);
    expect(yaml['us-1']).toContain('image: r.us-east1/web:1.0');
    const escaped = fleet(two) + web('  versions:\n    - { version: "1.0", image: a, replicas: 1 }\n  rules:\n    - { version: "1.0", anyOf: [{ headers: { x: { regex: "^$$(cluster.name)$" } } }] }\n');
    expect(SpecFiles.fleet({ sources: [{ file: 'f.yaml', text: escaped }], outdir: 'o' }).synthYaml()['eu-1']).toContain('regex: ^$(cluster.name)$');
  });

  test('a reference to no value of the cluster is reported where it is written, naming the cluster', () => {
    const text = fleet(two) + web('  versions:\n    - { version: "1.0", image: "web:$(cluster.values.nope)" }\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^15:32: eu-1\/web: versions\[0\]\.image = "web:\$\(cluster\.values\.nope\)": \$\(cluster\.values\.nope\) names nothing of cluster eu-1\. Fix: /),
      expect.stringMatching(/^15:32: us-1\/web: /),
    ]);
  });

  test('an overlay applies where its when matches, merged over spec; a problem it brings is reported in it', () => {
    const waves = '  waves: [{ name: first, clusters: [eu-1] }, { name: rest }]\n  wave: first\n';
    const overlays = 'overlays:\n  - when: { released: true }\n    spec:\n      versions:\n        - { version: "1.0", weight: 90, image: a }\n        - { version: "1.1", weight: 10, image: b }\n';
    const text = fleet(two, waves) + web('  versions:\n    - { version: "1.0", image: a }\n', overlays);
    const yaml = SpecFiles.fleet({ sources: [{ file: 'f.yaml', text }], outdir: 'o' }).synthYaml();
    expect(yaml['eu-1']).toContain('subset: v1-1');
    expect(yaml['us-1']).not.toContain('v1-1');
    expect(problemsOf(text.replace('weight: 90', 'weight: 80'))).toEqual([
      expect.stringMatching(/^22:9: eu-1\/web: versions\[0,1\]\.weight = "1.0=80, 1.1=10": weights add up to 90/),
    ]);
  });

  test('overlays must name the fleet\'s clusters and regions', () => {
    const overlays = 'overlays:\n  - when: { clusters: [eu-2] }\n    spec: { replicas: 1 }\n';
    expect(problemsOf(fleet(two) + web('  versions:\n    - { version: "1.0", image: a }\n', overlays)))
      .toEqual([expect.stringContaining('web: overlays[0].when.clusters[0] = "eu-2": is not one of the fleet\'s clusters. Fix: use one of ["eu-1","us-1"]')]);
  });

  test('without a Fleet, overlays and cluster values are problems, not text', () => {
    const text = web('  versions:\n    - { version: "1.0", image: "web:$(cluster.region)" }\n', 'overlays:\n  - spec: { versions: [] }\n').slice(4);
    const run = cli(['synth', '-', '-o', outdir()], text);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('web: overlays: change a document per cluster, and the spec declares no Fleet');
    expect(run.stderr).toContain('web: versions[0].image = "web:$(cluster.region)": names a value of a fleet\'s cluster, and the spec declares no Fleet');
  });

  test('the Fleet\'s own problems are reported at its fields; the documents wait for it', () => {
    const text = fleet(two, '  waves: [{ name: first }]\n  wave: second\n') + web('  versions:\n    - { version: "1.0", image: a, replicas: $(cluster.values.replicas) }\n');
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^9:9: f: wave = "second": /)]);
    expect(problemsOf(`${fleet(two)}---\n${fleet(two).replace('name: f', 'name: g')}`)).toEqual([expect.stringContaining('g: is a second Fleet document (the first is f)')]);
  });

  test('JSON merge patch: maps merge, null removes, anything else replaces (property)', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] })).toEqual({ a: { c: 2, e: 3 }, d: [2] });
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null);
    fc.assert(fc.property(json, json, (target, patch) => {
      const merged = mergePatch(target, patch) as any;
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return merged === patch;
      // Every key the patch sets to a non-null value is the patch's value merged; every null key is gone.
      const own = (o: any, k: string) => (o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k) ? o[k] : undefined);
      return Object.getPrototypeOf(merged) === Object.prototype
        && Object.entries(patch).every(([k, v]) => (v === null ? !Object.hasOwn(merged, k) : JSON.stringify(own(merged, k)) === JSON.stringify(mergePatch(own(target, k), v))));
    }));
  });
});
