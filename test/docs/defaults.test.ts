// Every default is documented once, in the `@default` TSDoc tag of its prop in lib/core. Where the README states a
// default too, in a table or a sentence, this test proves it says the same; and, for the constructs' own props, that
// the code applies it.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import {
  renderEgressAllowList, renderGitOpsDelivery, renderGrayscaleService, renderMeshIngress, renderNamespaceTelemetry, renderZeroTrustNamespace,
} from '../../lib/core';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface PropDoc {
  readonly optional: boolean;
  /** The `@default` tag's text, as written: a value (`'default'`, `80`, `'BASE' (Istio's default)`) or `- prose`. */
  readonly default?: string;
}

function tsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? tsFilesUnder(file) : e.name.endsWith('.ts') ? [file] : [];
  });
}

/**
 * The props of every exported interface of lib/core, by interface name, read with the TypeScript compiler. Folders
 * are read too, so that a module split into one (zero-trust-namespace/) is still found.
 */
function readInterfaces(): Map<string, { readonly file: string; readonly props: Map<string, PropDoc> }[]> {
  const interfaces = new Map<string, { file: string; props: Map<string, PropDoc> }[]>();
  for (const file of tsFilesUnder(path.join(ROOT, 'lib/core'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const node of source.statements) {
      if (!ts.isInterfaceDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const props = new Map<string, PropDoc>();
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
        const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
        props.set(member.name.text, {
          optional: member.questionToken !== undefined,
          default: tag === undefined ? undefined : ts.getTextOfJSDocComment(tag.comment)?.trim(),
        });
      }
      interfaces.set(node.name.text, [...(interfaces.get(node.name.text) ?? []), { file: path.relative(ROOT, file), props }]);
    }
  }
  return interfaces;
}

const interfaces = readInterfaces();

function propsOf(name: string): Map<string, PropDoc> {
  const found = interfaces.get(name) ?? [];
  if (found.length !== 1) throw new Error(`expected one exported interface ${name} in lib/core, found ${found.length} (${found.map((f) => f.file).join(', ')})`);
  return found[0].props;
}

function docOf(iface: string, prop: string): PropDoc {
  const doc = propsOf(iface).get(prop);
  if (doc === undefined) throw new Error(`${iface} has no prop ${prop}`);
  return doc;
}

// A value default: a literal, then optionally a remark in parentheses (`0 (off)`).
const VALUE_DEFAULT = /^('[^']*'|-?\d+(?:\.\d+)?|true|false|\[.*\]|\{.*\})(?:\s+(\(.*\)))?$/;

/** A `@default` split into the value (undefined for `- prose`), its written form without quotes, and any remark. */
function parseDefault(tag: string): { value?: unknown; shown: string; remark?: string } {
  if (tag.startsWith('- ')) return { shown: tag.slice(2) };
  const m = VALUE_DEFAULT.exec(tag);
  if (m === null) throw new Error(`@default ${tag} is neither a value nor "- prose"`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const value: unknown = new Function(`return (${m[1]});`)();
  return { value, shown: typeof value === 'string' ? value : m[1], remark: m[2] };
}

/** How the README's `default` column writes a prop's default: `required`, a value in code font, or the prose. */
function tableCellOf(iface: string, prop: string, doc: PropDoc): string {
  if (doc.default === undefined) {
    if (doc.optional) throw new Error(`${iface}.${prop} is optional but has no @default`);
    return 'required';
  }
  const d = parseDefault(doc.default);
  if (d.value === undefined) return d.shown;
  return d.remark === undefined ? `\`${d.shown}\`` : `\`${d.shown}\` ${d.remark}`;
}

interface Table {
  /** The headings it sits under, `GrayscaleService › Props`. */
  readonly under: string;
  readonly header: string;
  /** Each row's cells, trimmed. */
  readonly rows: readonly (readonly string[])[];
}

function readmeTables(markdown: string): Table[] {
  const tables: Table[] = [];
  const headings: string[] = [];
  const lines = markdown.split('\n');
  let inCode = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) inCode = !inCode;
    if (inCode) continue;
    const heading = /^(#{2,4}) (.*)$/.exec(line);
    if (heading !== null) {
      headings.length = heading[1].length - 2;
      headings.push(heading[2]);
      continue;
    }
    if (!line.startsWith('|') || lines[i - 1]?.startsWith('|')) continue;
    const cells = (l: string) => l.slice(1, l.lastIndexOf('|')).split('|').map((c) => c.trim());
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) rows.push(cells(lines[j]));
    tables.push({ under: headings.join(' › '), header: cells(line).join(' | '), rows });
  }
  return tables;
}

const tables = readmeTables(README);

/**
 * The README's prop tables with a default column, each mapped to the props interface it documents. The rule: a
 * construct's `prop | default | becomes` table, with its `prop | becomes` table of opt-in features (whose defaults
 * are "off" and stated only in TSDoc), lists every prop of the interface once; every default in it is the prop's
 * `@default`, written as `required`, a value in code font, or the prose after `- `.
 */
const DEFAULT_TABLES = [
  { under: 'GrayscaleService › Props', props: 'GrayscaleServiceProps', optIn: 'GrayscaleService › Traffic governance' },
  { under: 'Delivering with Argo CD', props: 'GitOpsDeliveryProps', optIn: undefined },
];

/** The top-level props a table's first column names (`versions[].connectionPool` is not one). */
function propsNamedIn(table: Table): string[] {
  return table.rows.map((r) => /^`([A-Za-z]+)`$/.exec(r[0])?.[1]).filter((p): p is string => p !== undefined);
}

function tableUnder(under: string, header: string): Table {
  const found = tables.filter((t) => t.under === under && t.header === header);
  if (found.length !== 1) throw new Error(`expected one "${header}" table under ${under}, found ${found.length}`);
  return found[0];
}

describe('the README\'s prop tables say what the TSDoc @default says', () => {
  test('every table with a default column is mapped to its props interface here', () => {
    const withDefaults = tables.filter((t) => t.header.startsWith('prop | default')).map((t) => t.under);
    expect(withDefaults).toEqual(DEFAULT_TABLES.map((t) => t.under));
  });

  describe.each(DEFAULT_TABLES)('$under ($props)', ({ under, props, optIn }) => {
    const table = tableUnder(under, 'prop | default | becomes');
    const features = optIn === undefined ? { under: '', header: '', rows: [] } : tableUnder(optIn, 'prop | becomes');

    test('lists every prop of the interface once, with the opt-in features table', () => {
      const listed = [...propsNamedIn(table), ...propsNamedIn(features)];
      expect([...listed].sort()).toEqual([...propsOf(props).keys()].sort());
      expect(new Set(listed).size).toBe(listed.length);
    });

    test.each(table.rows.map((r) => [r[0], r[1]] as const))('%s: %s', (prop, cell) => {
      const name = /^`(\w+)`$/.exec(prop)?.[1];
      expect(name).toBeDefined();
      expect(cell).toBe(tableCellOf(props, name!, docOf(props, name!)));
    });
  });
});

/**
 * Defaults the README states in a sentence, each with its interface and prop, and the words that state it: `{}` is
 * the default as the table would write it, without code font (a value without its quotes and remark, or the prose).
 * The README's other defaults are in words of their own (`proxyScope` (on)) and are not compared.
 */
const DEFAULTS_IN_SENTENCES: readonly (readonly [string, string, string])[] = [
  ['CircuitBreakerProps', 'consecutive5xxErrors', '`consecutive5xxErrors` (default {})'],
  ['CircuitBreakerProps', 'interval', 'every `interval` (default `{}`)'],
  ['CircuitBreakerProps', 'ejectionTime', 'for `ejectionTime` (default `{}`)'],
  ['CircuitBreakerProps', 'maxEjectionPercent', '`maxEjectionPercent` of the pods (default {})'],
  ['HashCookieOptions', 'ttl', 'the default `ttl: \'{}\'`'],
  ['MirrorProps', 'percent', 'copies `percent` of the requests (default {},'],
  ['DelayFaultProps', 'percent', '(percentages default to {};'],
  ['AbortFaultProps', 'percent', '(percentages default to {};'],
  ['AccessLoggingProps', 'provider', '(provider `{}`)'],
  ['NamespaceTelemetryProps', 'name', '(named `{}`, no selector)'],
  ['RateLimitProps', 'burst', 'up to `burst` (default: {})'],
  ['EgressPortProps', 'protocol', 'the default is {})'],
  ['ZeroTrustNamespaceProps', 'mtls', '`mtls` ({};'],
  ['ZeroTrustNamespaceProps', 'trustDomain', '`trustDomain` (`{}`)'],
  ['ZeroTrustNamespaceProps', 'controlPlaneNamespace', '`controlPlaneNamespace` (`{}`)'],
  ['ZeroTrustNamespaceProps', 'pathNormalization', '`pathNormalization` (what the mesh config sets; `{}`, Istio\'s default'],
];

describe('defaults the README states in a sentence are the TSDoc @default', () => {
  const text = README.replace(/\s+/g, ' ');
  test.each(DEFAULTS_IN_SENTENCES)('%s.%s', (iface, prop, words) => {
    const tag = docOf(iface, prop).default;
    expect(tag).toBeDefined();
    const expected = words.replace('{}', parseDefault(tag!).shown);
    expect(text.includes(expected) ? expected : `the README does not say "${expected}"`).toBe(expected);
  });
});

// The code applies the TSDoc default: for each construct, leaving a prop out renders exactly what giving it its
// `@default` value renders. Every top-level prop with a value default is tried; prose defaults describe behaviour
// and the defaults of nested props are mostly Istio's, which meshlight does not write. A few props change nothing in
// these small apps (pathNormalization, allowPlainHttp, the egress trustDomain, the namespace's clusterDomain), so for
// them the check proves little.
const cart = renderGrayscaleService({
  namespace: 'shop',
  versions: [{ version: '1.0', weight: 100, image: 'example/cart:1.0' }, { version: '1.1', weight: 0, image: 'example/cart:1.1' }],
  rules: [{ version: '1.1', match: { headers: { gray: '1' } } }],
}, { path: 'app/cart', defaultName: 'cart' });

const CONSTRUCTS: readonly { readonly props: string; readonly render: (extra: Record<string, unknown>) => unknown }[] = [
  {
    props: 'GrayscaleServiceProps',
    render: (extra) => renderGrayscaleService({
      versions: [{ version: '1.0', weight: 100, image: 'example/app:1.0' }, { version: '2.0', image: 'example/app:2.0' }], ...extra,
    }, { path: 'app/web', defaultName: 'web' }).manifests,
  },
  {
    props: 'MeshIngressProps',
    render: (extra) => renderMeshIngress({
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop' }], routes: [{ service: cart, host: 'shop.example.com' }], ...extra,
    }, { path: 'app/edge', defaultName: 'edge' }).manifests,
  },
  {
    props: 'EgressAllowListProps',
    render: (extra) => renderEgressAllowList({
      hosts: ['api.example.com'], workload: { name: 'web', labels: { app: 'web' }, serviceAccount: 'web' }, ...extra,
    }, { path: 'app/egress' }).manifests,
  },
  {
    props: 'ZeroTrustNamespaceProps',
    render: (extra) => renderZeroTrustNamespace({
      workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: cart }], ...extra,
    }, { path: 'app/shop', defaultName: 'shop' }).manifests,
  },
  { props: 'NamespaceTelemetryProps', render: (extra) => renderNamespaceTelemetry({ namespace: 'shop', accessLogging: true, ...extra }) },
  {
    props: 'GitOpsDeliveryProps',
    render: (extra) => renderGitOpsDelivery({
      repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com' }], ...extra,
    }, { path: 'app/fleet', defaultName: 'fleet' }).manifests,
  },
];

describe.each(CONSTRUCTS)('the code applies the TSDoc @default of each prop of $props', ({ props, render }) => {
  const rendered = (extra: Record<string, unknown>) => {
    try {
      return JSON.stringify(render(extra));
    } catch (e) {
      return `throws ${(e as Error).message}`;
    }
  };

  test('leaving each prop out renders what giving its value default renders', () => {
    const defaults = [...propsOf(props)].filter(([, doc]) => doc.default !== undefined && !doc.default.startsWith('- '));
    expect(defaults.length).toBeGreaterThan(0);
    expect(rendered({})).not.toMatch(/^throws /);
    const differing = defaults.filter(([prop, doc]) => rendered({ [prop]: parseDefault(doc.default!).value }) !== rendered({}));
    expect(differing.map(([prop, doc]) => `${prop} = ${doc.default}`)).toEqual([]);
  });
});
