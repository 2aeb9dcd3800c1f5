// Istio's ambient mode at the pods: a pod whose Namespace (or itself) is labelled `istio.io/dataplane-mode: ambient`
// has no sidecar; the ztunnel of its node carries its traffic and, at the receiving end, enforces the
// AuthorizationPolicies that select it (selector, namespace-wide, root namespace) at L4 only: the peer identity,
// namespace, IP and port. A rule that reads HTTP attributes is dropped from an ALLOW policy (it matches nothing) and
// enforced on its L4 parts alone in a DENY policy; CUSTOM policies are not enforced at ztunnel.
// @see https://istio.io/latest/docs/ambient/usage/l4-policy/
// @see https://github.com/istio/istio/blob/master/pilot/pkg/serviceregistry/kube/controller/ambient/authorization.go
import { AuthorizationDecision, AuthorizationPolicyConfig, AuthorizationRule, authorizeBy, OperationField, policyAppliesTo, SourceField } from './authorization-policy';
import { Mesh } from './mesh';
import { indexOf } from './mesh-index';
import { refName } from './objects';
import { effectiveMtls } from './peer-authentication';
import { MeshRequest, RequestSource } from './request';
import { Identity, Workload } from './workloads';

/** True when the namespace is in ambient mode (`istio.io/dataplane-mode: ambient` on its Namespace object). */
export function isAmbientNamespace(mesh: Mesh, namespace: string): boolean {
  return mesh.namespaceLabels[namespace]?.['istio.io/dataplane-mode'] === 'ambient';
}

/**
 * True when pods of `namespace` with `labels` are in ambient mode: their own `istio.io/dataplane-mode` label
 * (`ambient`, or `none` to opt out), else their namespace's. Unknown labels: the namespace decides.
 */
export function isAmbientPod(mesh: Mesh, namespace: string, labels: Readonly<Record<string, string>> | undefined): boolean {
  const own = labels?.['istio.io/dataplane-mode'];
  return own === undefined ? isAmbientNamespace(mesh, namespace) : own === 'ambient';
}

/** True when the pods of `workload` are in ambient mode, so that ztunnel, not a sidecar, enforces their policies. */
export function isAmbientWorkload(mesh: Mesh, workload: Workload): boolean {
  return isAmbientPod(mesh, workload.namespace, workload.labels);
}

const HTTP_OPERATION_FIELDS: readonly OperationField[] = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const HTTP_SOURCE_FIELDS: readonly SourceField[] = ['requestPrincipals', 'notRequestPrincipals', 'remoteIpBlocks', 'notRemoteIpBlocks'];
// ztunnel's rules have no trust domain: Istio drops these fields without a warning.
const IGNORED_SOURCE_FIELDS: readonly SourceField[] = ['trustDomains', 'notTrustDomains'];
const L4_CONDITION_KEYS: readonly string[] = ['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port'];

/** A policy as ztunnel enforces it: undefined when it does not (CUSTOM), and what changed, in words. */
export interface ZtunnelPolicy {
  readonly policy?: AuthorizationPolicyConfig;
  readonly notes: readonly string[];
}

function without<F extends string>(fields: Partial<Record<F, readonly string[]>>, drop: readonly F[]): Partial<Record<F, readonly string[]>> {
  return Object.fromEntries(Object.entries(fields).filter(([k]) => !(drop as readonly string[]).includes(k))) as Partial<Record<F, readonly string[]>>;
}

/** The HTTP attributes a rule reads (field names and `when` keys), which ztunnel cannot see. */
export function httpAttributesOf(rule: AuthorizationRule): string[] {
  const found = new Set<string>();
  for (const o of rule.to) HTTP_OPERATION_FIELDS.filter((f) => o[f] !== undefined).forEach((f) => found.add(f));
  for (const s of rule.from) HTTP_SOURCE_FIELDS.filter((f) => s[f] !== undefined).forEach((f) => found.add(f));
  for (const w of rule.when) if (!L4_CONDITION_KEYS.includes(w.key)) found.add(w.key);
  return [...found].sort();
}

/**
 * `policy` as ztunnel enforces it, as Istio converts it: in an ALLOW policy, a rule that reads HTTP attributes is
 * omitted (it never matches); in a DENY policy, such a rule keeps its L4 parts only (it matches more); a CUSTOM
 * policy is not enforced; trust domains are ignored.
 */
export function asEnforcedByZtunnel(policy: AuthorizationPolicyConfig): ZtunnelPolicy {
  const name = `${policy.action} ${refName(policy)}`;
  if (policy.action === 'CUSTOM') {
    return { notes: [`${name} is not enforced at ztunnel, which does not support the CUSTOM action`] };
  }
  const notes: string[] = [];
  const rules: AuthorizationRule[] = [];
  policy.rules.forEach((rule, i) => {
    const http = httpAttributesOf(rule);
    const ignored = [...new Set(rule.from.flatMap((s) => IGNORED_SOURCE_FIELDS.filter((f) => s[f] !== undefined)))];
    if (ignored.length > 0) {
      notes.push(`ztunnel ignores ${ignored.join(', ')} in rule #${i + 1} of ${name}`);
    }
    const l4: AuthorizationRule = {
      from: rule.from.map((s) => without(s, [...HTTP_SOURCE_FIELDS, ...IGNORED_SOURCE_FIELDS])),
      to: rule.to.map((o) => without(o, HTTP_OPERATION_FIELDS)),
      when: rule.when.filter((w) => L4_CONDITION_KEYS.includes(w.key)),
    };
    if (http.length === 0) {
      rules.push(l4);
    } else if (policy.action === 'ALLOW') {
      notes.push(`ztunnel omits rule #${i + 1} of ${name}: it reads HTTP attributes (${http.join(', ')}) that ztunnel cannot see, so it matches nothing (use a waypoint for L7 rules)`);
    } else {
      rules.push(l4);
      notes.push(`ztunnel enforces rule #${i + 1} of ${name} without its HTTP attributes (${http.join(', ')}): it matches on its L4 parts alone`);
    }
  });
  return { policy: { ...policy, rules }, notes };
}

/**
 * The authorization at the ztunnel of `target`, an ambient pod, of a connection from `caller` (undefined: a
 * plaintext one), which ztunnel sees as `seenAs` (`the caller's identity`, `the waypoint's identity`): L4 only, so
 * only the port of `request` counts. ztunnel always uses mTLS between mesh pods (a DISABLE PeerAuthentication is
 * ignored); STRICT rejects plaintext.
 */
export function authorizeAtZtunnel(mesh: Mesh, caller: Identity | undefined, target: Workload, request: Pick<MeshRequest, 'port'>, seenAs: string): AuthorizationDecision {
  const index = indexOf(mesh);
  const mtls = effectiveMtls(target, index.peerAuthenticationsFor(target.namespace), mesh.options);
  const by = mtls.by === undefined ? 'no PeerAuthentication: PERMISSIVE' : `PeerAuthentication ${mtls.by}`;
  const where = `at ztunnel (L4, as seen from ${caller === undefined ? 'a plaintext caller' : `${seenAs} ${caller.principal}`})`;
  const notes: string[] = [];
  if (mtls.mode === 'DISABLE') {
    notes.push(`mTLS DISABLE (${by}) is ignored in ambient mode: ztunnel always uses mTLS between mesh pods`);
  }
  if (caller === undefined && mtls.mode === 'STRICT') {
    return { decision: 'denied', policy: `ztunnel: ${by}`, why: 'mTLS STRICT: plaintext connections are rejected before any policy', notes: [where, ...notes] };
  }
  if (caller === undefined) {
    notes.push(`mTLS ${mtls.mode} (${by}): a plaintext caller has no principal and no namespace`);
  }
  const views = index.policiesFor(target.namespace).filter((p) => policyAppliesTo(p, target, mesh.options)).map(asEnforcedByZtunnel);
  const source: RequestSource = caller === undefined ? { principal: null, namespace: null } : { principal: caller.principal, namespace: caller.namespace };
  const enforced = views.flatMap((v) => (v.policy === undefined ? [] : [v.policy]));
  const decision = authorizeBy(enforced, { source, port: request.port });
  return { ...decision, policy: `ztunnel: ${decision.policy}`, notes: [where, ...notes, ...views.flatMap((v) => v.notes), ...decision.notes] };
}
