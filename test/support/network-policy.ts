// Kubernetes NetworkPolicy semantics, written from the API reference and independent of meshlight's renderers: which
// pods a policy isolates, and whether a connection from one pod to another on a protocol and port is let through
// (the source's egress policies and the destination's ingress policies must both admit it).
// @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
import { ipBlockAdmits } from './cidr';

type Obj = Record<string, any>;

/** The L4 protocols a NetworkPolicy port can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A pod, as far as NetworkPolicies see it. */
export interface Pod {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of its namespace beyond `kubernetes.io/metadata.name`, which the API server sets on every namespace. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** The pod's IP, needed only when a policy has an ipBlock peer. */
  readonly ip?: string;
  /** Named container ports, for policies that name a port instead of numbering it. */
  readonly namedPorts?: readonly { readonly name: string; readonly port: number; readonly protocol?: Protocol }[];
}

/** Istio's control plane pods (istiod) in `namespace`. */
export const istiodPod = (namespace = 'istio-system'): Pod => ({ namespace, labels: { app: 'istiod', istio: 'pilot' } });

/** The cluster DNS pods (CoreDNS, which keeps the `k8s-app: kube-dns` label). */
export const KUBE_DNS_POD: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };

/** Whether a LabelSelector selects `labels`: matchLabels and matchExpressions all hold; `{}` selects everything. */
export function selectorMatches(selector: Obj, labels: Readonly<Record<string, string>>): boolean {
  const wanted: Record<string, string> = selector.matchLabels ?? {};
  const expressions: Obj[] = selector.matchExpressions ?? [];
  return Object.entries(wanted).every(([k, v]) => labels[k] === v) && expressions.every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values as string[]).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values as string[]).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`unknown selector operator ${JSON.stringify(e.operator)}`);
    }
  });
}

function namespaceLabelsOf(pod: Pod): Record<string, string> {
  return { ...pod.namespaceLabels, 'kubernetes.io/metadata.name': pod.namespace };
}

/** The policy types of a policy: as written, else Ingress, plus Egress when it has egress rules. */
function policyTypesOf(policy: Obj): string[] {
  return policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress === undefined ? [] : ['Egress'])];
}

/** The policies of `direction` that select `pod`; when there are none, the pod is not isolated that way. */
function isolating(policies: readonly Obj[], pod: Pod, direction: 'Ingress' | 'Egress'): Obj[] {
  return policies.filter((p) => p.kind === 'NetworkPolicy' && p.metadata.namespace === pod.namespace
    && selectorMatches(p.spec.podSelector ?? {}, pod.labels) && policyTypesOf(p).includes(direction));
}

/** Whether a rule's peer (`to` of egress, `from` of ingress) of a policy in `policyNamespace` is `pod`. */
function peerIs(peer: Obj, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock !== undefined) {
    if (pod.ip === undefined) throw new Error(`an ipBlock peer (${JSON.stringify(peer.ipBlock)}) needs the pod's ip to decide`);
    return ipBlockAdmits(peer.ipBlock, pod.ip);
  }
  const inNamespace = peer.namespaceSelector === undefined
    ? pod.namespace === policyNamespace
    : selectorMatches(peer.namespaceSelector, namespaceLabelsOf(pod));
  return inNamespace && (peer.podSelector === undefined || selectorMatches(peer.podSelector, pod.labels));
}

/** Whether a rule's port entry admits `protocol`/`port` on the destination pod. */
function portAdmits(entry: Obj, destination: Pod, protocol: Protocol, port: number): boolean {
  if ((entry.protocol ?? 'TCP') !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') {
    return (destination.namedPorts ?? []).some((p) => p.name === entry.port && p.port === port && (p.protocol ?? 'TCP') === protocol);
  }
  return entry.endPort === undefined ? entry.port === port : entry.port <= port && port <= entry.endPort;
}

function ruleAdmits(rule: Obj, peers: Obj[] | undefined, policyNamespace: string, peer: Pod, destination: Pod, protocol: Protocol, port: number): boolean {
  const ports: Obj[] = rule.ports ?? [];
  return (peers === undefined || peers.length === 0 || peers.some((p) => peerIs(p, policyNamespace, peer)))
    && (ports.length === 0 || ports.some((e) => portAdmits(e, destination, protocol, port)));
}

/** Whether `from`'s egress policies let it open a connection to `to` on `protocol`/`port`. */
export function egressAllowed(policies: readonly Obj[], from: Pod, to: Pod, protocol: Protocol, port: number): boolean {
  const selecting = isolating(policies, from, 'Egress');
  return selecting.length === 0 || selecting.some((p) => ((p.spec.egress ?? []) as Obj[])
    .some((rule) => ruleAdmits(rule, rule.to, p.metadata.namespace, to, to, protocol, port)));
}

/** Whether `to`'s ingress policies let in a connection from `from` on `protocol`/`port`. */
export function ingressAllowed(policies: readonly Obj[], from: Pod, to: Pod, protocol: Protocol, port: number): boolean {
  const selecting = isolating(policies, to, 'Ingress');
  return selecting.length === 0 || selecting.some((p) => ((p.spec.ingress ?? []) as Obj[])
    .some((rule) => ruleAdmits(rule, rule.from, p.metadata.namespace, from, to, protocol, port)));
}

/** Whether a connection from `from` to `to` on `protocol`/`port` gets through: both ends' policies admit it. */
export function connectionAllowed(policies: readonly Obj[], from: Pod, to: Pod, protocol: Protocol, port: number): boolean {
  return egressAllowed(policies, from, to, protocol, port) && ingressAllowed(policies, from, to, protocol, port);
}

/** Every `PROTOCOL/port` on which `from` can connect to `to`, over all protocols and ports 1-65535. */
export function openPorts(policies: readonly Obj[], from: Pod, to: Pod): string[] {
  const open: string[] = [];
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    for (let port = 1; port <= 65535; port++) {
      if (connectionAllowed(policies, from, to, protocol, port)) open.push(`${protocol}/${port}`);
    }
  }
  return open;
}
