import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';
import { SpecFiles } from '../../lib/cdk8s';
import { readSpecDocuments, SpecError, specProblems } from '../../lib/spec';
import { specSchemaText, SPEC_SCHEMA_FILE } from '../../scripts/spec-schema';
import { cli, ROOT } from '../cli/helpers';

const DEMO = path.join(ROOT, 'examples', 'spec', 'grayscale-demo.yaml');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'explain', 'grayscale-demo', 'grayscale-demo.k8s.yaml');

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-spec-'));
}

/** A GrayscaleService document with `spec` (YAML, indented under `spec:`). */
function service(name: string, spec: string): string {
  return `apiVersion: meshlight.io/v1alpha1\nkind: GrayscaleService\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
}

/** Runs `meshlight synth` on `text` given as the file `demo.yaml` (standard input); returns the run and what was written. */
function synth(text: string): { code: number; stderr: string; written: string[] } {
  const out = outdir();
  const run = cli(['synth', '-', '--chart', 'demo', '-o', out], text);
  return { code: run.code, stderr: run.stderr, written: fs.existsSync(out) ? fs.readdirSync(out) : [] };
}

describe('meshlight synth', () => {
  test('the article\'s spec synthesises byte for byte what the TypeScript chart does', () => {
    const out = outdir();
    const run = cli(['synth', DEMO, '-o', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const written = fs.readFileSync(path.join(out, 'grayscale-demo.k8s.yaml'), 'utf8');
    const tsOut = outdir();
    const app = new App({ outdir: tsOut });
    new GrayscaleDemoChart(app, 'grayscale-demo');
    app.synth();
    expect(written).toBe(fs.readFileSync(path.join(tsOut, 'grayscale-demo.k8s.yaml'), 'utf8'));
    expect(written).toBe(fs.readFileSync(FIXTURE, 'utf8'));
  });

  test('--chart names the chart and the file; standard input is read for -', () => {
    const out = outdir();
    expect(cli(['synth', '-', '--chart', 'edge', '-o', out], fs.readFileSync(DEMO, 'utf8')).code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['edge.k8s.yaml']);
  });

  test('SpecFiles includes spec files into a chart', () => {
    const chart = new Chart(Testing.app(), 'grayscale-demo');
    const spec = new SpecFiles(chart, 'spec', { files: [DEMO] });
    expect([...spec.constructs.keys()]).toEqual(['grayscale-demo', 'httpbin', 'myservice1', 'edge', 'sleep-egress', 'myservice1-egress']);
    expect(Testing.synth(chart)).toEqual(Testing.synth(new GrayscaleDemoChart(Testing.app(), 'grayscale-demo')));
  });
});

describe('problems point into the YAML, and nothing is written', () => {
  test.each<[string, string, string]>([
    ['a weight that breaks the sum', service('web', 'versions:\n  - { version: "1.0", weight: 70, image: a }'),
      '-:7:33: demo/web: versions[0].weight = 70: must be 100: version 1.0 is the only version of major 1. Fix: set weight to 100 or leave it out'],
    ['an unknown field, with a guess', service('web', 'versions:\n  - version: "1.0"\n    wieght: 100\n    image: a'),
      '-:8:15: demo/web: versions[0].wieght = 100: is not a field of a version, so it would be ignored. Fix: did you mean "weight"?'],
    ['a bad value deep in a rule', service('web', 'versions:\n  - { version: "1.0", weight: 100, image: a }\nrules:\n  - version: "1.0"\n    anyOf:\n      - query: { debug: [1] }'),
      '-:11:27: demo/web: rules[0].anyOf[0].query.debug = [1]: is not a string or StringMatch.'],
    ['a number written as a string', service('web', 'versions:\n  - { version: "1.0", weight: "100", image: a }'),
      '-:7:33: web: versions[0].weight = "100": is a string, but a number is wanted. Fix: write the number without quotes'],
    ['a wrong apiVersion', service('web', 'versions: []').replace('v1alpha1', 'v1'),
      '-:1:13: apiVersion = "meshlight.io/v1": is not meshlight\'s. Fix: write apiVersion: meshlight.io/v1alpha1'],
    ['a misspelt kind', service('web', 'versions: []').replace('GrayscaleService', 'GreyscaleService'),
      '-:2:7: kind = "GreyscaleService": is not a kind of spec document. Fix: did you mean "GrayscaleService"?'],
    ['a missing name', service('', 'versions: []'), '-:4:9: metadata.name = undefined: a document needs a name, the construct id that other documents refer to. Fix: write metadata: { name: my-service }'],
    ['two documents of one name', `${service('web', 'versions: []')}---\n${service('web', 'versions: []')}`,
      '-:11:9: metadata.name = "web": is the name of another document too (-:4:9). Fix: give each document its own name'],
    ['a route to no service', 'apiVersion: meshlight.io/v1alpha1\nkind: MeshIngress\nmetadata: { name: edge }\nspec:\n  hosts: [{ host: a.example.com }]\n  routes: [{ service: nope, host: a.example.com }]',
      '-:6:23: demo/edge: routes[0].service = "nope": names no GrayscaleService document of the spec. Fix: give the metadata.name of a GrayscaleService document'],
  ])('%s', (_case, text, message) => {
    const run = synth(text);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(1);
    expect(run.written).toEqual([]);
  });

  test('a call\'s problem names the call as written', () => {
    const text = fs.readFileSync(DEMO, 'utf8').replace('      ports: [80]', '      ports: [70000]');
    const run = synth(text);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^-:26:14: demo\/grayscale-demo: calls\[3\]\.ports = 70000: is not a Service port of myservice1/);
  });

  test('the reader reports every document\'s problems at once', () => {
    const read = readSpecDocuments([{ file: 'a.yaml', text: `${service('a', 'versions: []').replace('v1alpha1', 'v2')}---\nkind: Nope\n` }]);
    expect(read.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['a.yaml:1', 'a.yaml:8', 'a.yaml:8', 'a.yaml:8', 'a.yaml:8']);
    expect(() => new SpecFiles(new Chart(Testing.app(), 'c'), 'spec', { sources: [{ file: 'b.yaml', text: 'kind: Nope' }] })).toThrow(SpecError);
  });

  test('one run reports a header problem and the props problems of the other documents, in reading order', () => {
    const text = [
      service('web', 'versions:\n  - { version: "1.0", weight: 70, image: a }'),
      service('bad', 'versions: []').replace('GrayscaleService', 'GreyscaleService'),
      // A namespace calling the withheld document: no problem of its own, its other call's problem is reported.
      'apiVersion: meshlight.io/v1alpha1\nkind: ZeroTrustNamespace\nmetadata: { name: default }\nspec:\n  workloads: [{ name: sleep, serviceAccount: sleep }]\n  calls:\n    - { from: bad, to: sleep }\n    - { from: { namespace: x }, to: sleep, ports: [0] }\n',
    ].join('---\n');
    const run = synth(text);
    expect(run.code).toBe(1);
    expect(run.written).toEqual([]);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['-:7:33', '-:10:7', '-:23:51']);
    expect(lines[1]).toContain('kind = "GreyscaleService"');
    expect(lines[2]).toContain('demo/default: calls[1].ports = 0');
  });

  test('problems across the app are found before anything is declared, at the document they name', () => {
    const twin = (name: string) => service(name, 'name: web\nversions:\n  - { version: "1.0", image: a }');
    const read = readSpecDocuments([{ file: 's.yaml', text: `${twin('web')}---\n${twin('web2')}` }]);
    const problems = specProblems(read, ['s.yaml'], (name) => `demo/${name}`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file === 's.yaml' && p.line >= 10 && p.message.startsWith('demo/web2: '))).toBe(true);
    expect(problems.map((p) => p.message).join('\n')).toContain('which demo/web emits too');
  });
});

describe('YAML\'s traps: what a string is written as stays that string', () => {
  const versionOf = (written: string) => {
    const read = readSpecDocuments([{ file: 'v.yaml', text: service('web', `versions:\n  - version: ${written}\n    weight: 100\n    image: a\nrules:\n  - version: ${written}\n    anyOf:\n      - headers: { gray: ${written} }\n        query: { debug: ${written} }`) }]);
    expect(read.problems).toEqual([]);
    const spec = read.documents[0].spec as any;
    return [spec.versions[0].version, spec.rules[0].version, spec.rules[0].anyOf[0].headers.gray, spec.rules[0].anyOf[0].query.debug, spec.versions[0].weight];
  };

  test.each(['1.10', '1.0', '2.0', '10', '1', 'true', 'on', 'off', 'yes', 'no', '0x10', '1e3', '010'])('%s', (written) => {
    const [version, ruleVersion, header, query, weight] = versionOf(written);
    expect([version, ruleVersion, header, query]).toEqual([written, written, written, written]);
    expect(weight).toBe(100);
  });

  test('versions and match values round-trip as written (property)', () => {
    const number = fc.tuple(fc.nat(99), fc.nat(99), fc.constantFrom('', '0', '00')).map(([a, b, pad]) => `${a}.${b}${pad}`);
    const scalar = fc.oneof(number, fc.nat(1000).map(String), fc.constantFrom('true', 'false', 'on', 'off', 'yes', 'no', 'null-ish'));
    fc.assert(fc.property(scalar, (written) => {
      const [version, , header, query] = versionOf(written);
      return version === written && header === written && query === written;
    }));
  });

  test('a key __proto__ is a key, not the prototype: it is reported as an unknown field', () => {
    const read = readSpecDocuments([{ file: 'p.yaml', text: service('web', '__proto__: { namespace: kube-system }\nversions:\n  - { version: "1.0", image: a }') }]);
    const spec = read.documents[0].spec as any;
    expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
    expect(Object.hasOwn(spec, '__proto__')).toBe(true);
    expect(spec.namespace).toBeUndefined();
    const run = synth(service('web', '__proto__: { namespace: kube-system }\nversions:\n  - { version: "1.0", image: a }'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('__proto__');
  });

  test('map keys are their text: major 1.10 is not major 1.1', () => {
    const read = readSpecDocuments([{ file: 'm.yaml', text: service('web', 'majors:\n  1.10: { rewrite: / }\nversions: []') }]);
    expect(Object.keys((read.documents[0].spec as any).majors)).toEqual(['1.10']);
  });
});

describe('the JSON Schema', () => {
  test('the committed schema is what npm run spec:schema generates', () => {
    expect(fs.readFileSync(path.join(ROOT, SPEC_SCHEMA_FILE), 'utf8')).toBe(specSchemaText());
  });

  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, SPEC_SCHEMA_FILE), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const examples = fs.readdirSync(path.join(ROOT, 'examples', 'spec')).filter((f) => f.endsWith('.yaml'));

  test.each(examples)('examples/spec/%s validates against it', (file) => {
    const read = readSpecDocuments([{ file, text: fs.readFileSync(path.join(ROOT, 'examples', 'spec', file), 'utf8') }]);
    expect(read.problems).toEqual([]);
    for (const d of read.documents) {
      const overlays = d.overlays === undefined ? {} : { overlays: d.overlays.map((o) => ({ when: o.when, spec: o.spec })) };
      const document = { apiVersion: 'meshlight.io/v1alpha1', kind: d.kind, metadata: { name: d.name }, spec: d.spec, ...overlays };
      expect(validate(document) ? [] : validate.errors).toEqual([]);
    }
  });

  test('it describes plain data only: no StringMatch class form, no Duration object, no construct callers', () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain('toMilliseconds');
    expect(Object.keys(schema.definitions)).not.toEqual(expect.arrayContaining(['StringMatch']));
    expect(schema.definitions).not.toHaveProperty('Caller');
    expect(schema.definitions).not.toHaveProperty('HasIngressCaller');
    expect(schema.definitions).not.toHaveProperty('IngressService');
  });
});
