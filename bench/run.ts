// npm run bench [-- --sizes 100,500 --runs 3 --no-profile]
//
// Synthesises meshes of 100, 500 and 2,000 services through cdk8s and through Pulumi (mocks), measures the floor
// (the same objects as raw cdk8s ApiObjects and raw Pulumi resources, and YAML serialisation alone), reads the proxy
// scope off the emitted Sidecars, and writes bench/results.md. Every measurement runs in a fresh process.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileForWorkers } from './compile';
import { median, runWorker, WorkerResult } from './measure';
import { hotSpots } from './profile';
import type { Mode } from './worker';

/** How often each measurement runs at each size; Pulumi's mock engine takes minutes at 2,000 services. */
const DEFAULT_RUNS: Record<number, { readonly cdk8s: number; readonly pulumi: number }> = {
  100: { cdk8s: 3, pulumi: 3 },
  500: { cdk8s: 3, pulumi: 1 },
  2000: { cdk8s: 3, pulumi: 1 },
};

const CDK8S_MODES: readonly Mode[] = ['cdk8s', 'cdk8s-floor', 'yaml'];
const PULUMI_MODES: readonly Mode[] = ['pulumi', 'pulumi-floor'];

/**
 * Node flags of a measurement. Pulumi records a stack trace for each of its promises, a third of a mock run's time
 * and none of meshlight's doing; both Pulumi runs go without, so the floor is Pulumi's own work.
 */
const flagsOf = (mode: Mode): string[] => (PULUMI_MODES.includes(mode) ? ['--stack-trace-limit=0'] : []);

/** The targets of issue 8. */
const TARGETS = { ratio: 1.25, perServiceGrowth: 1.15 };

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(__dirname, 'results.md');

interface Options {
  readonly sizes: readonly number[];
  readonly runs?: number;
  readonly profile: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const sizes = (value('--sizes') ?? '100,500,2000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0 || n % 20 !== 0)) {
    throw new Error('--sizes: give multiples of 20 (services per namespace), e.g. --sizes 100,500,2000');
  }
  const runs = value('--runs') === undefined ? undefined : Number(value('--runs'));
  return { sizes, runs, profile: !argv.includes('--no-profile') };
}

function runsOf(options: Options, size: number, mode: Mode): number {
  const planned = DEFAULT_RUNS[size] ?? { cdk8s: 3, pulumi: 1 };
  return options.runs ?? (PULUMI_MODES.includes(mode) ? planned.pulumi : planned.cdk8s);
}

/** Median wall time and memory of the runs of one mode at one size. */
interface Summary {
  readonly mode: Mode;
  readonly size: number;
  readonly runs: readonly WorkerResult[];
  readonly ms: number;
  readonly peakRssMiB: number;
  readonly startRssMiB: number;
}

function summarise(mode: Mode, size: number, runs: readonly WorkerResult[]): Summary {
  return {
    mode, size, runs,
    ms: median(runs.map((r) => r.ms!)),
    peakRssMiB: median(runs.map((r) => r.peakRssMiB!)),
    startRssMiB: median(runs.map((r) => r.startRssMiB!)),
  };
}

/** Proxy scope at one size: what each proxy is sent under the emitted Sidecars, against what it declared. */
interface ScopeSummary {
  readonly size: number;
  readonly proxies: number;
  readonly averageVisible: number;
  readonly maxVisible: number;
  readonly maxBound: number;
  readonly overBound: number;
  readonly unscoped: number;
  /** Average of what each proxy would see without Sidecars. */
  readonly wholeMesh: number;
}

function proxyScopeOf(prepared: WorkerResult): ScopeSummary {
  const declared = new Map(prepared.declared!);
  const views = prepared.proxies!;
  let overBound = 0;
  let maxBound = 0;
  const visible = views.map((v) => {
    // `<namespace>/<service>-v1-0`: the Deployment of one version of the service.
    const [namespace, deployment] = v.proxy.split('/');
    const service = deployment.replace(/-v\d+-\d+$/, '');
    const deps = declared.get(`${namespace}/${service}`)!;
    const bound = deps.callees.length + deps.externalHosts.length + 1;
    const seen = v.meshServices + v.externalHosts + (v.controlPlane ? 1 : 0);
    maxBound = Math.max(maxBound, bound);
    if (seen > bound) overBound++;
    return seen;
  });
  return {
    size: prepared.size,
    proxies: views.length,
    averageVisible: visible.reduce((a, b) => a + b, 0) / Math.max(1, visible.length),
    maxVisible: Math.max(...visible),
    maxBound,
    overBound,
    unscoped: views.filter((v) => v.sidecar === undefined).length,
    wholeMesh: views.reduce((sum, v) => sum + v.wholeMesh, 0) / Math.max(1, views.length),
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function machine(): string[] {
  const cpus = os.cpus();
  const version = (pkg: string) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; cdk8s ${version('cdk8s')}, @pulumi/pulumi ${version('@pulumi/pulumi')}, @pulumi/kubernetes ${version('@pulumi/kubernetes')}, yaml ${version('yaml')}`,
  ];
}

interface Report {
  readonly options: Options;
  readonly summaries: readonly Summary[];
  readonly scopes: readonly ScopeSummary[];
  readonly mismatches: readonly string[];
  readonly hotSpots: readonly string[];
  readonly objectsPerService: number;
  readonly seconds: number;
}

function renderResults(report: Report): string {
  const find = (mode: Mode, size: number) => report.summaries.find((s) => s.mode === mode && s.size === size);
  const sizes = report.options.sizes;
  const lines: string[] = [
    '# meshlight benchmark',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in ${fmt(report.seconds)} s.`,
    '',
    ...machine(),
    `- Mesh: services in ZeroTrustNamespaces of 20, each with 3 versions (1.0 at 90%, 1.1 at 10%, 1.2 at 0%), 1 header rule, 2 declared callers (\`namespace.allow\`) and an EgressAllowList of 2 hosts (one shared by its namespace): ${fmt(report.objectsPerService, 1)} Kubernetes objects per service.`,
    '- meshlight: declaring the mesh and synthesising it: `app.synthYaml()` of one cdk8s chart, or every resource registered with Pulumi\'s mock engine (`pulumi.runtime.setMocks`), the namespaces\' policies included.',
    '- Floor: the same objects from precomputed JSON, as raw `ApiObject`s in one chart plus `app.synthYaml()`, or as raw `@pulumi/kubernetes` resources (typed classes for built-in kinds, `CustomResource` for Istio); YAML alone is `Yaml.stringify` of those objects.',
    '- Each number is the median of the runs shown, each run a fresh Node process (`--expose-gc`, heap collected before the clock starts; modules are loaded before it). Peak memory is the process\'s peak RSS, runtime and loaded modules included.',
    '- Pulumi runs set `Error.stackTraceLimit = 0` (`--stack-trace-limit=0`), floor and meshlight alike: Pulumi records a stack trace for each of its promises, a third of a mock run\'s time. Pulumi runs are repeated less because its mock engine takes minutes at 2,000 services.',
    '',
    '## Synthesis time',
    '',
    '| services | path | meshlight | floor | ratio to floor | meshlight per service | floor per service | peak RSS meshlight | peak RSS floor | runs |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of sizes) {
    for (const [label, mode, floorMode] of [['cdk8s', 'cdk8s', 'cdk8s-floor'], ['Pulumi', 'pulumi', 'pulumi-floor']] as const) {
      const m = find(mode, size);
      const f = find(floorMode, size);
      if (m === undefined || f === undefined) continue;
      lines.push(`| ${fmt(size)} | ${label} | ${fmt(m.ms)} ms | ${fmt(f.ms)} ms | ${fmt(m.ms / f.ms, 2)} | ${fmt(m.ms / size, 2)} ms | ${fmt(f.ms / size, 2)} ms | ${fmt(m.peakRssMiB)} MiB | ${fmt(f.peakRssMiB)} MiB | ${m.runs.length} |`);
    }
    const y = find('yaml', size);
    if (y !== undefined) {
      lines.push(`| ${fmt(size)} | YAML alone | | ${fmt(y.ms)} ms | | | ${fmt(y.ms / size, 2)} ms | | ${fmt(y.peakRssMiB)} MiB | ${y.runs.length} |`);
    }
  }

  const modes: readonly (readonly [Mode, string])[] = [['cdk8s', 'cdk8s'], ['cdk8s-floor', 'cdk8s floor'], ['yaml', 'YAML alone'], ['pulumi', 'Pulumi'], ['pulumi-floor', 'Pulumi floor']];
  lines.push(
    '',
    'Every run, in the order they ran (ms); rounds alternate meshlight and its floor, so that a slow spell of the machine',
    'weighs on both:',
    '',
    `| services | ${modes.map(([, label]) => label).join(' | ')} |`,
    `| ---: | ${modes.map(() => '---').join(' | ')} |`,
    ...sizes.map((size) => `| ${fmt(size)} | ${modes.map(([mode]) => (find(mode, size)?.runs ?? []).map((r) => fmt(r.ms!)).join(', ')).join(' | ')} |`),
  );

  lines.push('', '## Targets', '', '| target | measured | met |', '| --- | --- | --- |');
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  for (const [label, mode, floorMode] of [['cdk8s', 'cdk8s', 'cdk8s-floor'], ['Pulumi', 'pulumi', 'pulumi-floor']] as const) {
    const m = find(mode, largest);
    const f = find(floorMode, largest);
    if (m !== undefined && f !== undefined) {
      const ratio = m.ms / f.ms;
      lines.push(`| ${label}: ratio to floor at ${fmt(largest)} services at most ${TARGETS.ratio} | ${fmt(ratio, 2)} | ${ratio <= TARGETS.ratio ? 'yes' : 'no'} |`);
    }
    const growth = (of: Mode, from: number) => {
      const a = find(of, from);
      const b = find(of, largest);
      return a === undefined || b === undefined || from === largest ? undefined : (b.ms / largest) / (a.ms / from);
    };
    const grown = growth(mode, smallest);
    if (grown !== undefined) {
      // At the smallest size, warming up the JIT weighs on each service; the next size up shows the trend without it.
      const middle = sizes.filter((n) => n !== smallest && n !== largest)[0];
      const context = [
        `floor ${fmt(growth(floorMode, smallest) ?? NaN, 2)}x`,
        ...(middle === undefined ? [] : [`from ${fmt(middle)}: ${fmt(growth(mode, middle) ?? NaN, 2)}x, floor ${fmt(growth(floorMode, middle) ?? NaN, 2)}x`]),
      ];
      lines.push(`| ${label}: time per service from ${fmt(smallest)} to ${fmt(largest)} services grows at most ${TARGETS.perServiceGrowth}x | ${fmt(grown, 2)}x (${context.join('; ')}) | ${grown <= TARGETS.perServiceGrowth ? 'yes' : 'no'} |`);
    }
  }
  const scopeOk = report.scopes.every((s) => s.overBound === 0 && s.unscoped === 0);
  lines.push(`| visible services per proxy bounded by its declared dependencies plus the control plane | ${report.scopes.map((s) => `${s.overBound} of ${fmt(s.proxies)} proxies over`).join(', ')} | ${scopeOk ? 'yes' : 'no'} |`);
  lines.push(`| identical output: meshlight vs floor, cdk8s vs Pulumi | ${report.mismatches.length === 0 ? 'same digests everywhere' : report.mismatches.join('; ')} | ${report.mismatches.length === 0 ? 'yes' : 'no'} |`);

  lines.push(
    '',
    '## Proxy scope',
    '',
    'Istio sends every proxy every Service of the mesh unless a Sidecar scopes it. Read off the emitted objects: each',
    'Deployment\'s proxy gets the Sidecar that selects its pods (else its namespace\'s default), and sees the Services and',
    'ServiceEntry hosts its egress hosts select; `istio-system/*` counts as the control plane, 1. The bound is what the',
    'service declared: the services it calls, the hosts of its allow-list, and the control plane.',
    '',
    '| services | proxies | visible per proxy, average | visible per proxy, max | bound (declared + control plane), max | proxies over the bound | proxies without a Sidecar | without Sidecars, visible per proxy, average |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.scopes.map((s) => `| ${fmt(s.size)} | ${fmt(s.proxies)} | ${fmt(s.averageVisible, 1)} | ${fmt(s.maxVisible)} | ${fmt(s.maxBound)} | ${fmt(s.overBound)} | ${fmt(s.unscoped)} | ${fmt(s.wholeMesh, 1)} |`),
  );
  if (report.hotSpots.length > 0) {
    lines.push('', `## Where the cdk8s time goes at ${fmt(largest)} services`, '', 'Total time of the heaviest functions in one profiled run (`node --cpu-prof`), nested ones included:', '', '```text', ...report.hotSpots, '```');
  }
  return `${lines.join('\n')}\n`;
}

/** The phases of a cdk8s run: function, the end of its file's path, and what it stands for. */
const CDK8S_PHASES: readonly (readonly [string, string, string])[] = [
  ['declareCdk8sMesh', 'bench/mesh.js', 'declaring the mesh: constructors, allow(), EgressAllowLists'],
  ['GrayscaleService', 'lib/cdk8s/grayscale-service.js', '  GrayscaleService constructors'],
  ['ZeroTrustNamespace', 'lib/cdk8s/zero-trust-namespace.js', '  ZeroTrustNamespace constructors'],
  ['allow', 'lib/cdk8s/zero-trust-namespace.js', '  ZeroTrustNamespace.allow()'],
  ['allowEgress', 'lib/cdk8s/zero-trust-namespace.js', '  ZeroTrustNamespace.allowEgress()'],
  ['synthYaml', 'cdk8s/lib/app.js', 'app.synthYaml()'],
  ['validate', 'cdk8s/lib/app.js', '  validating every construct'],
  ['validate', 'lib/cdk8s/api-objects.js', '    meshlight whole-app check (toJson of every meshlight object)'],
  ['validate', 'lib/cdk8s/zero-trust-namespace.js', '    rendering the namespaces\' objects, once'],
  ['toJson', 'cdk8s/lib/chart.js', '  chart.toJson(): resolving every object'],
  ['stringify', 'cdk8s/lib/yaml.js', '  YAML serialisation'],
  ['(garbage collector)', '', 'garbage collection, all phases'],
];

/** Runs cdk8s once more under V8's profiler and returns the time of each phase. */
async function profileCdk8s(worker: string, size: number, prepared: string, dir: string): Promise<string[]> {
  await runWorker(worker, ['cdk8s', String(size), prepared], [], dir);
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  const spots = hotSpots(path.join(dir, file), `${path.dirname(path.dirname(worker))}/`);
  return CDK8S_PHASES.flatMap(([fn, file, label]) => {
    const spot = spots.find((s) => s.fn.startsWith(`${fn} `) && s.fn.replace(/:\d+$/, '').endsWith(file));
    return spot === undefined ? [] : [`${fmt(spot.totalMs).padStart(7)} ms  ${label}`];
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-bench-'));
  const log = (message: string) => process.stdout.write(`[${fmt((Date.now() - started) / 1000)} s] ${message}\n`);
  try {
    const worker = compileForWorkers(path.join(work, 'js'));
    const summaries: Summary[] = [];
    const scopes: ScopeSummary[] = [];
    const mismatches: string[] = [];
    let objectsPerService = 0;
    for (const size of options.sizes) {
      const prepared = path.join(work, `mesh-${size}.json`);
      const mesh = await runWorker(worker, ['prepare', String(size), prepared]);
      scopes.push(proxyScopeOf(mesh));
      objectsPerService = mesh.objects! / size;
      log(`${size} services: ${fmt(mesh.objects!)} objects`);
      const results = new Map<Mode, WorkerResult[]>();
      const modes = [...CDK8S_MODES, ...PULUMI_MODES];
      const rounds = Math.max(...modes.map((m) => runsOf(options, size, m)));
      // Rounds run every mode once, so that a slow spell of the machine hits meshlight and its floor alike.
      for (let round = 0; round < rounds; round++) {
        for (const mode of modes.filter((m) => runsOf(options, size, m) > round)) {
          const result = await runWorker(worker, [mode, String(size), prepared], flagsOf(mode));
          results.set(mode, [...(results.get(mode) ?? []), result]);
          log(`${size} services, ${mode} #${round + 1}: ${fmt(result.ms!)} ms, peak ${fmt(result.peakRssMiB!)} MiB`);
        }
      }
      for (const [mode, runs] of results) summaries.push(summarise(mode, size, runs));
      const yamlDigests = new Set(CDK8S_MODES.flatMap((m) => results.get(m)!.map((r) => r.digest)));
      if (yamlDigests.size !== 1) mismatches.push(`${size} services: cdk8s YAML differs from the floor's`);
      const objectDigests = new Set([mesh.digest, ...PULUMI_MODES.flatMap((m) => results.get(m)!.map((r) => r.digest))]);
      if (objectDigests.size !== 1) mismatches.push(`${size} services: Pulumi objects differ from cdk8s's`);
    }
    const largest = Math.max(...options.sizes);
    const spots = options.profile ? await profileCdk8s(worker, largest, path.join(work, `mesh-${largest}.json`), fs.mkdtempSync(path.join(work, 'profile-'))) : [];
    const report: Report = { options, summaries, scopes, mismatches, hotSpots: spots, objectsPerService, seconds: (Date.now() - started) / 1000 };
    fs.writeFileSync(RESULTS, renderResults(report));
    log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
    process.stdout.write(renderResults(report));
    if (mismatches.length > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
