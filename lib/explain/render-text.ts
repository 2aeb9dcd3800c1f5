import { AccessMatrix } from './access';
import { CheckResult } from './check';
import { Explanation } from './explain';
import { EgressEntry } from './egress';
import { formatLabels } from './objects';
import { renderRows, renderTable } from './table';
import { DestinationInfo, RouteInfo, ServiceTraffic } from './traffic';

function heading(title: string, subtitle: string): string {
  return `${title}\n${'='.repeat(title.length)}\n${subtitle}`;
}

function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${value}%`;
}

function destinationText(d: DestinationInfo, host: string): string {
  const sameHost = d.host === host;
  const target = d.subset ?? (sameHost ? 'all endpoints' : '');
  return sameHost ? target : `${d.host}${target === '' ? '' : ` ${target}`}`;
}

function routeRow(r: RouteInfo, host: string): string[] {
  const to = r.directResponse !== undefined ? [`direct response ${r.directResponse.status}`]
    : r.redirect !== undefined ? [`redirect ${r.redirect}`]
      : r.delegate !== undefined ? [`delegate ${r.delegate}`]
        : r.destinations.map((d) => destinationText(d, host));
  const stop = r.directResponse !== undefined || r.redirect !== undefined || r.delegate !== undefined;
  const also = [
    r.rewrite === undefined ? undefined : `rewrite ${r.rewrite}`,
    r.retries === undefined ? undefined : `retries ${r.retries}`,
    r.fault === undefined ? undefined : `fault ${r.fault}`,
    r.mirror === undefined ? undefined : `mirror ${r.mirror}`,
  ].filter((x): x is string => x !== undefined);
  return [
    String(r.position),
    r.name ?? '-',
    r.when.join('\nOR '),
    to.join('\n'),
    stop ? '-' : r.destinations.map((d) => percent(d.percent)).join('\n'),
    stop ? '-' : r.destinations.map((d) => (d.responseHeaders.length === 0 ? '-' : d.responseHeaders.join(', '))).join('\n'),
    r.timeout ?? '-',
    also.length === 0 ? '-' : also.join('\n'),
  ];
}

/** The routes section: per host, its versions and its routes in evaluation order. */
export function renderTrafficText(traffic: readonly ServiceTraffic[]): string {
  const blocks = traffic.map((t) => {
    const title = [t.host, t.service === undefined ? undefined : `Service ${t.service}`, t.virtualService === undefined ? 'no VirtualService' : `VirtualService ${t.virtualService}`]
      .filter((x) => x !== undefined).join('  |  ');
    const parts = [title];
    if (t.versions.length > 0) {
      parts.push(renderTable(['VERSION', 'LABELS', 'WORKLOADS'], t.versions.map((v) => [v.subset, formatLabels(v.labels), v.workloads.join(', ') || '(none)'])));
    } else if (t.workloads.length > 0) {
      parts.push(`  workloads: ${t.workloads.join(', ')} (no DestinationRule subsets)`);
    }
    if (t.routes.length > 0) {
      parts.push(renderTable(['#', 'ROUTE', 'WHEN', 'TO', 'SHARE', 'RESPONSE HEADERS', 'TIMEOUT', 'ALSO'], t.routes.map((r) => routeRow(r, t.shortHost))));
    }
    parts.push(...t.notes.map((n) => `  ! ${n}`));
    return parts.join('\n');
  });
  return [heading('ROUTES', 'Per host, routes in evaluation order: the first route that matches wins. Lines of WHEN are OR\'ed; AND inside a line.'), ...blocks].join('\n\n');
}

const DECISION_WORD: Record<string, string> = { allowed: 'allowed', denied: 'DENIED', depends: 'depends' };

/** The access section: a caller x target grid, the deciding policy of every cell, and the targets' mTLS modes. */
export function renderAccessText(access: AccessMatrix): string {
  const targets = [...new Set(access.entries.map((e) => e.target))];
  const callers = [...new Set(access.entries.map((e) => e.caller))];
  const names = targets.map((t) => t.slice(t.indexOf('/') + 1));
  const columns = new Set(names).size === names.length ? names : targets;
  const grid = renderTable(['CALLER \\ TARGET', ...columns], callers.map((c) => [
    c,
    ...targets.map((t) => DECISION_WORD[access.entries.find((e) => e.caller === c && e.target === t)?.decision ?? ''] ?? '?'),
  ]));
  const details = renderTable(['CALLER', 'TARGET', 'DECISION', 'POLICY', 'WHY'], access.entries.map((e) => [
    e.caller, e.target, DECISION_WORD[e.decision], e.policy, [e.why, ...e.notes.map((n) => `note: ${n}`)].join('\n'),
  ]));
  const mtls = renderTable(['TARGET', 'MTLS', 'SET BY'], access.mtls.map((m) => [m.target, m.mode, m.by ?? '(default: no PeerAuthentication)']));
  const plaintextNote = access.mtls.some((m) => m.mode !== 'STRICT')
    ? '\n  ! targets that are not STRICT also accept plaintext: such a caller has no principal (row "plaintext (no identity)")'
    : '';
  return [
    heading('ACCESS', 'Who may call whom: caller identity x target workload (any method and path unless a policy says otherwise).'),
    grid,
    details,
    `mTLS of each target:\n${mtls}${plaintextNote}`,
  ].join('\n\n');
}

/** The egress section: workload x external host. */
export function renderEgressText(egress: readonly EgressEntry[]): string {
  const table = renderTable(['WORKLOAD', 'HOST', 'DECISION', 'SIDECAR', 'WHY'], egress.map((e) => [
    e.workload, e.host, e.decision === 'allowed' ? 'allowed' : 'BLOCKED', e.sidecar, e.why,
  ]));
  return [heading('EGRESS', 'What may leave the mesh: workload x external host.'), table].join('\n\n');
}

/** The whole explanation as text: routes, access, egress, then notes about the input. */
export function renderExplanationText(explanation: Explanation): string {
  const sections = [
    renderTrafficText(explanation.traffic),
    renderAccessText(explanation.access),
    renderEgressText(explanation.egress),
  ];
  if (explanation.notes.length > 0) {
    sections.push([heading('NOTES', 'About the input as a whole.'), ...explanation.notes.map((n) => `  ! ${n}`)].join('\n'));
  }
  return `${sections.join('\n\n\n')}\n`;
}

/** One checked request as text: the request, its egress, route, destinations, each workload's authorization and the verdict. */
export function renderCheckText(result: CheckResult): string {
  const rows: string[][] = [];
  const headers = Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`);
  rows.push(['request', `${result.method} ${result.path} to ${result.host}${headers.length === 0 ? '' : ` with ${headers.join(', ')}`}`]);
  rows.push(['from', `${result.caller} (${result.principal ?? 'no principal'})`]);
  rows.push(['egress', `${result.egress.decision}: ${result.egress.why}`]);
  if (result.virtualService !== undefined) {
    const route = result.route === undefined ? 'no route' : `route #${result.route.position}${result.route.name === undefined ? '' : ` ${result.route.name}`}, matched by ${result.matchedBy}`;
    rows.push(['route', `VirtualService ${result.virtualService}: ${route}`]);
  }
  if (result.openRoutes.length > 0) {
    rows.push(['open', result.openRoutes.map((r) => `earlier route ${r} would win`).join('\n')]);
  }
  rows.push(['outcome', result.outcome]);
  for (const d of result.destinations) {
    const share = d.percent === undefined ? 'balanced across endpoints' : `${d.percent}%`;
    rows.push(['reaches', `${d.host} ${d.subset === undefined ? 'all endpoints' : `subset ${d.subset}`}, ${share}: ${d.workloads.map((w) => w.workload).join(', ') || 'no workload of the input'}`]);
    for (const w of d.workloads) {
      const a = w.authorization;
      const decision = a.decision === 'denied' ? 'DENIED' : a.decision;
      rows.push(['authz', [`${w.workload} (path ${w.path}${w.port === undefined ? '' : `, port ${w.port}`}): ${decision}, decided by ${a.policy}: ${a.why}`, ...a.notes.map((n) => `note: ${n}`)].join('\n')]);
    }
  }
  rows.push(['verdict', `${result.verdict.outcome}: ${result.verdict.why}`]);
  for (const n of result.notes) {
    rows.push(['note', n]);
  }
  return `${renderRows(rows, '')}\n`;
}
