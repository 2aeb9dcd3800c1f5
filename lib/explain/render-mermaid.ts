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
  return `${name}: ${when}${share === undefined ? '' : ` → ${share}%`}`;
}

/** A `flowchart LR` of one host's traffic split: an edge per route and destination, labelled with its condition and share. */
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

function fenced(diagram: string): string {
  return `\`\`\`mermaid\n${diagram}\n\`\`\``;
}

/**
 * The explanation as Markdown with mermaid diagrams, which GitHub renders: one traffic split per host, then the
 * allowed-calls graph.
 */
export function renderExplanationMermaid(explanation: Explanation): string {
  const parts = ['# meshlight explain'];
  for (const t of explanation.traffic) {
    parts.push(`## Traffic to ${t.shortHost}`, fenced(renderTrafficMermaid(t)));
  }
  parts.push('## Allowed calls', 'Solid: allowed. Dotted: allowed only under the condition shown. No edge: denied. The deciding policy of each pair is in the text and JSON output.', fenced(renderAccessMermaid(explanation.access)));
  return `${parts.join('\n\n')}\n`;
}
