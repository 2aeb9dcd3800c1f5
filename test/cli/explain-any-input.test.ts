import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './helpers';

// What `meshlight explain` does with input that is valid for Istio but unusual: fields explain does not evaluate,
// and the same object in several files (named as the user named them).
const cart = (weight: number): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cart, namespace: shop }
spec:
  hosts: [cart]
  http: [{ route: [{ destination: { host: cart, subset: v1 }, weight: ${weight} }, { destination: { host: cart, subset: v2 }, weight: ${100 - weight} }] }]
`;

describe('meshlight explain on any valid input', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-any-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), cart(90));
    fs.writeFileSync(path.join(dir, 'b.yaml'), cart(10));
    fs.writeFileSync(path.join(dir, 'trust.yaml'), `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: partners, namespace: shop }
spec:
  rules: [{ from: [{ source: { trustDomains: [partner.example.com], notTrustDomains: [evil.example.com] } }] }]
`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an AuthorizationPolicy with source.trustDomains is explained (exit 0), not refused', () => {
    const { code, stderr } = cli(['explain', path.join(dir, 'trust.yaml'), '--detail']);
    expect([code, stderr]).toEqual([0, '']);
  });

  test('the same VirtualService in two files: the last one given wins, and a note names both files', () => {
    const ab = cli(['explain', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), '--detail', '--format', 'json']);
    const model = JSON.parse(ab.stdout);
    expect(model.traffic[0].routes[0].destinations.map((d: { percent: number }) => d.percent)).toEqual([10, 90]);
    const [a, b] = [path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml')];
    expect(model.notes).toContain(`VirtualService shop/cart in ${b} replaces the one in ${a}, as kubectl apply would`);
    const ba = cli(['explain', path.join(dir, 'b.yaml'), path.join(dir, 'a.yaml'), '--detail']);
    expect(ba.stdout).toContain(`! VirtualService shop/cart in ${a} replaces the one in ${b}, as kubectl apply would`);
  });
});
