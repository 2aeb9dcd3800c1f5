import { AccessMatrix } from './access';
import { CheckResult } from './check';
import { Explanation } from './explain';
import { EgressEntry } from './egress';
import { renderEdgeText } from './render-edge';
import { formatLabels } from './objects';
import { ServiceEntryInfo } from './service-entry';
import { MeshSummary } from './summary';
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
    r.requestHeaders === undefined ? undefined : `request headers ${r.requestHeaders.join(', ')}`,
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
    const title = [
      t.host, t.service === undefined ? undefined : `Service ${t.service}`, t.serviceEntries === undefined ? undefined : `ServiceEntry ${t.serviceEntries.join(', ')}`,
      t.httpRoutes !== undefined ? `HTTPRoute ${t.httpRoutes.join(', ')}` : t.virtualService === undefined ? 'no VirtualService' : `VirtualService ${t.virtualService}`,
    ]
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
  const decisions = new Map(access.entries.map((e) => [`${e.caller}\n${e.target}`, e.decision]));
  const grid = renderTable(['CALLER \\ TARGET', ...columns], callers.map((c) => [
    c,
    ...targets.map((t) => DECISION_WORD[decisions.get(`${c}\n${t}`) ?? ''] ?? '?'),
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

/** The egress section: workload x external host x port, decided per port (a host open on 80 may be closed on 443). */
export function renderEgressText(egress: readonly EgressEntry[]): string {
  const table = renderTable(['WORKLOAD', 'HOST', 'PORT', 'DECISION', 'SIDECAR', 'WHY'], egress.map((e) => [
    e.workload, e.host, e.port, e.decision === 'allowed' ? 'allowed' : 'BLOCKED', e.sidecar, e.why,
  ]));
  return [heading('EGRESS', 'What may leave the mesh: workload x external host x port (PORT "other ports": those no ServiceEntry of the host declares).'), table].join('\n\n');
}

/** The ServiceEntries section: each with its hosts, ports, resolution, endpoints, location and exportTo; empty when there is none. */
export function renderServiceEntriesText(serviceEntries: readonly ServiceEntryInfo[]): string {
  if (serviceEntries.length === 0) return '';
  // The file of each is in the JSON (`file`); paths as given would make the table as wide as the longest.
  const table = renderTable(['SERVICE ENTRY', 'HOSTS', 'PORTS', 'RESOLUTION', 'ENDPOINTS', 'LOCATION', 'EXPORT TO'], serviceEntries.map((se) => [
    se.serviceEntry, se.hosts.join('\n'), se.ports.join('\n') || '-', se.resolution, se.endpoints, se.location, se.exportTo,
  ]));
  return [heading('SERVICE ENTRIES', 'Hosts added to the mesh\'s registry: callers reach them on these ports only (under REGISTRY_ONLY).'), table].join('\n\n');
}

/** The whole explanation as text: routes, access, egress, then notes about the input. */
export function renderExplanationText(explanation: Explanation): string {
  const sections = [
    renderTrafficText(explanation.traffic),
    renderAccessText(explanation.access),
    renderEgressText(explanation.egress),
  ];
  const serviceEntries = renderServiceEntriesText(explanation.serviceEntries);
  if (serviceEntries !== '') sections.push(serviceEntries);
  const edge = renderEdgeText(explanation.edge);
  if (edge !== '') sections.push(edge.replace(/\n+$/, ''));
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
  if (result.httpRoute !== undefined) {
    rows.push(['route', result.route === undefined ? `HTTPRoute ${result.httpRoute}: no rule matches` : `HTTPRoute ${result.route.name}, #${result.route.position} in precedence order, matched by ${result.matchedBy}`]);
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

/** How many of something, with thousands separated. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `STRICT` when every workload is in one state, else each state with its count, most first. */
function tally(counts: Readonly<Partial<Record<string, number>>>): string {
  const entries = Object.entries(counts).filter((e): e is [string, number] => (e[1] ?? 0) > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return '-';
  return entries.length === 1 ? entries[0][0] : entries.map(([k, v]) => `${k} ${count(v)}`).join(', ');
}

/** The routes with faults or mirrors, if any: `(2 with faults, 1 mirrored)`. */
function extras(routing: MeshSummary['namespaces'][number]['routing']): string {
  const parts = [routing.faults > 0 ? `${count(routing.faults)} with faults` : '', routing.mirrors > 0 ? `${count(routing.mirrors)} mirrored` : ''].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Up to `max` items, then how many more. */
function firstOf(items: readonly string[], max: number): string {
  if (items.length === 0) return '-';
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${count(items.length - max)})`;
}

/**
 * The summary as text: totals, one line per namespace (routing, mTLS, access, egress), what needs a look, the notes
 * about the input (the first few), and how to ask for detail.
 */
export function renderSummaryText(summary: MeshSummary, notes: readonly string[]): string {
  const t = summary.totals;
  const totals = `${count(t.services)} Services and ${count(t.workloads)} workloads in ${count(t.namespaces)} namespaces; ${count(t.identities)} caller identities; `
    + `${count(t.virtualServices)} VirtualServices, ${t.httpRoutes === undefined ? '' : `${count(t.httpRoutes)} HTTPRoutes, `}${count(t.authorizationPolicies)} AuthorizationPolicies, ${count(t.serviceEntries)} ServiceEntries, ${count(t.gateways)} Gateways.`;
  const table = renderTable(
    ['NAMESPACE', 'WORKLOADS', 'ROUTED HOSTS', 'SPLITS', 'RULES', 'MTLS', 'DENY BY DEFAULT', 'CALLERS ALLOWED', 'OPEN TO ANY', 'PLAINTEXT', 'EGRESS', 'EXTERNAL HOSTS'],
    summary.namespaces.map((n) => [
      n.namespace,
      count(n.workloads),
      count(n.routing.hosts),
      count(n.routing.weightedSplits),
      count(n.routing.ruleRoutes) + extras(n.routing),
      tally(n.mtls),
      `${count(n.access.denyByDefault)}/${count(n.workloads)}`,
      count(n.access.grants + n.access.conditionalGrants) + (n.access.conditionalGrants > 0 ? ` (${count(n.access.conditionalGrants)} conditional)` : ''),
      count(n.access.openToAnyCaller),
      count(n.access.plaintextAllowed),
      tally(n.egress.modes),
      n.egress.externalHosts.length === 0 ? '-' : `${count(n.egress.externalHosts.length)}: ${firstOf(n.egress.externalHosts, 3)}`,
    ]),
  );
  const legend = [
    'ROUTED HOSTS: hosts of in-mesh VirtualServices and HTTPRoutes; SPLITS: routes split by weight; RULES: routes with a match.',
    'DENY BY DEFAULT: workloads an ALLOW policy selects; CALLERS ALLOWED: identities allowed in, summed over workloads',
    '(conditional: for some requests only, such as some ports, methods or paths);',
    'OPEN TO ANY: workloads a caller no policy names may call; PLAINTEXT: workloads a caller without mTLS may call.',
  ].map((l) => `  ${l}`).join('\n');
  const sections = [heading('SUMMARY', totals), table, legend];
  sections.push(summary.findings.length === 0
    ? 'Findings: none (no workload open to unnamed or plaintext callers, no ALLOW_ANY egress).'
    : [`Findings (${count(summary.findings.length)}):`, ...summary.findings.slice(0, 20).map((f) => `  ! ${f}`), ...(summary.findings.length > 20 ? [`  ... and ${count(summary.findings.length - 20)} more (see --detail)`] : [])].join('\n'));
  if (notes.length > 0) {
    sections.push([`Notes about the input (${count(notes.length)}):`, ...notes.slice(0, 10).map((n) => `  ! ${n}`), ...(notes.length > 10 ? [`  ... and ${count(notes.length - 10)} more (see --detail)`] : [])].join('\n'));
  }
  sections.push('Detail: --detail for every route, caller x target and egress decision; narrow it with --in NAMESPACE, --service HOST, --caller NAMESPACE/sa/NAME or NAMESPACE/WORKLOAD, --target NAMESPACE/WORKLOAD.');
  return `${sections.join('\n\n')}\n`;
}
