import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseManifests, readManifests, readManifestsOf } from '../../lib/validation';

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
