import { buildMesh, ExplainInputError, explainTraffic, manifestsFromObjects, parseManifests } from '../../lib/explain';
import { meshOf } from './helpers';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExplainInputError) {
      return e.problems;
    }
    throw e;
  }
  throw new Error('expected an ExplainInputError');
}

describe('reading YAML', () => {
  test('every document becomes an object with its file, document number and line; empty documents are skipped', () => {
    const manifests = parseManifests('---\napiVersion: v1\nkind: Service\nmetadata: { name: a }\n---\n---\n# only a comment\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: b }\n', 'in.yaml');
    expect(manifests.map((m) => [m.kind, m.source.file, m.source.document, m.source.line])).toEqual([
      ['Service', 'in.yaml', 1, 1],
      ['ServiceAccount', 'in.yaml', 4, 8],
    ]);
  });

  test('a kind: List is expanded into its items', () => {
    const manifests = parseManifests('apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: Service, metadata: { name: a } }\n  - { apiVersion: v1, kind: Service, metadata: { name: b } }\n', 'list.yaml');
    expect(manifests.map((m) => [m.kind, m.source.item])).toEqual([['Service', 0], ['Service', 1]]);
  });

  test('invalid YAML names the file, the document and the line of the error', () => {
    expect(problemsOf(() => parseManifests('apiVersion: v1\nkind: Service\n---\nkind: [unclosed\n', 'bad.yaml'))).toEqual([
      expect.stringMatching(/^bad\.yaml document 2 \(line 3\): invalid YAML: .* at line 5, column \d+\. Fix: correct the YAML syntax there$/),
    ]);
  });

  test('an object without apiVersion or kind, and a document that is not an object, are named with what they hold', () => {
    expect(problemsOf(() => parseManifests('metadata: { name: a }\n---\n- just\n- a list\n', 'odd.yaml'))).toEqual([
      'odd.yaml document 1 (line 1): the object has no "apiVersion" and "kind" (found keys ["metadata"]). Fix: every Kubernetes object needs apiVersion and kind, e.g. apiVersion: networking.istio.io/v1 and kind: VirtualService',
      'odd.yaml document 2 (line 2): ["just","a list"] is not a Kubernetes object. Fix: give a mapping with apiVersion, kind and metadata',
    ]);
  });

  test('objects in memory (e.g. from cdk8s synth) are read the same way', () => {
    expect(manifestsFromObjects([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }], 'chart')[0].source).toEqual({ file: 'chart', document: 1, line: 1 });
    expect(() => manifestsFromObjects([{ kind: 'Service' }], 'chart')).toThrow(ExplainInputError);
  });
});

describe('reading the objects', () => {
  test('every field of the wrong type is reported at once, naming file, document, object, field and value', () => {
    const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: shop }
spec:
  hosts: reviews
  http:
    - route: [{ destination: { host: reviews }, weight: fifty }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: typo, namespace: shop }
spec:
  action: REJECT
  rules: [{ from: [{ source: { principal: [x] } }] }]
`;
    expect(problemsOf(() => buildMesh(parseManifests(yaml, 'shop.yaml')))).toEqual([
      'shop.yaml document 1 (line 1) VirtualService shop/reviews: spec.hosts = "reviews": expected a list. Fix: write its entries as "- ..." lines',
      'shop.yaml document 1 (line 1) VirtualService shop/reviews: spec.http[0].route[0].weight = "fifty": expected a number. Fix: write a whole number such as 80',
      'shop.yaml document 2 (line 8) AuthorizationPolicy shop/typo: spec.action = "REJECT": expected one of ALLOW, DENY, AUDIT, CUSTOM. Fix: use one of "ALLOW", "DENY", "AUDIT", "CUSTOM"',
      expect.stringContaining('AuthorizationPolicy shop/typo: spec.rules[0].from[0].source.principal = ["x"]: expected one of the fields principals, '),
    ]);
    expect(problemsOf(() => buildMesh(parseManifests(yaml, 'shop.yaml')))[3]).toMatch(/Fix: did you mean "principals"\?$/);
  });

  test('objects without a namespace are in the default namespace, which can be set', () => {
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n';
    expect(meshOf(yaml).services[0].host).toBe('web.default.svc.cluster.local');
    expect(meshOf(yaml, { defaultNamespace: 'shop', clusterDomain: 'corp.local' }).services[0].host).toBe('web.shop.svc.corp.local');
  });

  test('kinds that are not evaluated are listed as notes, and a VirtualService host that Istio takes literally is flagged', () => {
    const mesh = meshOf(`apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: { name: public, namespace: istio-system }
spec: {}
---
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: shop }
spec: { selector: { app: reviews }, ports: [{ port: 80 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: shop }
spec:
  hosts: [reviews.shop]
  http: [{ route: [{ destination: { host: reviews } }] }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ignored-silently }
`);
    expect(mesh.notes).toEqual([
      'WorkloadEntry istio-system/public (inline.yaml document 1 (line 1)) is not evaluated by meshlight explain',
      'VirtualService shop/reviews host "reviews.shop" is taken literally by Istio, so it does not apply to Service shop/reviews; write "reviews.shop.svc.cluster.local" or the short name (in inline.yaml)',
    ]);
  });
});

describe('the same object in several places: the last one wins, as kubectl apply would', () => {
  const cart = (weight: number): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cart, namespace: shop }
spec:
  hosts: [cart]
  http: [{ route: [{ destination: { host: cart, subset: v1 }, weight: ${weight} }, { destination: { host: cart, subset: v2 }, weight: ${100 - weight} }] }]
`;

  test('in two files: the later file\'s object is kept and a note names both files', () => {
    const mesh = buildMesh([...parseManifests(cart(90), 'a.yaml'), ...parseManifests(cart(10), 'b.yaml')]);
    expect(mesh.virtualServices.map((vs) => [vs.name, vs.source.file, vs.http[0].destinations[0].weight])).toEqual([['cart', 'b.yaml', 10]]);
    expect(mesh.notes).toEqual(['VirtualService shop/cart in b.yaml replaces the one in a.yaml, as kubectl apply would']);
    expect(explainTraffic(mesh).map((t) => [t.shortHost, t.files])).toEqual([['cart.shop', ['b.yaml']]]);
  });

  test('in one file: the later document is kept, named by document; v1beta1 and v1 are the same object', () => {
    const mesh = buildMesh(parseManifests(`${cart(90)}---\n${cart(10).replace('networking.istio.io/v1', 'networking.istio.io/v1beta1')}`, 'shop.yaml'));
    expect(mesh.virtualServices.map((vs) => vs.source.document)).toEqual([2]);
    expect(mesh.notes).toEqual(['VirtualService shop/cart in shop.yaml document 2 (line 7) replaces the one in shop.yaml document 1 (line 1), as kubectl apply would']);
  });

  test('the same name in another namespace or of another kind is another object; a replaced object\'s wrong fields are still reported', () => {
    const mesh = buildMesh(parseManifests(`${cart(90)}---\n${cart(90).replace('namespace: shop', 'namespace: other')}---\napiVersion: v1\nkind: Service\nmetadata: { name: cart, namespace: shop }\n`, 'x.yaml'));
    expect(mesh.virtualServices.map((vs) => vs.namespace)).toEqual(['other', 'shop']);
    expect(mesh.notes).toEqual([]);
    expect(problemsOf(() => buildMesh(parseManifests(`${cart(90).replace('weight: 90', 'weight: ninety')}---\n${cart(10)}`, 'x.yaml')))).toEqual([
      expect.stringContaining('spec.http[0].route[0].weight = "ninety"'),
    ]);
  });
});
