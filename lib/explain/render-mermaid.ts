import { compareText } from '../core/internal';
import { AccessMatrix } from './access';
import { Explanation } from './explain';
import { RouteInfo, ServiceTraffic } from './traffic';

const ENTITIES: Record<string, string> = {
  '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '|': '#124;', '`': '#96;',
};

/**
 * Text made safe for a quoted mermaid label: characters that end a label or start markup become mermaid entity
 * codes (`#quot;`), which mermaid renders as the character; line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&|`]/g, (c) => ENTITIES[c]).replace(/\s*\n\s*/g, ' ');
}

/** A mermaid node id from any text: letters, digits and `_` only, with a prefix so it never is a keyword. */
function nodeId(prefix: string, index: number): string {
  return `${prefix}${index}`;
}

function routeLabel(r: RouteInfo, share: number | undefined): string {
  const name = r.name === undefined ? `#${r.position}` : `#${r.position} ${r.name}`;
  const when = r.when.length === 1 ? r.when[0] : r.when.map((w) => `(${w})`).join(' OR ');
  // A fault changes what every request of the route gets: it belongs on the edge, not only in the text tables.
  return `${name}: ${when}${share === undefined ? '' : ` → ${share}%`}${r.fault === undefined ? '' : `, fault: ${r.fault}`}`;
}

/**
 * A `flowchart LR` of one host's traffic split: an edge per route and destination, labelled with its condition, share
 * and fault (delay, abort), and a dotted edge to each route's mirror.
 */
export function renderTrafficMermaid(traffic: ServiceTraffic): string {
  const lines = ['flowchart LR', `  svc(["${mermaidText(traffic.shortHost)}"])`];
  const nodes = new Map<string, string>();
  const node = (key: string, label: string, shape: 'box' | 'stop' = 'box'): string => {
    let id = nodes.get(key);
    if (id === undefined) {
      id = nodeId('n', nodes.size);
      nodes.set(key, id);
      lines.push(shape === 'stop' ? `  ${id}{{"${mermaidText(label)}"}}` : `  ${id}["${mermaidText(label)}"]`);
    }
    return id;
  };
  const edges: string[] = [];
  for (const r of traffic.routes) {
    if (r.directResponse !== undefined || r.redirect !== undefined || r.delegate !== undefined) {
      const what = r.directResponse !== undefined ? `direct response ${r.directResponse.status}`
        : r.redirect !== undefined ? `redirect ${r.redirect}` : `delegate ${r.delegate}`;
      edges.push(`  svc -->|"${mermaidText(routeLabel(r, undefined))}"| ${node(`stop:${r.position}`, what, 'stop')}`);
      continue;
    }
    for (const d of r.destinations) {
      const sameHost = d.host === traffic.shortHost;
      const version = d.subset ?? (sameHost ? 'all endpoints' : '');
      const title = sameHost ? version : `${d.host}${version === '' ? '' : ` ${version}`}`;
      const label = d.workloads.length === 0 ? title : `${title}: ${d.workloads.join(', ')}`;
      edges.push(`  svc -->|"${mermaidText(routeLabel(r, d.percent))}"| ${node(`${d.host}|${d.subset ?? ''}`, label)}`);
    }
    if (r.mirror !== undefined) {
      edges.push(`  svc -.->|"${mermaidText(`#${r.position} mirror (copies, responses ignored)`)}"| ${node(`mirror:${r.mirror}`, `mirror: ${r.mirror}`)}`);
    }
  }
  return [...lines, ...edges].join('\n');
}

/**
 * A `flowchart LR` of allowed calls, one subgraph per namespace holding its caller identities (rounded) and
 * workloads (boxes): a solid edge where the call is allowed, a dotted edge labelled with the condition where it is
 * allowed only for some requests, no edge where it is denied.
 */
export function renderAccessMermaid(access: AccessMatrix): string {
  const lines = ['flowchart LR'];
  const callers = [...new Set(access.entries.filter((e) => e.decision !== 'denied').map((e) => e.caller))];
  const targets = [...new Set(access.entries.map((e) => e.target))];
  const callerIds = new Map(callers.map((c, i) => [c, nodeId('c', i)]));
  const targetIds = new Map(targets.map((t, i) => [t, nodeId('w', i)]));
  const namespaceOf = (name: string): string | undefined => (name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined);
  const namespaces = [...new Set([...callers, ...targets].map(namespaceOf).filter((n): n is string => n !== undefined))].sort(compareText);
  namespaces.forEach((ns, i) => {
    lines.push(`  subgraph ${nodeId('ns', i)}["namespace ${mermaidText(ns)}"]`);
    callers.filter((c) => namespaceOf(c) === ns).forEach((c) => lines.push(`    ${callerIds.get(c)}(["${mermaidText(c.slice(ns.length + 1))}"])`));
    targets.filter((t) => namespaceOf(t) === ns).forEach((t) => lines.push(`    ${targetIds.get(t)}["${mermaidText(t.slice(ns.length + 1))}"]`));
    lines.push('  end');
  });
  callers.filter((c) => namespaceOf(c) === undefined).forEach((c) => lines.push(`  ${callerIds.get(c)}(["${mermaidText(c)}"])`));
  for (const e of access.entries) {
    if (e.decision === 'allowed') {
      lines.push(`  ${callerIds.get(e.caller)} --> ${targetIds.get(e.target)}`);
    } else if (e.decision === 'depends') {
      lines.push(`  ${callerIds.get(e.caller)} -.->|"${mermaidText(e.why.replace(/^allowed only when /, 'only when '))}"| ${targetIds.get(e.target)}`);
    }
  }
  return lines.join('\n');
}

/**
 * Above this many edges a graph of every caller and workload is a tangle (a 6-service app already has 30 crossing
 * edges), so the Markdown output shows a graph of namespaces and a caller x target table instead.
 */
export const MAX_ACCESS_EDGES = 20;

function namespaceOfName(name: string): string {
  return name.includes('/') ? name.slice(0, name.indexOf('/')) : name;
}

/**
 * A `flowchart LR` of allowed calls between namespaces: one node per namespace (and the plaintext caller), one edge
 * per pair of namespaces with calls, labelled with how many caller x workload pairs are allowed and how many
 * depend on the request.
 */
export function renderAccessNamespacesMermaid(access: AccessMatrix): string {
  const counts = new Map<string, { allowed: number; depends: number }>();
  for (const e of access.entries.filter((x) => x.decision !== 'denied')) {
    const key = JSON.stringify([namespaceOfName(e.caller), namespaceOfName(e.target)]);
    const c = counts.get(key) ?? { allowed: 0, depends: 0 };
    c[e.decision === 'allowed' ? 'allowed' : 'depends'] += 1;
    counts.set(key, c);
  }
  const names = [...new Set(access.entries.flatMap((e) => [namespaceOfName(e.caller), namespaceOfName(e.target)]))].sort(compareText);
  const ids = new Map(names.map((n, i) => [n, nodeId('ns', i)]));
  const lines = ['flowchart LR', ...names.map((n) => `  ${ids.get(n)}["${mermaidText(n.includes(' ') ? n : `namespace ${n}`)}"]`)];
  for (const key of [...counts.keys()].sort(compareText)) {
    const [from, to] = JSON.parse(key) as [string, string];
    const c = counts.get(key)!;
    const label = [c.allowed > 0 ? `${c.allowed} allowed` : undefined, c.depends > 0 ? `${c.depends} depend on the request` : undefined].filter((x) => x !== undefined).join(', ');
    lines.push(`  ${ids.get(from)} ${c.allowed > 0 ? '-->' : '-.->'}|"${mermaidText(label)}"| ${ids.get(to)}`);
  }
  return lines.join('\n');
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The access matrix as a Markdown table: a row per caller, a column per target workload, `allowed`, `DENIED` or `depends` in each cell. */
export function renderAccessMarkdownTable(access: AccessMatrix): string {
  const targets = [...new Set(access.entries.map((e) => e.target))];
  const callers = [...new Set(access.entries.map((e) => e.caller))];
  const cells = new Map(access.entries.map((e) => [`${e.caller}\n${e.target}`, e.decision]));
  const word: Record<string, string> = { allowed: 'allowed', denied: '**DENIED**', depends: 'depends' };
  return [
    `| caller \\ target | ${targets.map(markdownCell).join(' | ')} |`,
    `| --- |${targets.map(() => ' --- |').join('')}`,
    ...callers.map((c) => `| ${markdownCell(c)} | ${targets.map((t) => word[cells.get(`${c}\n${t}`) ?? ''] ?? '?').join(' | ')} |`),
  ].join('\n');
}

function fenced(diagram: string): string {
  return `\`\`\`mermaid\n${diagram}\n\`\`\``;
}

/**
 * The explanation as Markdown with mermaid diagrams, which GitHub renders: one traffic split per host, then the
 * allowed-calls graph (above MAX_ACCESS_EDGES edges: a graph of namespaces and a caller x target table).
 */
export function renderExplanationMermaid(explanation: Explanation): string {
  const parts = ['# meshlight explain'];
  // A ServiceEntry host without a VirtualService has one trivial edge; the text output lists it with its ports.
  for (const t of explanation.traffic.filter((x) => x.service !== undefined || x.virtualService !== undefined || x.httpRoutes !== undefined)) {
    parts.push(`## Traffic to ${t.shortHost}`, fenced(renderTrafficMermaid(t)));
  }
  const edges = explanation.access.entries.filter((e) => e.decision !== 'denied').length;
  if (edges <= MAX_ACCESS_EDGES) {
    parts.push('## Allowed calls', 'Solid: allowed. Dotted: allowed only under the condition shown. No edge: denied. The deciding policy of each pair is in the text and JSON output.', fenced(renderAccessMermaid(explanation.access)));
  } else {
    parts.push('## Allowed calls', `${edges} caller x workload pairs are allowed or depend on the request: too many for one graph, so calls are grouped by namespace (solid: some allowed; dotted: only depending on the request) when there are several, then listed pair by pair. The deciding policy of each pair is in the text and JSON output.`);
    // With one namespace, its graph would be a single loop: the table says it all.
    const namespaces = new Set(explanation.access.entries.map((e) => namespaceOfName(e.target)));
    if (namespaces.size > 1) {
      parts.push(fenced(renderAccessNamespacesMermaid(explanation.access)));
    }
    parts.push(renderAccessMarkdownTable(explanation.access));
  }
  return `${parts.join('\n\n')}\n`;
}
