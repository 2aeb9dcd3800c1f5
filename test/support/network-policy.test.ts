// The NetworkPolicy evaluator that other tests trust, checked against the examples of the Kubernetes documentation.
// @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
import { connectionAllowed, egressAllowed, ingressAllowed, Pod } from './network-policy';

const policy = (namespace: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace }, spec });
const db: Pod = { namespace: 'default', labels: { role: 'db' } };
const frontend: Pod = { namespace: 'default', labels: { role: 'frontend' } };
const projectPod: Pod = { namespace: 'myproject', labels: {}, namespaceLabels: { project: 'myproject' } };
const clientInProject: Pod = { ...projectPod, labels: { role: 'client' } };

test('a pod no policy selects is not isolated', () => {
  expect(connectionAllowed([], frontend, db, 'UDP', 9)).toBe(true);
});

test('without policyTypes a policy isolates ingress, and egress only when it has egress rules', () => {
  const ingressOnly = policy('default', { podSelector: { matchLabels: { role: 'db' } } });
  expect(ingressAllowed([ingressOnly], frontend, db, 'TCP', 6379)).toBe(false);
  expect(egressAllowed([ingressOnly], db, frontend, 'TCP', 80)).toBe(true);
});

test('namespaceSelector and podSelector in one peer both hold (AND); in two peers either suffices (OR)', () => {
  const and = policy('default', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { project: 'myproject' } }, podSelector: { matchLabels: { role: 'client' } } }] }] });
  const or = policy('default', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }] });
  expect(ingressAllowed([and], clientInProject, db, 'TCP', 6379)).toBe(true);
  expect(ingressAllowed([and], projectPod, db, 'TCP', 6379)).toBe(false);
  expect(ingressAllowed([or], projectPod, db, 'TCP', 6379)).toBe(true);
  // A podSelector alone means pods of the policy's own namespace.
  expect(ingressAllowed([or], { ...clientInProject, namespaceLabels: {} , namespace: 'other' }, db, 'TCP', 6379)).toBe(false);
});

test('ports: protocol defaults to TCP, endPort makes a range, a named port matches the destination\'s container port', () => {
  const egress = policy('default', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 32000, endPort: 32768 }, { port: 'dns', protocol: 'UDP' }] }] });
  const named: Pod = { ...db, namedPorts: [{ name: 'dns', port: 5353, protocol: 'UDP' }] };
  expect(egressAllowed([egress], frontend, db, 'TCP', 32768)).toBe(true);
  expect(egressAllowed([egress], frontend, db, 'TCP', 32769)).toBe(false);
  expect(egressAllowed([egress], frontend, db, 'UDP', 32000)).toBe(false);
  expect(egressAllowed([egress], frontend, named, 'UDP', 5353)).toBe(true);
  expect(egressAllowed([egress], frontend, db, 'UDP', 5353)).toBe(false);
});

test('allowed traffic needs both ends: the source\'s egress and the destination\'s ingress', () => {
  const denyIngress = policy('default', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress'] });
  expect(egressAllowed([denyIngress], frontend, db, 'TCP', 6379)).toBe(true);
  expect(connectionAllowed([denyIngress], frontend, db, 'TCP', 6379)).toBe(false);
});
