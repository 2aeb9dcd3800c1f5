// The README's TypeScript blocks, compiled and run: every block but those marked `fragment` is a program a user can
// paste. Blocks that use `chart` get it bound to a cdk8s Chart; Pulumi blocks run under Pulumi's mocks.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { recordPulumiResources } from '../support/pulumi-mocks';

const ROOT = path.resolve(__dirname, '../..');

interface Block {
  readonly line: number;
  readonly fragment: boolean;
  readonly code: string;
}

function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```ts( fragment)?\s*$/.exec(lines[i]);
    if (open === null) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 1, fragment: open[1] !== undefined, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

const blocks = tsBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
const runnable = blocks.filter((b) => !b.fragment);
const isPulumi = (b: Block) => b.code.includes("from 'meshlight/pulumi'");

/** The block as a module: with `chart` (and its `app`) declared when it uses one without declaring it. */
function moduleOf(block: Block): string {
  const needsChart = !isPulumi(block) && /\bchart\b/.test(block.code) && !/const chart\b/.test(block.code);
  const prelude = needsChart ? "import { App as ReadmeApp, Chart as ReadmeChart } from 'cdk8s';\nexport const readmeApp = new ReadmeApp();\nconst chart = new ReadmeChart(readmeApp, 'readme');\n" : '';
  return `${prelude}${block.code}\nexport {};\n`;
}

/** Where `meshlight` and its subpaths resolve to in this repository: the sources the package is built from. */
const ENTRY_POINTS: Record<string, string> = {
  meshlight: 'lib/cdk8s/index.ts',
  'meshlight/pulumi': 'lib/pulumi/index.ts',
  'meshlight/core': 'lib/core/index.ts',
  'meshlight/validation': 'lib/validation/index.ts',
  'meshlight/explain': 'lib/explain/index.ts',
};

describe('the README\'s code blocks', () => {
  test('there are runnable blocks, and fragments say so', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(6);
    expect(blocks.filter((b) => b.fragment).length).toBeLessThanOrEqual(3);
  });

  test('every runnable block type-checks as a user\'s program', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-readme-'));
    const files = runnable.map((b) => {
      const file = path.join(dir, `readme-line-${b.line}.ts`);
      fs.writeFileSync(file, moduleOf(b));
      return file;
    });
    // The blocks live outside the repository; everything else resolves from its node_modules.
    const paths = { ...Object.fromEntries(Object.entries(ENTRY_POINTS).map(([k, v]) => [k, [path.join(ROOT, v)]])), '*': [path.join(ROOT, 'node_modules', '*')] };
    const program = ts.createProgram(files, {
      strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true, skipLibCheck: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')],
      baseUrl: ROOT, paths,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file === undefined ? '' : `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: `;
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });

  describe('every runnable block runs, and a cdk8s app synthesises', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-readme-out-'));
    beforeAll(() => {
      process.env.CDK8S_OUTDIR = outdir;
    });
    afterAll(() => {
      delete process.env.CDK8S_OUTDIR;
    });

    test.each(runnable.map((b) => [b.line, b] as const))('the block at line %i', (_line, block) => {
      if (isPulumi(block)) recordPulumiResources();
      const js = ts.transpileModule(moduleOf(block), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
      const load = (id: string): unknown => {
        const entry = ENTRY_POINTS[id];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return entry === undefined ? require(id) : require(path.join(ROOT, entry));
      };
      const exports: Record<string, any> = {};
      new Function('require', 'exports', 'module', js)(load, exports, { exports });
      // A chart the block uses but does not synthesise itself: synthesise it, so that the whole-app checks run.
      if (exports.readmeApp !== undefined) expect(() => exports.readmeApp.synthYaml()).not.toThrow();
    });
  });
});
