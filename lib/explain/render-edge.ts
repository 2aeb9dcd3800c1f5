import { EdgeCheckResult } from './check-edge';
import { EdgeExplanation, GatewayExplanation } from './edge';
import { CSRF_SAFE_METHODS } from './envoy-filter';
import { formatLabels } from './objects';
import { EXPLAIN_JSON_VERSION, sortKeysDeep } from './render-json';
import { renderRows, renderTable } from './table';
import { RouteInfo } from './traffic';

function routeTo(r: RouteInfo): string[] {
  if (r.directResponse !== undefined) return [`direct response ${r.directResponse.status}`];
  if (r.redirect !== undefined) return [`redirect ${r.redirect}`];
  if (r.delegate !== undefined) return [`delegate ${r.delegate}`];
  return r.destinations.map((d) => `${d.host}${d.subset === undefined ? '' : ` ${d.subset}`} ${d.percent === undefined ? 'balanced' : `${d.percent}%`}: ${d.workloads.join(', ') || 'no workload of the input'}`);
}

function routeAlso(r: RouteInfo): string {
  const also = [
    r.rewrite === undefined ? undefined : `rewrite ${r.rewrite}`,
    r.timeout === undefined ? undefined : `timeout ${r.timeout}`,
    r.retries === undefined ? undefined : `retries ${r.retries}`,
    r.fault === undefined ? undefined : `fault ${r.fault}`,
    r.mirror === undefined ? undefined : `mirror ${r.mirror}`,
  ].filter((x): x is string => x !== undefined);
  return also.length === 0 ? '-' : also.join('\n');
}

function renderGateway(g: GatewayExplanation): string {
  const title = [`Gateway ${g.gateway}`, `selector ${formatLabels(g.selector) || '(none)'}`, `pods ${g.pods.join(', ') || '(none in the input)'}`];
  const parts = [title.join('  |  ')];
  if (g.principals.length > 0) {
    parts.push(`  identity: ${g.principals.join(', ')} (the caller the backends see)`);
  }
  parts.push(renderTable(['PORT', 'PROTOCOL', 'HOSTS', 'TLS'], g.servers.map((s) => [String(s.port), s.protocol, s.hosts.join('\n'), s.tls])));
  for (const vs of g.virtualServices) {
    parts.push(`  VirtualService ${vs.virtualService}  |  hosts ${vs.hosts.join(', ')}  |  ports ${vs.ports.join(', ') || '(none)'}`);
    if (vs.routes.length > 0) {
      parts.push(renderTable(['#', 'ROUTE', 'WHEN', 'TO', 'ALSO'], vs.routes.map((r) => [String(r.position), r.name ?? '-', r.when.join('\nOR '), routeTo(r).join('\n'), routeAlso(r)]), '    '));
    }
    parts.push(...vs.notes.map((n) => `    ! ${n}`));
  }
  if (g.virtualServices.length === 0) {
    parts.push('  no VirtualService is bound to this Gateway: every request gets 404');
  }
  if (g.requestAuthentications.length > 0) {
    parts.push(`  login (JWT): a token of another issuer or audience is refused with 401; a request without one goes on without a request principal`);
    parts.push(renderTable(['ISSUER', 'AUDIENCES', 'TOKEN FROM', 'FORWARDS TOKEN', 'BY'], g.requestAuthentications.flatMap((ra) => ra.rules.map((r) => [
      r.issuer, r.audiences.join(', ') || '(any)', r.from.join('\n'), r.forwardOriginalToken ? 'yes' : 'no (removed)', `RequestAuthentication ${ra.policy}`,
    ])), '    '));
  } else if (g.pods.length > 0) {
    parts.push('  login (JWT): no RequestAuthentication selects the gateway pods');
  }
  if (g.authorizationPolicies.length > 0) {
    parts.push('  policies at the gateway, in evaluation order: CUSTOM, then DENY (any match denies), then ALLOW (one must match)');
    parts.push(renderTable(['ACTION', 'POLICY', 'RULES'], g.authorizationPolicies.map((p) => [
      `${p.action}${p.action === 'CUSTOM' ? ` (${p.provider ?? '?'})` : ''}${p.dryRun ? ' dry-run' : ''}`,
      p.policy,
      p.rules.length === 0 ? 'no rules: matches no request' : p.rules.map((r, i) => `#${i + 1} ${r}`).join('\n'),
    ]), '    '));
  } else if (g.pods.length > 0) {
    parts.push('  policies at the gateway: none (every request is allowed)');
  }
  for (const f of g.filters) {
    if (f.csrf !== undefined) {
      const origins = f.csrf.additionalOrigins.length === 0 ? '' : ` or ${f.csrf.additionalOrigins.join(', ')}`;
      parts.push(`  CSRF (EnvoyFilter ${f.envoyFilter}): methods other than ${CSRF_SAFE_METHODS.join(', ')} need an Origin (else Referer) whose host[:port] is the Host${origins}, else 403; enforced for ${f.csrf.enabledPercent}%`);
    }
    if (f.otherPatches.length > 0) {
      parts.push(`  ! EnvoyFilter ${f.envoyFilter} also patches ${f.otherPatches.join(', ')}: not evaluated`);
    }
  }
  parts.push(...g.notes.map((n) => `  ! ${n}`));
  return parts.join('\n');
}

/**
 * The edge section as text: per Gateway, its pods and identity, servers, the VirtualServices bound to it with their
 * routes in evaluation order, the JWT login, the AuthorizationPolicies at its pods in evaluation order, and the CSRF
 * filter. Empty when the input has no Gateway.
 */
export function renderEdgeText(edge: EdgeExplanation): string {
  if (edge.gateways.length === 0 && edge.notes.length === 0) {
    return '';
  }
  const title = 'EDGE';
  const heading = `${title}\n${'='.repeat(title.length)}\nPer Gateway: the pods it configures, its servers, the routes bound to it, and the login and policies at its pods.`;
  const notes = edge.notes.map((n) => `  ! ${n}`);
  return [heading, ...edge.gateways.map(renderGateway), ...(notes.length === 0 ? [] : [notes.join('\n')])].join('\n\n');
}

/** One request checked through a gateway, as text: each step in Envoy's order, then the verdict. */
export function renderEdgeCheckText(result: EdgeCheckResult): string {
  const rows: string[][] = [];
  const headers = Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`);
  rows.push(['request', `${result.method} ${result.path} to ${result.host} on port ${result.port}${headers.length === 0 ? '' : ` with ${headers.join(', ')}`}`]);
  rows.push(['token', result.token]);
  rows.push(['via', `${result.gatewayPods} (${result.gatewayPrincipal})`]);
  rows.push(['server', result.server ?? 'none']);
  if (result.authentication !== undefined) {
    rows.push(['login', `${result.authentication.kind}: ${result.authentication.why}`]);
  }
  if (result.authorization !== undefined) {
    const a = result.authorization;
    rows.push(['gateway', [`${a.decision === 'denied' ? 'DENIED' : a.decision}, decided by ${a.policy}: ${a.why}`, ...a.notes.map((n) => `note: ${n}`)].join('\n')]);
  }
  if (result.csrf !== undefined) {
    rows.push(['csrf', `${result.csrf.allowed ? 'passes' : 'REFUSED'} (${result.csrf.filter}): ${result.csrf.why}`]);
  }
  if (result.virtualService !== undefined) {
    const route = result.route === undefined ? 'no route' : `route #${result.route.position}${result.route.name === undefined ? '' : ` ${result.route.name}`}, matched by ${result.matchedBy}`;
    rows.push(['route', `VirtualService ${result.virtualService}: ${route}`]);
  }
  if (result.httpRoute !== undefined) {
    rows.push(['route', result.route === undefined ? `HTTPRoute ${result.httpRoute}: no rule matches` : `HTTPRoute ${result.route.name}, #${result.route.position} in precedence order, matched by ${result.matchedBy}`]);
  }
  if (result.openRoutes.length > 0) {
    rows.push(['open', result.openRoutes.map((r) => `earlier route ${r} would win`).join('\n')]);
  }
  rows.push(['outcome', result.outcome]);
  if (result.forwardsToken !== undefined && result.destinations.length > 0) {
    rows.push(['forwards', result.forwardsToken ? 'the token, to the backends' : 'no token']);
  }
  for (const d of result.destinations) {
    const share = d.percent === undefined ? 'balanced across endpoints' : `${d.percent}%`;
    rows.push(['reaches', `${d.host} ${d.subset === undefined ? 'all endpoints' : `subset ${d.subset}`}, ${share}: ${d.workloads.map((w) => w.workload).join(', ') || 'no workload of the input'}`]);
    for (const w of d.workloads) {
      const a = w.authorization;
      const decision = w.unauthenticated !== undefined ? 'UNAUTHENTICATED' : a.decision === 'denied' ? 'DENIED' : a.decision;
      rows.push(['authz', [`${w.workload} (path ${w.path}${w.port === undefined ? '' : `, port ${w.port}`}): ${decision}, decided by ${a.policy}: ${a.why}`, ...a.notes.map((n) => `note: ${n}`)].join('\n')]);
    }
  }
  rows.push(['verdict', `${result.verdict.outcome}: ${result.verdict.why}`]);
  for (const n of result.notes) {
    rows.push(['note', n]);
  }
  return `${renderRows(rows, '')}\n`;
}

/** One request checked through a gateway as JSON: `{ version, ...result }`, keys sorted. */
export function renderEdgeCheckJson(result: EdgeCheckResult): string {
  return `${JSON.stringify({ version: EXPLAIN_JSON_VERSION, ...(sortKeysDeep(result) as object) }, null, 2)}\n`;
}
