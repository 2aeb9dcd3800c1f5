// Transpiles the library and the benchmark to JavaScript once, so that each worker starts in a second instead of
// transpiling ~1 MB of TypeScript (the Istio imports) again, and runs without ts-node's source-mapped stack traces,
// which Pulumi would otherwise compute for every one of its promises.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const SOURCES = ['lib', 'imports', 'bench'];

function typeScriptFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFilesUnder(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Transpiles lib/, imports/ and bench/ into `outDir` (same layout); returns the path of the compiled worker. */
export function compileForWorkers(outDir: string): string {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, declaration: false };
  for (const file of SOURCES.flatMap((dir) => typeScriptFilesUnder(path.join(ROOT, dir)))) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    const target = path.join(outDir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  // The CLI (timed by the explain worker) reads its version from meshlight's package.json above it.
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(outDir, 'package.json'));
  return path.join(outDir, 'bench', 'worker.js');
}
