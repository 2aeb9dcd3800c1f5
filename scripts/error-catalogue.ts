import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** One error core can raise, as its code states it. */
export interface CatalogueEntry {
  /** Source file under lib/core, e.g. `grayscale-service.ts`. */
  readonly file: string;
  readonly line: number;
  /** The field named in the message; `‹…›` stands for a part computed at run time. */
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
}

const CORE = path.resolve(__dirname, '../lib/core');

/** An argument as a reader sees it: literal text, with `‹expression›` where the value is computed. */
function textOf(node: ts.Expression, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => `‹${s.expression.getText(source)}›${s.literal.text}`).join('');
  }
  if (ts.isConditionalExpression(node)) return `${textOf(node.whenTrue, source)} | ${textOf(node.whenFalse, source)}`;
  return `‹${node.getText(source)}›`;
}

/** Every `problems.add(field, value, problem, fix)` in lib/core, in file and line order. */
export function collectErrors(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const file of fs.readdirSync(CORE).filter((f) => f.endsWith('.ts')).sort()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(CORE, file), 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'add'
        && node.expression.expression.getText(source) === 'problems' && node.arguments.length === 4) {
        const [field, , problem, fix] = node.arguments;
        entries.push({
          file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
          field: textOf(field, source), problem: textOf(problem, source), fix: textOf(fix, source),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return entries;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/errors.md: every error, grouped by the core file that raises it. */
export function renderCatalogue(entries: readonly CatalogueEntry[]): string {
  const lines = [
    '# Error catalogue',
    '',
    'Every error meshlight raises for bad props, generated from the code (`npm run docs:errors`; a test fails when this',
    'file and the code disagree). Each message reads `<construct path>: <field> = <value>: <problem>. Fix: <fix>`, and',
    'all problems of one construct are reported together before anything is written. `‹…›` marks a part computed from',
    'the props. Errors across the whole app (two VirtualServices for one host, overlapping Sidecars, ...) are listed',
    'in the README under "Bad input".',
    '',
  ];
  for (const file of [...new Set(entries.map((e) => e.file))]) {
    lines.push(`## ${file.replace(/\.ts$/, '')}`, '', '| field | problem | fix |', '| --- | --- | --- |');
    for (const e of entries.filter((x) => x.file === file)) {
      lines.push(`| ${cell(e.field)} | ${cell(e.problem)} | ${cell(e.fix)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Where the catalogue lives. */
export const CATALOGUE_FILE = path.resolve(__dirname, '../docs/errors.md');

if (require.main === module) {
  const entries = collectErrors();
  fs.writeFileSync(CATALOGUE_FILE, renderCatalogue(entries));
  console.log(`wrote ${path.relative(process.cwd(), CATALOGUE_FILE)}: ${entries.length} errors`);
}
