// What the Istio validation plugin adds to `cdk8s synth`, at 2,000 services (the target: at most 1.25x):
//   npx ts-node --transpile-only bench/validation.ts [services=2000] [rounds=5]
// Runs `npm run build:validation-plugin` first: the plugin runs compiled, as `npm run synth` runs it. Each run is a
// fresh process, rounds alternate the two modes, and the clock starts once every module is loaded:
//  - synth: declare the mesh and `app.synth()` (cdk8s writes the YAML), as `cdk8s synth --no-validate` does;
//  - validated: the same with construct metadata recorded (cdk8s-cli asks for it when validations are configured),
//    then the plugin reads the YAML and validates every object against Istio's CRD schemas and CEL rules and
//    istiod's rules, as cdk8s-cli runs it (its own ValidationContext, and the report rendered).
// Both leave out what the two share outside the app: starting Node, transpiling the app, cdk8s-cli itself.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import '../lib/cdk8s';
import { declareCdk8sMesh, meshOf } from './mesh';

const ROOT = path.join(__dirname, '..');
const CRD_FILE = process.env.MESHLIGHT_ISTIO_CRDS ?? path.resolve(ROOT, '../shared/istio/crd-all.gen.yaml');

type Mode = 'synth' | 'validated';

async function run(mode: Mode, services: number): Promise<{ cpuMs: number; ms: number; objects: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IstioValidationPlugin } = require(path.join(ROOT, 'plugins/istio-validation'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-bench-'));
  const mesh = meshOf(services);
  (global as { gc?: () => void }).gc?.();
  const startCpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const app = new App({ outdir, recordConstructMetadata: mode === 'validated' });
  declareCdk8sMesh(new Chart(app, 'mesh'), mesh);
  app.synth();
  const manifests = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(outdir, f));
  let objects = 0;
  if (mode === 'validated') {
    const recorded = JSON.parse(fs.readFileSync(path.join(outdir, 'construct-metadata.json'), 'utf8')).resources;
    const context = new ValidationContext(manifests, 'istio-validation', '0.0.0', recorded, false);
    context.logger.log = () => undefined;
    await new IstioValidationPlugin({ crdFile: CRD_FILE }).validate(context);
    context.report.toString();
    objects = Number(context.report.toJson().summary.metadata?.['Istio objects'] ?? 0);
    if (!context.report.success) throw new Error(`the mesh fails validation:\n${context.report.toString()}`);
  }
  const cpu = process.cpuUsage(startCpu);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { cpuMs: (cpu.user + cpu.system) / 1000, ms, objects };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const services = Number(process.argv[2] ?? 2000);
  const rounds = Number(process.argv[3] ?? 5);
  execFileSync('npm', ['run', '--silent', 'build:validation-plugin'], { cwd: ROOT, stdio: 'inherit' });
  const results: Record<Mode, { cpuMs: number; ms: number; objects: number }[]> = { synth: [], validated: [] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['synth', 'validated'] as const) {
      const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename, 'worker', mode, String(services)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      results[mode].push(JSON.parse(out.trim().split('\n').pop()!));
    }
  }
  const cpu = (mode: Mode) => median(results[mode].map((r) => r.cpuMs));
  const wall = (mode: Mode) => median(results[mode].map((r) => r.ms));
  console.log(`${services} services, ${results.validated[0].objects} Istio objects validated, CRDs ${fs.existsSync(CRD_FILE) ? CRD_FILE : 'absent (istiod rules only)'}, medians of ${rounds} rounds:`);
  console.log(`  synth:     ${cpu('synth').toFixed(0)} ms CPU, ${wall('synth').toFixed(0)} ms wall`);
  console.log(`  validated: ${cpu('validated').toFixed(0)} ms CPU, ${wall('validated').toFixed(0)} ms wall`);
  console.log(`  ratio:     ${(cpu('validated') / cpu('synth')).toFixed(2)} CPU, ${(wall('validated') / wall('synth')).toFixed(2)} wall (target at most 1.25)`);
}

if (process.argv[2] === 'worker') {
  run(process.argv[3] as Mode, Number(process.argv[4])).then((r) => console.log(JSON.stringify(r)), (e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main();
}
