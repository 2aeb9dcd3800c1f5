// What the Istio validation plugin adds to `cdk8s synth`, at 2,000 services (the target: at most 1.25x):
//   npx ts-node --transpile-only bench/validation.ts [services=2000] [rounds=5]
// `npm run bench` (bench/run.ts) runs the same measurement and reads the target off it. Runs
// `npm run build:validation-plugin` first: the plugin runs compiled, as `npm run synth` runs it. Each run is a fresh
// process (bench/validation-worker.ts), rounds alternate the two modes, and the clock starts once every module is
// loaded:
//  - synth: declare the mesh and `app.synth()` (cdk8s writes the YAML), as `cdk8s synth --no-validate` does;
//  - validated: the same with construct metadata recorded (cdk8s-cli asks for it when validations are configured),
//    then the plugin reads the YAML and validates every object against Istio's CRD schemas and CEL rules and
//    istiod's rules, as cdk8s-cli runs it (its own ValidationContext, and the report rendered). The app is let go
//    first: cdk8s-cli runs the app in a process of its own, so the plugin's heap never holds it. The plugin keeps the
//    CRD schemas it compiles in node_modules/.cache/meshlight, as it does for `cdk8s synth`: a run that finds none
//    kept (the first after a change to the CRDs or to the validator) compiles them.
// Both leave out what the two share outside the app: starting Node, transpiling the app, cdk8s-cli itself.
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

/** The CRDs validated against: Istio's crd-all.gen.yaml beside the repository, or MESHLIGHT_ISTIO_CRDS. */
export const CRD_FILE = process.env.MESHLIGHT_ISTIO_CRDS ?? path.resolve(ROOT, '../shared/istio/crd-all.gen.yaml');

/** `cdk8s synth` alone, or with the Istio validation plugin. */
export type ValidationMode = 'synth' | 'validated';

/** One run: CPU and wall time of the work (milliseconds), and how many Istio objects the plugin validated. */
export interface ValidationRun {
  readonly cpuMs: number;
  readonly ms: number;
  readonly objects: number;
}

/** Compiles the plugin as `npm run synth` does, so that the runs use it as cdk8s-cli does. */
export function buildValidationPlugin(): void {
  execFileSync('npm', ['run', '--silent', 'build:validation-plugin'], { cwd: ROOT, stdio: 'inherit' });
}

/** One run of `mode` at `services` services, in a fresh process. */
export function runValidationWorker(mode: ValidationMode, services: number): Promise<ValidationRun> {
  const args = ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'validation-worker.ts'), mode, String(services), CRD_FILE];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`validation worker ${mode} ${services} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/** What the CRDs were: the file, or their absence (then only istiod's rules are checked). */
export function crdsUsed(): string {
  // Relative to the project, so that results name no path of the machine they ran on.
  return fs.existsSync(CRD_FILE) ? path.relative(ROOT, CRD_FILE) : 'absent (istiod rules only)';
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const services = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 5);
  buildValidationPlugin();
  const results: Record<ValidationMode, ValidationRun[]> = { synth: [], validated: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['synth', 'validated'] as const) results[mode].push(await runValidationWorker(mode, services));
  }
  const cpu = (mode: ValidationMode) => median(results[mode].map((r) => r.cpuMs));
  const wall = (mode: ValidationMode) => median(results[mode].map((r) => r.ms));
  const ratios = results.validated.map((r, i) => r.cpuMs / results.synth[i].cpuMs);
  console.log(`${services} services, ${results.validated[0].objects} Istio objects validated, CRDs ${crdsUsed()}, medians of ${rounds} rounds:`);
  console.log(`  synth:     ${cpu('synth').toFixed(0)} ms CPU, ${wall('synth').toFixed(0)} ms wall (CPU of each run: ${results.synth.map((r) => r.cpuMs.toFixed(0)).join(', ')})`);
  console.log(`  validated: ${cpu('validated').toFixed(0)} ms CPU, ${wall('validated').toFixed(0)} ms wall (CPU of each run: ${results.validated.map((r) => r.cpuMs.toFixed(0)).join(', ')})`);
  console.log(`  ratio:     ${(cpu('validated') / cpu('synth')).toFixed(2)} CPU, ${(wall('validated') / wall('synth')).toFixed(2)} wall (target at most 1.25); each round's CPU ratio: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
