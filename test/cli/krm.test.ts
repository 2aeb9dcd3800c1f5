import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { runKrmFunction } from '../../lib/cli/krm';
import { cli, ROOT } from './helpers';

const DEMO = path.join(ROOT, 'examples', 'spec', 'grayscale-demo.yaml');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'krm');
/** What kpt sends for a package of examples/spec/grayscale-demo.yaml (as spec/grayscale-demo.yaml) and a ConfigMap. */
const DEMO_LIST = fs.readFileSync(path.join(FIXTURES, 'grayscale-demo.resourcelist.yaml'), 'utf8');
/** The same for spec/shop.yaml: a weight that breaks the sum (document 0), a misspelt weight (document 1). */
const BAD_LIST = fs.readFileSync(path.join(FIXTURES, 'bad-spec.resourcelist.yaml'), 'utf8');

type Item = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> } };

/** The objects `meshlight synth` writes for `text` (a spec file), parsed. */
function synthesised(text: string, chart = 'grayscale-demo'): unknown[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-krm-'));
  expect(cli(['synth', '-', '--chart', chart, '-o', out], text)).toMatchObject({ code: 0, stderr: '' });
  return parseAllDocuments(fs.readFileSync(path.join(out, `${chart}.k8s.yaml`), 'utf8')).map((d) => d.toJS());
}

/** The item without the annotations the function adds to generated objects (and `annotations` when nothing is left). */
function withoutKrmAnnotations(item: Item): Item {
  const annotations = Object.entries(item.metadata.annotations ?? {}).filter(([k]) => !/^(internal\.)?config\.kubernetes\.io\/(path|index)$/.test(k));
  const { annotations: _, ...metadata } = item.metadata;
  return { ...item, metadata: annotations.length === 0 ? metadata : { ...metadata, annotations: Object.fromEntries(annotations) } };
}

/** A ResourceList of `items` (YAML, each starting with `- `), with `functionConfig` when given. */
function resourceList(items: string, functionConfig = ''): string {
  return `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n${functionConfig}items:\n${items}`;
}

const WEB = '  - apiVersion: meshlight.io/v1alpha1\n    kind: GrayscaleService\n    metadata:\n      name: web\n    spec:\n      namespace: shop\n      versions:\n        - { version: 1.0, weight: 100, image: a }\n';
const WEB_SPEC = 'apiVersion: meshlight.io/v1alpha1\nkind: GrayscaleService\nmetadata:\n  name: web\nspec:\n  namespace: shop\n  versions:\n    - { version: "1.0", weight: 100, image: a }\n';

describe('meshlight krm expands the spec documents of a ResourceList', () => {
  const run = runKrmFunction(DEMO_LIST);
  const output = parse(run.output);
  const input = parse(DEMO_LIST);

  test('it succeeds without results', () => {
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(output).toMatchObject({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList' });
    expect(output.results).toBeUndefined();
  });

  test('other items pass through unchanged, first and in order; the spec documents are removed', () => {
    expect(output.items[0]).toEqual(input.items[0]);
    expect(output.items.filter((i: Item) => i.apiVersion === 'meshlight.io/v1alpha1')).toEqual([]);
  });

  test('the generated objects are what meshlight synth writes, in its order', () => {
    const generated = output.items.slice(1);
    expect(generated.map(withoutKrmAnnotations)).toEqual(synthesised(fs.readFileSync(DEMO, 'utf8')));
  });

  test('each generated object is in the file meshlight synth writes, <chart>.k8s.yaml, at its index there', () => {
    output.items.slice(1).forEach((item: Item, index: number) => {
      expect(item.metadata.annotations).toMatchObject({
        'config.kubernetes.io/path': 'grayscale-demo.k8s.yaml', 'config.kubernetes.io/index': String(index),
        'internal.config.kubernetes.io/path': 'grayscale-demo.k8s.yaml', 'internal.config.kubernetes.io/index': String(index),
      });
    });
  });

  test('the chart is the first spec file\'s name, or functionConfig\'s data.chart', () => {
    // kpt sends `-- chart=edge` (kpt fn eval) or a Kptfile's configMap as a ConfigMap's data.
    const named = parse(runKrmFunction(DEMO_LIST.replace('  data: {}', '  data: { chart: edge }')).output);
    expect(named.items[1].metadata.annotations['config.kubernetes.io/path']).toBe('edge.k8s.yaml');
    const unnamed = parse(runKrmFunction(resourceList(WEB)).output);
    expect(unnamed.items[0].metadata.annotations['config.kubernetes.io/path']).toBe('meshlight.k8s.yaml');
  });

  test('JSON input works, and a number is read as written: version 1.0 stays "1.0"', () => {
    const json = JSON.stringify(parse(resourceList(WEB))).replace('"version":1', '"version":1.0');
    const run = runKrmFunction(json);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(parse(run.output).items.map(withoutKrmAnnotations)).toEqual(synthesised(WEB_SPEC, 'meshlight'));
  });

  test('a ResourceList without spec documents comes back with its items unchanged', () => {
    const list = resourceList('  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a }, data: { n: "1" } }\n');
    const run = runKrmFunction(list);
    expect(run.code).toBe(0);
    expect(parse(run.output).items).toEqual(parse(list).items);
  });
});

describe('problems come back as results, with the items unchanged', () => {
  const run = runKrmFunction(BAD_LIST);
  const output = parse(run.output);

  test('one error result per problem, at the item, its field and its file', () => {
    expect(run.code).toBe(1);
    expect(output.items).toEqual(parse(BAD_LIST).items);
    expect(output.results).toEqual([
      {
        message: 'shop/web: versions[0].weight = 70: must be 100: version 1.0 is the only version of major 1. Fix: set weight to 100 or leave it out',
        severity: 'error',
        resourceRef: { apiVersion: 'meshlight.io/v1alpha1', kind: 'GrayscaleService', name: 'web' },
        field: { path: 'spec.versions[0].weight' },
        file: { path: 'spec/shop.yaml', index: 0 },
      },
      {
        message: 'shop/api: versions[0].wieght = 100: is not a field of a version, so it would be ignored. Fix: did you mean "weight"?',
        severity: 'error',
        resourceRef: { apiVersion: 'meshlight.io/v1alpha1', kind: 'GrayscaleService', name: 'api' },
        field: { path: 'spec.versions[0].wieght' },
        file: { path: 'spec/shop.yaml', index: 1 },
      },
    ]);
  });

  test('a problem found when the app is synthesised is a result too', () => {
    const twin = WEB.replace('name: web\n    spec:\n', 'name: web2\n    spec:\n      name: web\n');
    const run = runKrmFunction(resourceList(`${WEB}${twin}`));
    expect(run.code).toBe(1);
    const results = parse(run.output).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r: { message: string }) => r.message).join('\n')).toContain('which meshlight/web emits too');
    for (const result of results) {
      // The field of such a problem names a generated object, no field of the item: the result goes without.
      expect(result).toEqual({ message: expect.stringMatching(/^meshlight\/web2: /), severity: 'error', resourceRef: { apiVersion: 'meshlight.io/v1alpha1', kind: 'GrayscaleService', name: 'web2' } });
    }
  });

  test('a misspelt option of functionConfig is an error result', () => {
    const run = runKrmFunction(resourceList(WEB, 'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: { name: meshlight }\n  data: { chrat: edge }\n'));
    expect(run.code).toBe(1);
    expect(parse(run.output).results).toEqual([{
      message: 'functionConfig: data.chrat: is not an option of meshlight krm. Fix: did you mean "chart"?',
      severity: 'error',
      resourceRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'meshlight' },
      field: { path: 'data.chrat' },
    }]);
  });

  test('metadata besides the name (labels a kustomization adds, say) is dropped with a warning, which does not fail', () => {
    const run = runKrmFunction(resourceList(WEB.replace('      name: web\n', '      name: web\n      labels: { team: shop }\n')));
    expect(run.code).toBe(0);
    expect(parse(run.output).results).toContainEqual(expect.objectContaining({
      severity: 'warning', field: { path: 'metadata.labels' }, resourceRef: { apiVersion: 'meshlight.io/v1alpha1', kind: 'GrayscaleService', name: 'web' },
    }));
  });
});

describe('meshlight\'s warnings are warning results, which do not fail', () => {
  test('a version without a readiness probe that gets traffic', () => {
    const run = runKrmFunction(resourceList(WEB));
    expect(run.code).toBe(0);
    expect(parse(run.output).results).toEqual([{
      message: expect.stringMatching(/^meshlight\/web: versions\[0\]\.workload\.readinessProbe = undefined: is missing/),
      severity: 'warning',
      resourceRef: { apiVersion: 'meshlight.io/v1alpha1', kind: 'GrayscaleService', name: 'web' },
    }]);
  });
});

describe('input that is no ResourceList is refused on stderr', () => {
  test.each([
    ['a Kubernetes object', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n', 'its apiVersion and kind are "v1" and "ConfigMap"'],
    ['not YAML', 'items: [a\n', 'it is not YAML or JSON (Flow sequence in block collection must be sufficiently indented and end with a ])'],
    ['nothing', '', 'it is empty'],
    ['items that are no objects', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: [a]\n', 'its items are not a list of objects'],
  ])('%s', (_case, input, why) => {
    const run = runKrmFunction(input);
    expect(run).toMatchObject({ code: 1, output: '' });
    expect(run.stderr).toContain(`meshlight krm: the input is no KRM ResourceList: ${why}. Fix:`);
  });
});

describe('the krm command and the meshlight-krm executable', () => {
  test('meshlight krm reads standard input and writes standard output', () => {
    const run = cli(['krm'], BAD_LIST);
    expect(run.code).toBe(1);
    expect(parse(run.stdout).results).toHaveLength(2);
  });

  test('meshlight-krm runs as a process, as kpt and kustomize run it', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' };
    delete env.NODE_OPTIONS;
    const child = spawnSync(process.execPath, ['-r', 'ts-node/register', path.join(ROOT, 'lib', 'cli', 'krm-main.ts')], {
      cwd: ROOT, env, input: DEMO_LIST, encoding: 'utf8', timeout: 60_000,
    });
    expect([child.status, child.stderr]).toEqual([0, '']);
    expect(parse(child.stdout)).toEqual(parse(runKrmFunction(DEMO_LIST).output));
  });

  test('package.json names it as a bin beside meshlight', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['meshlight-krm']).toBe('dist-lib/lib/cli/krm-main.js');
  });
});
