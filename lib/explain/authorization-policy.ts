import { quote } from '../core/internal';
import { annotationsOf, byRef, MeshOptions, ObjectRef, readObject, refName, selects } from './objects';
import { FieldReader } from './read-fields';
import { MeshRequest } from './request';
import { SourcedManifest } from './source';
import { allOf, anyOf, isUnknown, not, Truth, unknown } from './truth';
import { wildcardMatches } from './value-match';
import { Workload } from './workloads';

/** What an AuthorizationPolicy does with the requests it matches. */
export type PolicyAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

/** The fields of a rule's `from[].source`. */
export const SOURCE_FIELDS = [
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces',
  'serviceAccounts', 'notServiceAccounts', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks',
  'trustDomains', 'notTrustDomains',
] as const;

/** The fields of a rule's `to[].operation`. */
export const OPERATION_FIELDS = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'] as const;

/** A field of `from[].source`. */
export type SourceField = typeof SOURCE_FIELDS[number];
/** A field of `to[].operation`. */
export type OperationField = typeof OPERATION_FIELDS[number];

/** One `when` condition: `key` must have one of `values` and none of `notValues`. */
export interface WhenCondition {
  readonly key: string;
  readonly values: readonly string[];
  readonly notValues: readonly string[];
}

/**
 * One rule: `from` entries OR'ed, `to` entries OR'ed, `when` conditions AND'ed, the three groups AND'ed; the fields
 * inside one source or operation AND'ed. An empty group places no condition.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Rule
 */
export interface AuthorizationRule {
  readonly from: readonly Partial<Record<SourceField, readonly string[]>>[];
  readonly to: readonly Partial<Record<OperationField, readonly string[]>>[];
  readonly when: readonly WhenCondition[];
}

/** An AuthorizationPolicy, as far as meshlight explain reads it. */
export interface AuthorizationPolicyConfig extends ObjectRef {
  readonly action: PolicyAction;
  /** `provider.name` of a CUSTOM policy. */
  readonly provider?: string;
  /** `selector.matchLabels`; undefined: every workload of the namespace (of the mesh, in the root namespace). */
  readonly selector?: Readonly<Record<string, string>>;
  /** True when the policy targets gateways or waypoints (`targetRef`/`targetRefs`) and so no sidecar. */
  readonly hasTargetRefs: boolean;
  /** `targetRef` and `targetRefs`, in the policy's namespace: kind (`Gateway`, `Service`, `GatewayClass`...) and name. */
  readonly targetRefs: readonly { readonly kind: string; readonly name: string }[];
  /** The rules; none at all means the policy matches no request (for ALLOW: "allow nothing"). */
  readonly rules: readonly AuthorizationRule[];
  /** `istio.io/dry-run: "true"`: evaluated and logged, not enforced. */
  readonly dryRun: boolean;
}

/** Reads an AuthorizationPolicy (security.istio.io/v1 or v1beta1). */
export function readAuthorizationPolicy(manifest: SourcedManifest, options: MeshOptions, problems: string[]): AuthorizationPolicyConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const selector = reader.record(spec.selector, 'spec.selector');
  const provider = reader.record(spec.provider, 'spec.provider');
  const action = reader.oneOf(spec.action, 'spec.action', ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] as const, 'ALLOW');
  return {
    ...ref,
    action,
    provider: provider === undefined ? undefined : reader.string(provider.name, 'spec.provider.name'),
    selector: selector === undefined ? undefined : reader.stringMap(selector.matchLabels, 'spec.selector.matchLabels') ?? {},
    hasTargetRefs: spec.targetRef !== undefined || spec.targetRefs !== undefined,
    targetRefs: [...(spec.targetRef === undefined ? [] : [spec.targetRef]), ...reader.list(spec.targetRefs, 'spec.targetRefs')].map((t, i) => {
      const at = spec.targetRef !== undefined && i === 0 ? 'spec.targetRef' : `spec.targetRefs[${spec.targetRef === undefined ? i : i - 1}]`;
      const target = reader.record(t, at) ?? {};
      return { kind: reader.string(target.kind, `${at}.kind`) ?? '', name: reader.string(target.name, `${at}.name`) ?? '' };
    }),
    rules: reader.list(spec.rules, 'spec.rules').map((r, i) => readRule(reader, r, `spec.rules[${i}]`)),
    dryRun: annotationsOf(manifest)['istio.io/dry-run'] === 'true',
  };
}

function readRule(reader: FieldReader, value: unknown, path: string): AuthorizationRule {
  const rule = reader.record(value, path) ?? {};
  const from = reader.list(rule.from, `${path}.from`).map((f, i) => {
    const entry = reader.record(f, `${path}.from[${i}]`) ?? {};
    return readFields(reader, entry.source, `${path}.from[${i}].source`, SOURCE_FIELDS);
  });
  const to = reader.list(rule.to, `${path}.to`).map((t, i) => {
    const entry = reader.record(t, `${path}.to[${i}]`) ?? {};
    return readFields(reader, entry.operation, `${path}.to[${i}].operation`, OPERATION_FIELDS);
  });
  const when = reader.list(rule.when, `${path}.when`).map((w, i): WhenCondition => {
    const entry = reader.record(w, `${path}.when[${i}]`) ?? {};
    return {
      key: reader.string(entry.key, `${path}.when[${i}].key`) ?? '',
      values: reader.strings(entry.values, `${path}.when[${i}].values`),
      notValues: reader.strings(entry.notValues, `${path}.when[${i}].notValues`),
    };
  });
  return { from, to, when };
}

function readFields<F extends string>(reader: FieldReader, value: unknown, path: string, fields: readonly F[]): Partial<Record<F, readonly string[]>> {
  const record = reader.record(value, path) ?? {};
  const out: Partial<Record<F, readonly string[]>> = {};
  for (const key of Object.keys(record)) {
    if (!(fields as readonly string[]).includes(key)) {
      const near = fields.find((f) => f.toLowerCase() === key.toLowerCase() || f.toLowerCase() === `${key.toLowerCase()}s`);
      reader.problem(`${path}.${key}`, record[key], `one of the fields ${fields.join(', ')}`, near === undefined ? 'remove the field or correct its name' : `did you mean "${near}"?`);
      continue;
    }
    // Ports are often written as numbers; Istio's schema wants strings, and matching compares text.
    const values = reader.list(record[key], `${path}.${key}`).map((v) => (typeof v === 'number' ? String(v) : v));
    out[key as F] = reader.strings(values, `${path}.${key}`);
  }
  return out;
}

/**
 * True when the policy applies to `workload`'s sidecar: it is in the workload's namespace (or the root namespace,
 * which covers every namespace) and its selector, if any, matches the workload's labels. Policies with targetRefs
 * apply to gateways and waypoints, not sidecars.
 */
export function policyAppliesTo(policy: AuthorizationPolicyConfig, workload: Workload, options: MeshOptions): boolean {
  if (policy.hasTargetRefs) {
    return false;
  }
  const inScope = policy.namespace === workload.namespace || policy.namespace === options.rootNamespace;
  return inScope && (policy.selector === undefined || selects(policy.selector, workload.labels));
}

/** Whether the policy matches `request`: any of its rules (none: no request). */
export function policyTruth(policy: AuthorizationPolicyConfig, request: MeshRequest): Truth {
  return anyOf(policy.rules.map((rule) => ruleTruth(rule, request)));
}

/** Whether one rule matches `request`. */
export function ruleTruth(rule: AuthorizationRule, request: MeshRequest): Truth {
  const groups: Truth[] = [];
  if (rule.from.length > 0) {
    groups.push(anyOf(rule.from.map((source) => sourceTruth(source, request))));
  }
  if (rule.to.length > 0) {
    groups.push(anyOf(rule.to.map((operation) => operationTruth(operation, request))));
  }
  for (const condition of rule.when) {
    groups.push(whenTruth(condition, request));
  }
  return allOf(groups);
}

function describeValues(subject: string, values: readonly string[], negate = false): string {
  if (values.length === 1) {
    return `${subject} ${negate ? '!=' : '='} ${values[0]}`;
  }
  return `${subject} ${negate ? 'not in' : 'in'} [${values.join(', ')}]`;
}

/** `values` against an attribute: undefined is open, null (absent) matches nothing. */
function valuesTruth(subject: string, values: readonly string[], attribute: string | null | undefined, match = wildcardMatches): Truth {
  if (attribute === undefined) {
    return unknown(describeValues(subject, values));
  }
  return attribute !== null && values.some((v) => match(v, attribute));
}

function negated(subject: string, values: readonly string[], attribute: string | null | undefined, match = wildcardMatches): Truth {
  const t = valuesTruth(subject, values, attribute, match);
  return isUnknown(t) ? unknown(describeValues(subject, values, true)) : !t;
}

function stripSpiffe(value: string): string {
  return value.startsWith('spiffe://') ? value.slice('spiffe://'.length) : value;
}

const PRINCIPAL = /^[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/;

function serviceAccountOf(principal: string | null | undefined): string | null | undefined {
  if (principal === null || principal === undefined) {
    return principal;
  }
  const m = PRINCIPAL.exec(principal);
  return m ? `${m[1]}/${m[2]}` : null;
}

const matchPrincipal = (pattern: string, value: string): boolean => wildcardMatches(stripSpiffe(pattern), value);
// Istio compares the Host header as sent, port included, without regard to case: `shop.example.com` does not match
// `shop.example.com:443`; a policy lists `shop.example.com:*` for that.
const matchHost = (pattern: string, value: string): boolean => wildcardMatches(pattern.toLowerCase(), value.toLowerCase());

function sourceTruth(source: Partial<Record<SourceField, readonly string[]>>, request: MeshRequest): Truth {
  const s = request.source;
  const parts: Truth[] = [];
  const add = (field: SourceField, t: (values: readonly string[]) => Truth): void => {
    const values = source[field];
    if (values !== undefined) {
      parts.push(t(values));
    }
  };
  add('principals', (v) => valuesTruth('principal', v, s.principal, matchPrincipal));
  add('notPrincipals', (v) => negated('principal', v, s.principal, matchPrincipal));
  add('namespaces', (v) => valuesTruth('caller namespace', v, s.namespace));
  add('notNamespaces', (v) => negated('caller namespace', v, s.namespace));
  add('serviceAccounts', (v) => valuesTruth('caller service account', v, serviceAccountOf(s.principal)));
  add('notServiceAccounts', (v) => negated('caller service account', v, serviceAccountOf(s.principal)));
  add('requestPrincipals', (v) => valuesTruth('JWT principal', v, s.requestPrincipal));
  add('notRequestPrincipals', (v) => negated('JWT principal', v, s.requestPrincipal));
  add('ipBlocks', (v) => unknown(describeValues('source ip', v)));
  add('notIpBlocks', (v) => unknown(describeValues('source ip', v, true)));
  add('remoteIpBlocks', (v) => unknown(describeValues('remote ip', v)));
  add('notRemoteIpBlocks', (v) => unknown(describeValues('remote ip', v, true)));
  // The peer certificate's trust domain: trust domain aliases and federation make it more than the principal's prefix.
  add('trustDomains', (v) => unknown(describeValues('caller trust domain', v)));
  add('notTrustDomains', (v) => unknown(describeValues('caller trust domain', v, true)));
  return allOf(parts);
}

function operationTruth(operation: Partial<Record<OperationField, readonly string[]>>, request: MeshRequest): Truth {
  const parts: Truth[] = [];
  const port = request.port === undefined ? undefined : String(request.port);
  const add = (field: OperationField, t: (values: readonly string[]) => Truth): void => {
    const values = operation[field];
    if (values !== undefined) {
      parts.push(t(values));
    }
  };
  add('hosts', (v) => valuesTruth('host', v, request.authority, matchHost));
  add('notHosts', (v) => negated('host', v, request.authority, matchHost));
  add('ports', (v) => valuesTruth('port', v, port, (a, b) => a === b));
  add('notPorts', (v) => negated('port', v, port, (a, b) => a === b));
  add('methods', (v) => valuesTruth('method', v, request.method));
  add('notMethods', (v) => negated('method', v, request.method));
  add('paths', (v) => valuesTruth('path', v, request.path));
  add('notPaths', (v) => negated('path', v, request.path));
  return allOf(parts);
}

const HEADER_KEY = /^request\.headers\[(.+)\]$/;

function whenTruth(condition: WhenCondition, request: MeshRequest): Truth {
  const attribute = whenAttribute(condition.key, request);
  const parts: Truth[] = [];
  if (attribute === 'unsupported') {
    if (condition.values.length > 0) parts.push(unknown(describeValues(condition.key, condition.values)));
    if (condition.notValues.length > 0) parts.push(unknown(describeValues(condition.key, condition.notValues, true)));
    return allOf(parts);
  }
  if (condition.values.length > 0) parts.push(valuesTruth(condition.key, condition.values, attribute));
  if (condition.notValues.length > 0) parts.push(negated(condition.key, condition.notValues, attribute));
  return allOf(parts);
}

function whenAttribute(key: string, request: MeshRequest): string | null | undefined | 'unsupported' {
  const header = HEADER_KEY.exec(key);
  if (header) {
    return request.headers === undefined ? undefined : request.headers[header[1].toLowerCase()] ?? null;
  }
  switch (key) {
    case 'source.principal':
      return request.source.principal;
    case 'source.namespace':
      return request.source.namespace;
    case 'destination.port':
      return request.port === undefined ? undefined : String(request.port);
    default:
      return 'unsupported';
  }
}

/** Whether a request is let through: allowed, denied, or depends on something the request does not fix. */
export type Decision = 'allowed' | 'denied' | 'depends';

/** An authorization decision with the policy that decides it and why, in words. */
export interface AuthorizationDecision {
  readonly decision: Decision;
  /** The deciding policies as `ACTION namespace/name`, or what else decides (e.g. `no ALLOW policy`). */
  readonly policy: string;
  readonly why: string;
  readonly notes: readonly string[];
}

function label(policy: AuthorizationPolicyConfig): string {
  return `${policy.action} ${refName(policy)}`;
}

/**
 * Istio's authorization of `request` at `workload`: CUSTOM policies first (their provider decides), then DENY (any
 * match denies), then ALLOW (when any applies, one must match). Dry-run policies are evaluated but not enforced; a
 * note says what they would change.
 * @see https://istio.io/latest/docs/concepts/security/#implicit-enablement
 */
export function authorize(workload: Workload, request: MeshRequest, policies: readonly AuthorizationPolicyConfig[], options: MeshOptions): AuthorizationDecision {
  return authorizeBy(policies.filter((p) => policyAppliesTo(p, workload, options)), request);
}

/**
 * Istio's authorization of `request` by `policies`, which all apply where it is decided (a sidecar, or a waypoint
 * for the policies that target it): CUSTOM, then DENY, then ALLOW; AUDIT ignored; dry-run evaluated, not enforced.
 */
export function authorizeBy(policies: readonly AuthorizationPolicyConfig[], request: MeshRequest): AuthorizationDecision {
  const applicable = policies.filter((p) => p.action !== 'AUDIT').sort(byRef);
  const enforced = decide(applicable.filter((p) => !p.dryRun), request);
  const notes: string[] = [];
  for (const p of applicable.filter((q) => q.dryRun)) {
    const t = policyTruth(p, request);
    if (t !== false) {
      notes.push(`dry-run ${label(p)} ${t === true ? 'matches' : `matches when ${t.when}`} (not enforced)`);
    }
  }
  if (notes.length > 0) {
    const withDryRun = decide(applicable, request);
    if (withDryRun.decision !== enforced.decision) {
      notes.push(`enforcing the dry-run policies would make this ${withDryRun.decision} (${withDryRun.policy})`);
    }
  }
  return { ...enforced, notes };
}

function matchingRule(policy: AuthorizationPolicyConfig, request: MeshRequest): string {
  return `rule #${policy.rules.findIndex((r) => ruleTruth(r, request) === true) + 1}`;
}

function decide(policies: readonly AuthorizationPolicyConfig[], request: MeshRequest): AuthorizationDecision {
  const evaluated = policies.map((p) => ({ p, t: policyTruth(p, request) }));
  const denying = evaluated.find((e) => e.p.action === 'DENY' && e.t === true);
  if (denying !== undefined) {
    return { decision: 'denied', policy: label(denying.p), why: `DENY ${matchingRule(denying.p, request)} matches`, notes: [] };
  }
  const allows = evaluated.filter((e) => e.p.action === 'ALLOW');
  let allowTruth: Truth;
  let allowPolicy: string;
  let allowWhy: string;
  if (allows.length === 0) {
    allowTruth = true;
    allowPolicy = '(none)';
    allowWhy = 'no ALLOW policy applies to the workload: allowed by default';
  } else {
    const matching = allows.find((e) => e.t === true);
    const open = allows.filter((e) => isUnknown(e.t));
    if (matching !== undefined) {
      allowTruth = true;
      allowPolicy = label(matching.p);
      allowWhy = `ALLOW ${matchingRule(matching.p, request)} matches`;
    } else if (open.length === 0) {
      const nothing = allows.filter((e) => e.p.rules.length === 0);
      const others = allows.filter((e) => e.p.rules.length > 0).map((e) => refName(e.p));
      if (nothing.length > 0) {
        const why = `allow-nothing (no rules) and ${others.length === 0 ? 'no other ALLOW policy applies' : `no other ALLOW policy matches (${others.join(', ')})`}`;
        return { decision: 'denied', policy: nothing.map((e) => label(e.p)).join(', '), why, notes: [] };
      }
      return { decision: 'denied', policy: allows.map((e) => label(e.p)).join(', '), why: 'no ALLOW policy matches', notes: [] };
    } else {
      allowTruth = anyOf(open.map((e) => e.t));
      allowPolicy = open.map((e) => label(e.p)).join(', ');
      allowWhy = '';
    }
  }
  const openDenies = evaluated.filter((e) => e.p.action === 'DENY' && isUnknown(e.t));
  const customs = evaluated.filter((e) => e.p.action === 'CUSTOM' && e.t !== false);
  const gates: Truth[] = customs.map((e) => anyOf([not(e.t), unknown(`provider ${quote(e.p.provider ?? '?')} allows`)]));
  const truth = allOf([...gates, ...openDenies.map((e) => not(e.t)), allowTruth]);
  if (truth === true) {
    return { decision: 'allowed', policy: allowPolicy, why: allowWhy, notes: [] };
  }
  const involved = [...customs.map((e) => label(e.p)), ...openDenies.map((e) => label(e.p)), ...(allowPolicy === '(none)' ? [] : [allowPolicy])];
  const why = isUnknown(truth) ? `allowed only when ${truth.when}` : 'denied';
  return { decision: isUnknown(truth) ? 'depends' : 'denied', policy: involved.join(', '), why, notes: [] };
}
