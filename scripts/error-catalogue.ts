import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as ts from 'typescript';
import { formatProblem, MeshlightValidationError, Problem } from '../lib/core';
import { ERROR_EXAMPLES, ErrorExample } from './error-examples';

/** One error core can raise, as its code states it. */
export interface CatalogueEntry {
  /** Source file under lib/core, e.g. `grayscale-service.ts`. */
  readonly file: string;
  readonly line: number;
  /** The field named in the message; `‹…›` stands for a part computed at run time. */
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
  /** Matches the field, problem and fix of a raised Problem when it is this error. */
  readonly matches: (p: Problem) => boolean;
  /** How much of the message is fixed text: the more, the more specific the entry. */
  readonly literalLength: number;
  /** Whether it is a problem across the app, found at synth, rather than a bad prop. */
  readonly app: boolean;
}

/** The file of lib/core whose checks span the whole app. */
const APP_CHECKS = 'app-checks.ts';

const CORE = path.resolve(__dirname, '../lib/core');

/**
 * The files outside lib/core that check props, by the name their section takes: what only a face can check, such as
 * the cdk8s-plus Deployments a cdk8s GrayscaleService is handed.
 */
const FACE_FILES: Readonly<Record<string, string>> = {
  'cdk8s/deployment-like.ts': path.resolve(__dirname, '../lib/cdk8s/deployment-like.ts'),
};

/** An argument as a reader sees it: literal text, with `‹expression›` where the value is computed. */
function textOf(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => `‹${s.expression.getText(source)}›${s.literal.text}`).join('');
  }
  if (ts.isConditionalExpression(node)) return `${textOf(node.whenTrue, source)} | ${textOf(node.whenFalse, source)}`;
  return `‹${node.getText(source)}›`;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression source matching every text the argument can evaluate to, and its fixed text's length. */
function patternOf(node: ts.Expression): { readonly source: string; readonly literal: number } {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return { source: escapeRegExp(node.text), literal: node.text.length };
  }
  if (ts.isTemplateExpression(node)) {
    const texts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
    return { source: texts.map(escapeRegExp).join('[^]*?'), literal: texts.join('').length };
  }
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [patternOf(node.whenTrue), patternOf(node.whenFalse)];
    return { source: `(?:${a.source}|${b.source})`, literal: Math.min(a.literal, b.literal) };
  }
  if (ts.isParenthesizedExpression(node)) return patternOf(node.expression);
  return { source: '[^]*?', literal: 0 };
}

/**
 * Every `problems.add(field, value, problem, fix)` in lib/core and the FACE_FILES, and every `problemAt(object, field,
 * value, problem, fix)` of core's whole-app checks, in file and line order (core's first).
 */
export function collectErrors(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const coreFiles = fs.readdirSync(CORE, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort();
  const files: [string, string][] = [...coreFiles.map((f): [string, string] => [f, path.join(CORE, f)]), ...Object.entries(FACE_FILES)];
  for (const [file, fullPath] of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(fullPath, 'utf8'), ts.ScriptTarget.ES2022, true);
    // A whole-app problem's field starts with the object it is about: `<kind> <namespace>/<name> `.
    const add = (node: ts.Node, field: ts.Expression, problem: ts.Expression, fix: ts.Expression, app: boolean): void => {
      const patterns = [field, problem, fix].map(patternOf);
      const [fieldRe, problemRe, fixRe] = patterns.map((p, i) => new RegExp(`^${app && i === 0 ? '\\S+ \\S+ ' : ''}${p.source}$`));
      entries.push({
        file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        field: `${app ? '‹object› ' : ''}${textOf(field, source)}`, problem: textOf(problem, source), fix: textOf(fix, source),
        matches: (p) => fieldRe.test(p.field) && problemRe.test(p.problem) && fixRe.test(p.fix),
        literalLength: patterns.reduce((sum, p) => sum + p.literal, 0),
        app,
      });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['add', 'addIfNoOther'].includes(node.expression.name.text)
        && node.expression.expression.getText(source) === 'problems' && node.arguments.length === 4) {
        const [field, , problem, fix] = node.arguments;
        add(node, field, problem, fix, false);
      } else if (file === APP_CHECKS && ts.isCallExpression(node) && node.expression.getText(source) === 'problemAt' && node.arguments.length === 5) {
        const [, field, , problem, fix] = node.arguments;
        add(node, field, problem, fix, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return entries;
}

/** One problem an example raised, and its message as the user reads it. */
export interface Raised {
  readonly problem: Problem;
  readonly message: string;
  /** Found across the app at synth (`field` then names the object), not in one construct's props. */
  readonly app: boolean;
}

/** What running one example gave: the problems it raised, or what went wrong instead. */
export interface ExampleOutcome extends ErrorExample {
  readonly raised: readonly Raised[];
  /** Set when the example did not raise a MeshlightValidationError. */
  readonly failure?: string;
}

/**
 * A line of `cdk8s synth`'s validation error, `  [<construct>] ` and a problem as formatProblem writes it: `<path>:
 * <field> = <value>: <problem>. Fix: <fix>`, the value as JSON (or `undefined`), read up to the first `: ` that ends it.
 */
function appProblemOf(line: string): Raised | undefined {
  const parts = /^\s*\[[^\]]*\] ((\S+): (.+?) = (.*)\. Fix: (.*))$/.exec(line);
  if (parts === null) return undefined;
  const [, message, path, field, rest, fix] = parts;
  for (let end = rest.indexOf(': '); end !== -1; end = rest.indexOf(': ', end + 1)) {
    const value = valueOf(rest.slice(0, end));
    if (value !== NOT_JSON) return { problem: { path, field, value, problem: rest.slice(end + 2), fix }, message, app: true };
  }
  return undefined;
}

const NOT_JSON: unique symbol = Symbol('not JSON');

function valueOf(text: string): unknown {
  if (text === 'undefined') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/**
 * Runs an example in a chart with id `app`; an example of the whole-app checks then synthesises the app, which
 * must fail.
 */
export function runExample(example: ErrorExample): ExampleOutcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-example-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'app');
  const failed = (e: unknown): string => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  try {
    example.run(chart);
  } catch (e) {
    fs.rmSync(outdir, { recursive: true, force: true });
    if (e instanceof MeshlightValidationError) {
      return { ...example, raised: e.problems.map((problem) => ({ problem, message: formatProblem(problem), app: false })) };
    }
    return { ...example, raised: [], failure: failed(e) };
  }
  if (!example.files.includes(APP_CHECKS)) {
    fs.rmSync(outdir, { recursive: true, force: true });
    return { ...example, raised: [], failure: 'raised no error' };
  }
  try {
    app.synth();
  } catch (e) {
    const lines = e instanceof Error ? e.message.split('\n').slice(1) : [];
    const raised = lines.map(appProblemOf);
    if (e instanceof Error && lines.length > 0 && raised.every((r) => r !== undefined)) return { ...example, raised: raised as Raised[] };
    return { ...example, raised: [], failure: failed(e) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return { ...example, raised: [], failure: 'synthesised without an error' };
}

/**
 * The entry a raised problem is: the most specific entry that matches it, and among equally specific ones, one of
 * the files the example's construct checks with. A problem found at synth may be one core also raises for props (the
 * allow-lists a namespace holds); one found in props is never a whole-app check's.
 */
export function entryOf(raised: Raised, entries: readonly CatalogueEntry[], files: readonly string[] = []): CatalogueEntry | undefined {
  const rank = (e: CatalogueEntry) => e.literalLength * 2 + (files.includes(e.file) ? 1 : 0);
  let best: CatalogueEntry | undefined;
  for (const e of entries) {
    if ((raised.app || !e.app) && e.matches(raised.problem) && (best === undefined || rank(e) > rank(best))) best = e;
  }
  return best;
}

/** An entry with the first example that raises it, if any. */
export interface ExampleOf {
  readonly entry: CatalogueEntry;
  readonly code?: string;
  readonly message?: string;
}

/** Pairs every entry with an example raising it, by running every example. */
export function examplesOf(entries: readonly CatalogueEntry[], outcomes: readonly ExampleOutcome[]): ExampleOf[] {
  const found = new Map<CatalogueEntry, { code: string; message: string }>();
  for (const o of outcomes) {
    for (const r of o.raised) {
      const entry = entryOf(r, entries, o.files);
      if (entry !== undefined && !found.has(entry)) found.set(entry, { code: o.code, message: r.message });
    }
  }
  return entries.map((entry) => ({ entry, ...found.get(entry) }));
}

const inline = (text: string): string => text.replace(/\n/g, ' ');
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** docs/errors.md: every error, grouped by the core file that raises it, each with an example and its message. */
export function renderCatalogue(examples: readonly ExampleOf[]): string {
  const lines = [
    '# Error catalogue',
    '',
    'Every error meshlight raises, generated from the code and the examples in `scripts/error-examples/`',
    '(`npm run docs:errors`; a test fails when this file, the code and the examples disagree). `‹…›` marks a part',
    'computed from the input. The examples are cdk8s code in a chart with id `app` (`core` is `meshlight/core`); a',
    'Pulumi component given the same props raises the same message, named after the component.',
    '',
    '- **Bad props** (one section per part of `lib/core` that checks them, and of a face, `cdk8s/`): a construct throws',
    '  `MeshlightValidationError` as it is declared, listing every problem of its props, each as',
    '  `<construct path>: <field> = <value>: <problem>. Fix: <fix>`. Nothing is written.',
    '- **Across the app** (the last section): constructs that are fine one by one but clash. `cdk8s synth` lists every',
    '  such problem, as `<construct path> (<kind> <namespace>/<name>): <problem>; <fix>`, and writes nothing; a Pulumi',
    '  component throws `MeshlightAppError` before it registers anything (a ZeroTrustNamespace: its `ready` rejects',
    '  before its policies register).',
    '',
  ];
  const files = [...new Set(examples.map((e) => e.entry.file))].sort((a, b) => Number(a === APP_CHECKS) - Number(b === APP_CHECKS));
  const title = (file: string) => (file === APP_CHECKS ? 'Across the app' : file.replace(/\.ts$/, ''));
  lines.push(...files.map((f) => `- [${title(f)}](#${title(f).toLowerCase().replace(/[^\w -]/g, '').replace(/ /g, '-')}): ${count(examples.filter((x) => x.entry.file === f).length, 'error')}`), '');
  for (const file of files) {
    lines.push(`## ${title(file)}`, '');
    for (const { entry, code, message } of examples.filter((x) => x.entry.file === file)) {
      lines.push(`### \`${inline(entry.field)}\` ${inline(entry.problem)}`, '', `Fix: ${inline(entry.fix)}`, '');
      if (code !== undefined && message !== undefined) {
        lines.push('```ts', code, '```', '', '```text', message, '```', '');
      }
    }
  }
  return lines.join('\n');
}

/** Where the catalogue lives. */
export const CATALOGUE_FILE = path.resolve(__dirname, '../docs/errors.md');

/** The catalogue as the code and the examples make it. */
export function buildCatalogue(): { readonly examples: ExampleOf[]; readonly outcomes: ExampleOutcome[]; readonly text: string } {
  const entries = collectErrors();
  const outcomes = ERROR_EXAMPLES.map(runExample);
  const examples = examplesOf(entries, outcomes);
  return { examples, outcomes, text: renderCatalogue(examples) };
}

/** `--check <core file>`: the errors of that file without an example, and the examples that go wrong. */
function check(file: string): void {
  const { examples, outcomes } = buildCatalogue();
  const entries = examples.map((e) => e.entry);
  for (const { entry: e } of examples.filter((x) => x.entry.file === file && x.code === undefined)) {
    console.log(`no example: ${e.file}:${e.line} ${e.field}: ${e.problem} / Fix: ${e.fix}`);
  }
  for (const o of outcomes) {
    const raised = o.raised.map((r) => entryOf(r, entries, o.files));
    if (o.failure !== undefined || !(o.files.includes(APP_CHECKS) ? o.raised.length > 0 : o.raised.length === 1) || raised.includes(undefined)) {
      console.log(`wrong example (${o.failure ?? `${o.raised.length} problems`}):\n${o.code}${o.raised.map((r) => `\n  ${r.message}`).join('')}`);
    }
  }
}

if (require.main === module && process.argv.includes('--check')) {
  check(process.argv[process.argv.indexOf('--check') + 1]);
} else if (require.main === module) {
  const { examples, text } = buildCatalogue();
  fs.writeFileSync(CATALOGUE_FILE, text);
  const missing = examples.filter((e) => e.code === undefined).length;
  console.log(`wrote ${path.relative(process.cwd(), CATALOGUE_FILE)}: ${examples.length} errors, ${missing} without an example`);
}
