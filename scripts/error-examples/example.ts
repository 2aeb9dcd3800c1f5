// What one example of docs/errors.md is: cdk8s code the compiler checks, run as a function, and shown as its source.
import * as fs from 'fs';
import { Chart } from 'cdk8s';
import * as ts from 'typescript';

/** cdk8s code a user writes, declaring constructs in `chart` (a Chart with id `app`). */
export type ExampleCode = (chart: Chart) => void;

/** One example: the code to run, and its text as the catalogue shows it. */
export interface Example {
  readonly run: ExampleCode;
  /** The function's body as written in its file, without its `@ts-expect-error` lines. */
  readonly code: string;
}

/** Text as it reads on its own: blank edges trimmed, common indentation removed. */
function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/**
 * The examples of one file, `examplesIn(__filename, [(chart) => { ... }, ...])`, each with its body's text read from
 * that file by the TypeScript parser (a function's `toString()` would give the transpiled JavaScript). A
 * `// @ts-expect-error` line proves the types refuse the bad value; it is not what a user writes, so it is not shown.
 */
export function examplesIn(file: string, runs: readonly ExampleCode[]): Example[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const bodies: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'examplesIn') {
      const [, list] = node.arguments;
      if (list === undefined || !ts.isArrayLiteralExpression(list)) throw new Error(`${file}: examplesIn takes a list of functions written in place`);
      for (const element of list.elements) {
        if (!ts.isArrowFunction(element) || !ts.isBlock(element.body)) {
          throw new Error(`${file}:${source.getLineAndCharacterOfPosition(element.getStart(source)).line + 1}: an example is (chart) => { ... }`);
        }
        bodies.push(element.body.getText(source).slice(1, -1));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (bodies.length !== runs.length) throw new Error(`${file}: read ${bodies.length} examples, but it has ${runs.length}`);
  const shown = (body: string): string => dedent(body.split('\n').filter((l) => !l.trimStart().startsWith('// @ts-expect-error')).join('\n'));
  return runs.map((run, i) => ({ run, code: shown(bodies[i]) }));
}
