import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { buildCatalogue, CATALOGUE_FILE, entryOf } from '../../scripts/error-catalogue';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'scripts/error-examples');

describe('the error catalogue', () => {
  const { examples, outcomes, text } = buildCatalogue();
  const entries = examples.map((e) => e.entry);

  test('lists every error the code can raise, with its example (regenerate with npm run docs:errors)', () => {
    expect(fs.readFileSync(CATALOGUE_FILE, 'utf8')).toBe(text);
  });

  // jest only transpiles, so the compiler is run here too: with the project's options, on the examples alone.
  test('every example type-checks against meshlight\'s types, and every value marked @ts-expect-error is one they refuse', () => {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const program = ts.createProgram([path.join(EXAMPLES, 'index.ts')], { ...options, noEmit: true });
    const diagnostics = program.getSourceFiles().filter((f) => f.fileName.startsWith(EXAMPLES)).flatMap((f) => [
      ...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f),
    ]).map((d) => {
      const where = d.file === undefined ? '' : `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: `;
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });

  test('every error names a field, a problem and a fix', () => {
    expect(entries.length).toBeGreaterThan(100);
    for (const e of entries) {
      expect(`${e.file}:${e.line} ${e.field}`).not.toMatch(/:\d+ $/);
      expect(e.problem.length).toBeGreaterThan(3);
      expect(e.fix.length).toBeGreaterThan(3);
    }
  });

  test('every error has an example input that raises it', () => {
    const missing = examples.filter((e) => e.code === undefined).map(({ entry: e }) => `${e.file}:${e.line} ${e.field}: ${e.problem}`);
    expect(missing).toEqual([]);
  });

  test('every example of bad props raises exactly one problem, every example across the app some, all in the catalogue', () => {
    const wrong = outcomes.flatMap((o) => {
      if (o.failure !== undefined) return [`${o.failure}:\n${o.code}`];
      const acrossTheApp = o.files.includes('app-checks.ts');
      if (acrossTheApp ? o.raised.length === 0 : o.raised.length !== 1) return [`raised ${o.raised.length} problems:\n${o.code}`];
      return o.raised.some((r) => entryOf(r, entries, o.files) === undefined) ? [`raised an error the catalogue lacks:\n${o.code}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  test('examples across the app are problems at synth, not of props', () => {
    const app = outcomes.filter((o) => o.files.includes('app-checks.ts'));
    expect(app.length).toBeGreaterThan(5);
    expect(app.flatMap((o) => o.raised).every((r) => r.app)).toBe(true);
    expect(outcomes.filter((o) => !o.files.includes('app-checks.ts')).flatMap((o) => o.raised).some((r) => r.app)).toBe(false);
  });
});
