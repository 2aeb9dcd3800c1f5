import {
  buildMesh, explainMesh, mermaidText, parseManifests, renderExplanationJson, renderExplanationMermaid, renderRows, renderTable,
} from '../../lib/explain';
import { bookinfoManifests, meshOf, workloadYaml } from './helpers';

describe('text tables', () => {
  test('columns are padded to the widest cell, multi-line cells span rows, no trailing spaces', () => {
    expect(renderTable(['NAME', 'SHARE', 'WHY'], [['v1', '50%\n50%', 'split'], ['v2-long', '100%', '']])).toBe([
      '  NAME     SHARE  WHY',
      '  v1       50%    split',
      '           50%',
      '  v2-long  100%',
    ].join('\n'));
    expect(renderRows([['a', 'b'], ['ccc', 'd']], '')).toBe('a    b\nccc  d');
  });
});

/** Checks a mermaid flowchart line by line against the subset of the grammar meshlight emits. */
function mermaidProblems(diagram: string): string[] {
  const [first, ...rest] = diagram.split('\n');
  const problems: string[] = first === 'flowchart LR' ? [] : [`first line ${JSON.stringify(first)}`];
  const label = '"[^"|<>`]*"';
  const declared = new Set<string>();
  let depth = 0;
  for (const line of rest) {
    const indent = '  '.repeat(depth + 1);
    const node = new RegExp(`^${indent}([a-z][a-z0-9_]*)(\\(\\[${label}\\]\\)|\\[${label}\\]|\\{\\{${label}\\}\\})$`).exec(line);
    const edge = new RegExp(`^  ([a-z][a-z0-9_]*) (-->|-\\.->\\|${label}\\||-->\\|${label}\\|) ([a-z][a-z0-9_]*)$`).exec(line);
    const subgraph = new RegExp(`^  subgraph ([a-z][a-z0-9_]*)\\[${label}\\]$`).exec(line);
    if (node) {
      declared.add(node[1]);
    } else if (subgraph && depth === 0) {
      depth = 1;
    } else if (line === '  end' && depth === 1) {
      depth = 0;
    } else if (edge && depth === 0) {
      [edge[1], edge[3]].filter((id) => !declared.has(id)).forEach((id) => problems.push(`undeclared node ${id} in ${line}`));
    } else {
      problems.push(`not a node, an edge or a subgraph: ${line}`);
    }
  }
  return depth === 0 ? problems : [...problems, 'subgraph not closed'];
}

function diagramsOf(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

describe('mermaid', () => {
  test('characters that would end or mark up a label become entity codes', () => {
    expect(mermaidText('say "hi" | <b>#1 & `x`\nnext')).toBe('say #quot;hi#quot; #124; #lt;b#gt;#35;1 #amp; #96;x#96; next');
  });

  test('the checker used below rejects what mermaid rejects', () => {
    expect(mermaidProblems('flowchart LR\n  a["x"]\n  a -->|"x" b')).not.toEqual([]);
    expect(mermaidProblems('flowchart LR\n  a["say "hi""]')).not.toEqual([]);
    expect(mermaidProblems('flowchart LR\n  subgraph s["x"]\n    a["x"]')).toEqual(['subgraph not closed']);
  });

  test('bookinfo: one traffic diagram per host and one allowed-calls graph, all valid flowcharts', () => {
    const markdown = renderExplanationMermaid(explainMesh(buildMesh(bookinfoManifests())));
    const diagrams = diagramsOf(markdown);
    expect(diagrams).toHaveLength(5);
    expect(diagrams.map(mermaidProblems)).toEqual([[], [], [], [], []]);
    const reviews = diagrams[3];
    expect(reviews).toContain('svc(["reviews.bookinfo"])');
    expect(reviews).toContain('svc -->|"#35;3 split: any request → 50%"| n2');
    expect(reviews).toContain('n2["v1: bookinfo/reviews-v1"]');
    const calls = diagrams[4];
    expect(calls).toContain('  subgraph ns0["namespace bookinfo"]\n    c0(["sa/bookinfo-details"])');
    expect(calls).toContain('    w4["reviews-v2"]');
    expect(calls).toContain('  c1 --> w4');
    expect(calls).not.toContain('c0 --> w4');
    expect(calls).toContain('  c5 -.->|"only when NOT path = /admin*"| w0');
    expect(calls).not.toContain('plaintext');
  });

  test('hostile names and values still give a valid diagram', () => {
    const mesh = meshOf(`${workloadYaml('shop', 'api', { app: 'api' })}apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
    - name: 'a"b|c<d>#1'
      match: [{ headers: { x: { exact: 'say "hi" | <b>' } } }]
      route: [{ destination: { host: api } }]
`);
    const [traffic] = diagramsOf(renderExplanationMermaid(explainMesh(mesh)));
    expect(mermaidProblems(traffic)).toEqual([]);
    expect(traffic).toContain('a#quot;b#124;c#lt;d#gt;#35;1');
  });
});

describe('mermaid: faults, mirrors and growing meshes', () => {
  test('a fault is on its route\'s edge and a mirror gets a dotted edge of its own', () => {
    const mesh = meshOf(`${workloadYaml('shop', 'api', { app: 'api' })}apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80 }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
    - name: slow
      match: [{ headers: { x-test: { exact: slow } } }]
      fault: { delay: { fixedDelay: 7s, percentage: { value: 100 } } }
      route: [{ destination: { host: api } }]
    - name: shadow
      route: [{ destination: { host: api } }]
      mirror: { host: api-next }
      mirrorPercentage: { value: 10 }
`);
    const [traffic] = diagramsOf(renderExplanationMermaid(explainMesh(mesh)));
    expect(mermaidProblems(traffic)).toEqual([]);
    expect(traffic).toContain('svc -->|"#35;1 slow: header x-test = #quot;slow#quot; → 100%, fault: delay 7s for 100%"| n0');
    expect(traffic).toContain('svc -.->|"#35;2 mirror (copies, responses ignored)"| n1');
    expect(traffic).toContain('n1["mirror: api-next.shop.svc.cluster.local (10%)"]');
  });

  const many = (count: number, namespaces: string[]): string => Array.from({ length: count }, (_, i) => workloadYaml(namespaces[i % namespaces.length], `svc${i}`, { app: `svc${i}` })).join('');

  test('up to MAX_ACCESS_EDGES allowed pairs: one graph of every caller and workload', () => {
    const markdown = renderExplanationMermaid(explainMesh(meshOf(many(4, ['shop']))));
    expect(markdown).toContain('  c0 --> w0');
    expect(markdown).not.toContain('| caller \\ target |');
  });

  test('a 6-service app in one namespace: a caller x target table only', () => {
    const markdown = renderExplanationMermaid(explainMesh(meshOf(many(6, ['shop']))));
    expect(markdown).not.toContain('namespace shop');
    expect(markdown).toContain('| shop/sa/svc0 | allowed | allowed | allowed | allowed | allowed | allowed |');
  });

  test('a 6-service app in two namespaces: a graph of namespaces with counts and a caller x target table, not 42 crossing edges', () => {
    const markdown = renderExplanationMermaid(explainMesh(meshOf(many(6, ['shop', 'pay']))));
    const diagrams = diagramsOf(markdown);
    const calls = diagrams[diagrams.length - 1];
    expect(diagrams.map(mermaidProblems).every((p) => p.length === 0)).toBe(true);
    expect(calls).toContain('  ns0["namespace pay"]');
    expect(calls).toContain('  ns0 -->|"9 allowed"| ns2');
    expect(calls).toContain('  ns1 -->|"3 allowed"| ns0');
    expect(calls).not.toContain('c0 --> w0');
    expect(markdown).toContain('| caller \\ target | pay/svc1 | pay/svc3 | pay/svc5 | shop/svc0 | shop/svc2 | shop/svc4 |');
    expect(markdown).toContain('| pay/sa/svc1 | allowed | allowed | allowed | allowed | allowed | allowed |');
    expect(markdown).toContain('| plaintext (no identity) | allowed |');
  });
});

describe('json', () => {
  test('the same objects in another order give the same bytes, keys sorted', () => {
    const manifests = bookinfoManifests();
    const forward = renderExplanationJson(explainMesh(buildMesh(manifests)));
    const backward = renderExplanationJson(explainMesh(buildMesh([...manifests].reverse())));
    expect(backward).toBe(forward);
    const model = JSON.parse(forward);
    expect(Object.keys(model)).toEqual(['version', 'access', 'edge', 'egress', 'notes', 'serviceEntries', 'traffic']);
    expect(Object.keys(model.traffic[0])).toEqual([...Object.keys(model.traffic[0])].sort());
  });

  test('it holds the whole model', () => {
    const model = JSON.parse(renderExplanationJson(explainMesh(buildMesh(parseManifests(workloadYaml('a', 'b', { app: 'b' }), 'x.yaml')))));
    expect(model).toEqual({
      version: 2,
      access: {
        entries: [
          { caller: 'a/sa/b', decision: 'allowed', notes: [], policy: '(none)', principal: 'cluster.local/ns/a/sa/b', target: 'a/b', why: 'no ALLOW policy applies to the workload: allowed by default' },
          { caller: 'plaintext (no identity)', decision: 'allowed', notes: ['mTLS PERMISSIVE (no PeerAuthentication: PERMISSIVE): a plaintext caller has no principal and no namespace'], policy: '(none)', principal: null, target: 'a/b', why: 'no ALLOW policy applies to the workload: allowed by default' },
        ],
        mtls: [{ mode: 'PERMISSIVE', target: 'a/b' }],
      },
      edge: { gateways: [], notes: [] },
      egress: [{ decision: 'allowed', host: '(any other host)', mode: 'ALLOW_ANY', port: 'any', sidecar: '-', why: 'ALLOW_ANY (mesh default): not an allow-list; via passthrough', workload: 'a/b' }],
      notes: [],
      serviceEntries: [],
      traffic: [],
    });
  });
});
