// One run of the validation benchmark (bench/validation.ts) in a process of its own:
//   node --expose-gc -r ts-node/register/transpile-only bench/validation-worker.ts <synth|validated> <services> <crdFile>
// Prints one JSON line (a ValidationRun). Modules are loaded before the clock starts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ValidationContext } from 'cdk8s-cli/plugins';
import '../lib/cdk8s';
import { declareCdk8sMesh, meshOf } from './mesh';
import type { ValidationMode, ValidationRun } from './validation';

const ROOT = path.join(__dirname, '..');

/**
 * `cdk8s synth`'s app: declares the mesh and writes it out. The app is left behind when this returns, as cdk8s-cli
 * runs the app in a process of its own and the plugins in its own process, where the app's objects are not in the heap.
 */
function synthesise(mode: ValidationMode, outdir: string, mesh: ReturnType<typeof meshOf>): void {
  const app = new App({ outdir, recordConstructMetadata: mode === 'validated' });
  declareCdk8sMesh(new Chart(app, 'mesh'), mesh);
  app.synth();
}

async function run(mode: ValidationMode, services: number, crdFile: string): Promise<ValidationRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { IstioValidationPlugin } = require(path.join(ROOT, 'plugins/istio-validation'));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-bench-'));
  const mesh = meshOf(services);
  (global as { gc?: () => void }).gc?.();
  const startCpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  synthesise(mode, outdir, mesh);
  const manifests = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(outdir, f));
  let objects = 0;
  if (mode === 'validated') {
    const recorded = JSON.parse(fs.readFileSync(path.join(outdir, 'construct-metadata.json'), 'utf8')).resources;
    const context = new ValidationContext(manifests, 'istio-validation', '0.0.0', recorded, false);
    context.logger.log = () => undefined;
    await new IstioValidationPlugin({ crdFile }).validate(context);
    context.report.toString();
    objects = Number(context.report.toJson().summary.metadata?.['Istio objects'] ?? 0);
    if (!context.report.success) throw new Error(`the mesh fails validation:\n${context.report.toString()}`);
  }
  const cpu = process.cpuUsage(startCpu);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { cpuMs: (cpu.user + cpu.system) / 1000, ms, objects };
}

run(process.argv[2] as ValidationMode, Number(process.argv[3]), process.argv[4]).then((r) => console.log(JSON.stringify(r)), (e) => {
  console.error(e);
  process.exit(1);
});
