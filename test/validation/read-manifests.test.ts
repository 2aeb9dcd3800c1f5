import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { forEachManifestOf, parseManifests, readManifests, readManifestsOf } from '../../lib/validation';
import { readYamlCarefully, readYamlFast } from '../../lib/validation/read-manifests';
import { FUZZ_RUNS } from '../support/fuzz';
import { ISTIO_CRD_FILE } from '../support/validate';

// YAML read as Kubernetes reads it (go-yaml): where YAML 1.2 and go-yaml differ in a way manifests meet.
describe('manifests are read as kubectl reads them', () => {
  test.each([
    ['an IPv6 address ending in "::" in a flow sequence is a string', 'a: [1.2.3.4, 001:db8::]', ['1.2.3.4', '001:db8::']],
    ['so is any plain item ending in ":" before "," or "]"', 'a: [k:, x]', ['k:', 'x']],
    ['a colon inside a plain item stays in it', 'a: [x:y]', ['x:y']],
    ['a colon followed by a space makes a one-pair map, as in go-yaml', 'a: [k: v]', [{ k: 'v' }]],
    ['an explicit map stays a map', 'a: [{k: }]', [{ k: null }]],
    ['block sequences are YAML\'s own reading', 'a:\n  - x\n  - "y:"', ['x', 'y:']],
  ])('%s', (_, text, a) => {
    expect(parseManifests(text)).toEqual([{ a }]);
  });

  test('every non-empty document is an object', () => {
    expect(parseManifests('---\na: 1\n---\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('reading only the objects checked', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-')), 'app.k8s.yaml');
  fs.writeFileSync(file, [
    'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    name: not-this\n  name: web\n  namespace: shop\nspec: {}\n',
    '---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\nspec:\n  hosts: [web]\n',
    '---\n{apiVersion: apps/v1, kind: Deployment, metadata: {name: flow}}\n',
  ].join(''));

  test('parses the documents of the wanted apiVersions and those a glance cannot tell, and names the others', () => {
    const { objects, otherNames } = readManifestsOf(file, (v) => v.endsWith('.istio.io/v1'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['VirtualService/web', 'Deployment/flow']);
    expect(otherNames).toEqual(['web']);
  });

  test('reads what readManifests reads, when every apiVersion is wanted', () => {
    expect(readManifestsOf(file, () => true).objects).toEqual(readManifests(file));
  });
});

// Most documents are read by js-yaml, several times faster; the `yaml` package, with go-yaml's reading of flow items
// ending in `:`, reads the rest. Whichever reads a document, the objects must be the ones the careful reader makes.
describe('the fast reader reads what the careful reader reads', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-')), 'stream.yaml');
  /** The objects read, or the error thrown (the careful reader throws on an alias with no anchor, for one). */
  const outcome = (read: () => unknown) => {
    try {
      return { objects: read() };
    } catch (e) {
      return { error: String(e) };
    }
  };
  /** Plain scalars where YAML 1.2's core schema, YAML 1.1, go-yaml and the two readers' own schemas may part. */
  const SCALARS = [
    'x', 'web', '0', '-0', '+12', '017', '0o17', '0o19', '0x1F', '0b101', '1_000', '1.', '.5', '-.5', '1.50', '1e3', '1.5E-3', '+1e+3',
    '1e400', '-1e400', '9'.repeat(400), '12345678901234567890', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', 'inf',
    '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', 'off', 'y', 'n',
    '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:45', '<<', '=', '"quoted"', "'single'", '"1"', "'true'", '""',
    'x:y', '001:db8::', 'k:', '1.2.3.4', 'a b', '!!str 1', '!!int 7', '!!int "7"', '!!float 1', '!!null ""', '!custom x',
    '&anchor x', '*anchor', '"a\\tb"', '"\\u00e9"', "'it''s'",
  ];
  const KEYS = ['a', 'b', 'name', '1', '0x10', '1.0', '~', 'null', 'true', '""', '__proto__', '<<', 'x y', '"q"'];
  const scalar = fc.constantFrom(...SCALARS);
  const key = fc.constantFrom(...KEYS);

  /** YAML text built from fragments, in block and flow style: not always valid YAML, which both must read alike. */
  interface Fragment { readonly lines: string[]; readonly inline: boolean }
  const inline = (line: string): Fragment => ({ lines: [line], inline: true });
  const indented = (lines: string[]) => lines.map((l) => `  ${l}`);
  const node: fc.Memo<Fragment> = fc.memo((depth) => (depth <= 1
    ? scalar.map(inline)
    : fc.oneof(
      scalar.map(inline),
      fc.array(fc.tuple(key, node(depth - 1)), { minLength: 1, maxLength: 3 }).map((pairs) => ({
        lines: pairs.flatMap(([k, v]) => (v.inline ? [`${k}: ${v.lines[0]}`] : [`${k}:`, ...indented(v.lines)])),
        inline: false,
      })),
      fc.array(node(depth - 1), { minLength: 1, maxLength: 3 }).map((items) => ({
        lines: items.flatMap((v) => [`- ${v.lines[0]}`, ...indented(v.lines.slice(1))]),
        inline: false,
      })),
      fc.array(scalar, { maxLength: 4 }).map((items) => inline(`[${items.join(', ')}]`)),
      fc.array(fc.tuple(key, scalar), { maxLength: 3 }).map((pairs) => inline(`{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`)),
    )));
  const document = fc.array(fc.tuple(key, node(3)), { minLength: 1, maxLength: 4 })
    .map((pairs) => pairs.flatMap(([k, v]) => (v.inline ? [`${k}: ${v.lines[0]}`] : [`${k}:`, ...indented(v.lines)])).join('\n'));
  const stream = fc.tuple(fc.array(document, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n'))
    .map(([docs, newline]) => `${docs.join('\n---\n')}\n`.replace(/\n/g, newline));

  test('on hand-written YAML with every scalar the two schemas could read apart', () => {
    fc.assert(fc.property(stream, (text) => {
      expect(outcome(() => parseManifests(text))).toStrictEqual(outcome(() => readYamlCarefully(text)));
    }), { numRuns: FUZZ_RUNS });
  });

  test('on any data, as the yaml package writes it in any style', () => {
    const styles = fc.record({
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE'),
      lineWidth: fc.constantFrom(0, 20, 80),
      indent: fc.constantFrom(2, 4),
    } as const);
    fc.assert(fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }), styles, (objects, options) => {
      const text = objects.map((o) => stringify(o, options)).join('---\n');
      const fast = readYamlFast(text);
      expect(parseManifests(text)).toStrictEqual(readYamlCarefully(text));
      if (fast !== undefined && !/:[,\]]/.test(text)) expect(fast).toStrictEqual(readYamlCarefully(text));
    }), { numRuns: Math.ceil(FUZZ_RUNS / 4) });
  });

  test('document by document, as the validator reads files', () => {
    fc.assert(fc.property(stream, (text) => {
      fs.writeFileSync(file, text);
      expect(outcome(() => readManifestsOf(file, () => true).objects)).toStrictEqual(outcome(() => readYamlCarefully(text)));
    }), { numRuns: Math.ceil(FUZZ_RUNS / 5) });
  });

  // What cdk8s writes (dist/, once `npm run synth` has run) and Istio's CRDs are read fast; hand-written manifests,
  // the invalid ones included, are read as the careful reader reads them, by whichever reader.
  const dir = (...parts: string[]) => path.join(__dirname, '../..', ...parts);
  const yamlFilesIn = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.yaml')).map((f) => path.join(folder, f)) : []);
  const readFast = [...yamlFilesIn(dir('dist')), ...(fs.existsSync(ISTIO_CRD_FILE) ? [ISTIO_CRD_FILE] : [])];
  const handWritten = fs.readdirSync(dir('test/fixtures/explain')).flatMap((d) => yamlFilesIn(dir('test/fixtures/explain', d)));
  test.each([...readFast.map((f) => [f, true] as const), ...handWritten.map((f) => [f, false] as const)])('on %s', (manifest, fast) => {
    const text = fs.readFileSync(manifest, 'utf8');
    expect(outcome(() => readManifests(manifest))).toStrictEqual(outcome(() => readYamlCarefully(text)));
    if (fast) expect(readYamlFast(text)).toStrictEqual(readYamlCarefully(text));
  });

  test.each([
    ['a complex key', '? [a, b]\n: c\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['an unknown tag', 'a: !custom x\n'],
    ['an explicitly tagged number', 'a: !!int "7"\n'],
  ])('leaves %s to the careful reader', (_, text) => {
    expect(readYamlFast(text)).toBeUndefined();
  });

  test("leaves Istio's ServiceEntry fixture, with IPv6 addresses in flow style, to the careful reader", () => {
    const fixture = path.join(__dirname, 'fixtures/istio-serviceentry-valid.yaml');
    const objects = readManifests(fixture);
    expect(objects).toStrictEqual(readYamlCarefully(fs.readFileSync(fixture, 'utf8')));
    expect(JSON.stringify(objects)).not.toMatch(/"[^"]*:":null/);
  });

  test('reads many documents a batch at a time, in order, one the fast reader cannot take among them', () => {
    const docs = Array.from({ length: 150 }, (_, i) => `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: s${i}\nspec: {}\n`);
    docs[3] = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    docs[70] = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: ipv6\nspec:\n  addresses: [001:db8::]\n';
    docs[100] = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: &n aliased\n  labels: {app: *n}\n';
    fs.writeFileSync(file, docs.join('---\n'));
    const batches: number[] = [];
    const otherNames = forEachManifestOf(file, (v) => v.endsWith('.istio.io/v1'), (objects) => batches.push(objects.length));
    const { objects } = readManifestsOf(file, (v) => v.endsWith('.istio.io/v1'));
    expect(objects).toStrictEqual(readYamlCarefully(docs.filter((_, i) => i !== 3).join('---\n')));
    expect(objects[99].metadata).toEqual({ name: 'aliased', labels: { app: 'aliased' } });
    expect(batches.reduce((a, b) => a + b, 0)).toBe(149);
    expect(Math.max(...batches)).toBeLessThan(149);
    expect(otherNames()).toEqual(['web']);
  });

  test('reads a go-yaml flow item in one document of a file and every other document fast, each as kubectl does', () => {
    fs.writeFileSync(file, [
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: ipv6\nspec:\n  addresses: [1.2.3.4, 001:db8::]\n',
      '---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: plain\nspec:\n  addresses: [1.2.3.4]\n',
    ].join(''));
    expect(readManifestsOf(file, () => true).objects.map((o) => o.spec.addresses)).toEqual([['1.2.3.4', '001:db8::'], ['1.2.3.4']]);
  });
});
