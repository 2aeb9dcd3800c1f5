type Obj = Record<string, any>;

/** One request as the target's proxy sees it. */
export interface Request {
  /** The caller's mTLS principal, or undefined for a plaintext caller outside the mesh. */
  readonly principal?: string;
  /** The caller's namespace (known only with mTLS). */
  readonly namespace?: string;
  /** The target's namespace and pod labels. */
  readonly target: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  /** The request's JWT principal, `<iss>/<sub>`, when it carries a verified token. */
  readonly requestPrincipal?: string;
  /** The Host header, as sent. */
  readonly host?: string;
  /** The container port, method and path. */
  readonly port: number;
  readonly method: string;
  readonly path: string;
}

/** Istio's verdict: allowed or not, and the object that decided. */
export interface Verdict {
  readonly allowed: boolean;
  readonly by: string;
}

const ROOT_NAMESPACE = 'istio-system';

/** Whether `policy` (namespace-wide, mesh-wide from the root namespace, or by selector) applies to these pods. */
export function selects(policy: Obj, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  const ns = policy.metadata.namespace;
  if (ns !== namespace && ns !== ROOT_NAMESPACE) return false;
  const wanted: Record<string, string> = policy.spec?.selector?.matchLabels ?? {};
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/** Istio's string match for principals, namespaces and paths: exact, `*`, `prefix*` or `*suffix`. */
function matchesValue(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

function anyOf(patterns: string[] | undefined, value: string | undefined): boolean {
  return patterns === undefined || patterns.some((p) => matchesValue(p, value));
}

const MODELLED_SOURCE = ['principals', 'namespaces', 'notPrincipals', 'notNamespaces', 'requestPrincipals', 'notRequestPrincipals'];
const MODELLED_OPERATION = ['methods', 'paths', 'ports', 'notMethods', 'notPorts', 'hosts'];

/** Fails on a field this model does not read: ignoring it would make a policy look wider than it is. */
function assertModelled(fields: Obj, modelled: readonly string[]): void {
  const other = Object.keys(fields).filter((k) => !modelled.includes(k));
  if (other.length > 0) throw new Error(`${other.join(', ')} not modelled here; use test/support/edge.ts`);
}

function sourceMatches(source: Obj, request: Request): boolean {
  assertModelled(source, MODELLED_SOURCE);
  return anyOf(source.principals, request.principal) && anyOf(source.namespaces, request.namespace)
    && !(source.notPrincipals ?? []).some((p: string) => matchesValue(p, request.principal))
    && !(source.notNamespaces ?? []).some((p: string) => matchesValue(p, request.namespace))
    && anyOf(source.requestPrincipals, request.requestPrincipal)
    && !(source.notRequestPrincipals ?? []).some((p: string) => matchesValue(p, request.requestPrincipal));
}

function operationMatches(op: Obj, request: Request): boolean {
  assertModelled(op, MODELLED_OPERATION);
  // Hosts compare without regard to case, the port as sent included.
  return anyOf(op.methods, request.method) && anyOf(op.paths, request.path) && anyOf(op.ports, String(request.port))
    && (op.hosts === undefined || op.hosts.some((h: string) => matchesValue(h.toLowerCase(), request.host?.toLowerCase())))
    && !(op.notMethods ?? []).includes(request.method) && !(op.notPorts ?? []).includes(String(request.port));
}

function ruleMatches(rule: Obj, request: Request): boolean {
  if (rule.when !== undefined) throw new Error('conditions (when) are not modelled');
  const from = rule.from === undefined || rule.from.some((f: Obj) => sourceMatches(f.source ?? {}, request));
  const to = rule.to === undefined || rule.to.some((t: Obj) => operationMatches(t.operation ?? {}, request));
  return from && to;
}

function mtlsModeFor(objects: readonly Obj[], namespace: string): string {
  const pa = (ns: string) => objects.find((o) => o.kind === 'PeerAuthentication' && o.metadata.namespace === ns && o.spec?.selector === undefined);
  return (pa(namespace) ?? pa(ROOT_NAMESPACE))?.spec?.mtls?.mode ?? 'PERMISSIVE';
}

/**
 * What Istio does with `request` under `objects`: PeerAuthentication first (STRICT refuses plaintext), then
 * AuthorizationPolicies that select the target (dry-run ones only log): any matching DENY denies; if any ALLOW
 * policy applies, one of its rules must match; with none, the request is allowed.
 */
export function evaluate(objects: readonly Obj[], request: Request): Verdict {
  const mode = mtlsModeFor(objects, request.target.namespace);
  if (request.principal === undefined && mode === 'STRICT') {
    return { allowed: false, by: 'PeerAuthentication STRICT' };
  }
  const policies = objects.filter((o) => o.kind === 'AuthorizationPolicy' && o.metadata.annotations?.['istio.io/dry-run'] !== 'true'
    && selects(o, request.target.namespace, request.target.labels));
  for (const p of policies.filter((x) => x.spec?.action === 'DENY')) {
    if ((p.spec.rules ?? []).some((r: Obj) => ruleMatches(r, request))) return { allowed: false, by: `DENY ${p.metadata.name}` };
  }
  const allows = policies.filter((x) => (x.spec?.action ?? 'ALLOW') === 'ALLOW');
  if (allows.length === 0) return { allowed: true, by: 'no ALLOW policy applies' };
  const match = allows.find((p) => (p.spec?.rules ?? []).some((r: Obj) => ruleMatches(r, request)));
  return match !== undefined ? { allowed: true, by: `ALLOW ${match.metadata.name}` } : { allowed: false, by: 'no ALLOW policy matches' };
}
