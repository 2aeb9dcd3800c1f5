// npm run bench [-- --sizes 100,500,2000 --paths cdk8s,pulumi --runs 3 --budget 660 --no-profile --no-validation --no-explain]
//
// Synthesises meshes of 100, 500 and 2,000 services through cdk8s and through Pulumi (mocks), measures the floor
// (the same objects as raw cdk8s ApiObjects and raw Pulumi resources, and YAML serialisation alone), reads the proxy
// scope off the emitted Sidecars, times `cdk8s synth` with the Istio validation plugin against without it at the
// largest size (bench/validation.ts) and `meshlight explain` of the mesh it writes, synthesises the largest size again
// as a fleet of 20 clusters (cdk8s and Pulumi), and writes bench/results.md. Every measurement runs in a fresh process.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileForWorkers } from './compile';
import { median, runWorker, WorkerResult } from './measure';
import { hotSpots } from './profile';
import { buildValidationPlugin, crdsUsed, runValidationWorker, ValidationMode, ValidationRun } from './validation';
import { FLEET_CLUSTERS, SERVICES_PER_NAMESPACE } from './mesh';
import type { Mode } from './worker';

/** Measurements that run together, one after the other, in each round. */
type Group = 'cdk8s' | 'yaml' | 'pulumi' | 'cdk8s-fleet' | 'pulumi-fleet';

const GROUP_MODES: Record<Group, readonly Mode[]> = {
  cdk8s: ['cdk8s', 'cdk8s-floor'],
  yaml: ['yaml'],
  pulumi: ['pulumi', 'pulumi-floor'],
  'cdk8s-fleet': ['cdk8s-fleet'],
  'pulumi-fleet': ['pulumi-fleet'],
};
const GROUPS: readonly Group[] = ['cdk8s', 'yaml', 'pulumi', 'cdk8s-fleet', 'pulumi-fleet'];

/** The path (`--paths`) each group belongs to. */
const PATH_OF: Record<Group, 'cdk8s' | 'pulumi'> = { cdk8s: 'cdk8s', yaml: 'cdk8s', pulumi: 'pulumi', 'cdk8s-fleet': 'cdk8s', 'pulumi-fleet': 'pulumi' };

/**
 * How many rounds of each group run at each size: `min` always, then more, up to `max`, while the time budget lasts.
 * The extra rounds go where the targets are read: cdk8s at the largest and smallest sizes (ratio to floor, growth
 * per service) and Pulumi at the smallest; Pulumi's mock engine takes minutes at 2,000 services, so it runs once
 * there. The fleet (the same services as FLEET_CLUSTERS clusters) runs at 2,000 services only, beside one cluster.
 */
const NO_FLEET = { 'cdk8s-fleet': { min: 0, max: 0 }, 'pulumi-fleet': { min: 0, max: 0 } };
const PLAN: Record<number, Record<Group, { readonly min: number; readonly max: number }>> = {
  100: { cdk8s: { min: 3, max: 11 }, yaml: { min: 3, max: 3 }, pulumi: { min: 3, max: 7 }, ...NO_FLEET },
  500: { cdk8s: { min: 3, max: 5 }, yaml: { min: 1, max: 1 }, pulumi: { min: 1, max: 1 }, ...NO_FLEET },
  2000: { cdk8s: { min: 3, max: 9 }, yaml: { min: 1, max: 1 }, pulumi: { min: 1, max: 1 }, 'cdk8s-fleet': { min: 3, max: 7 }, 'pulumi-fleet': { min: 1, max: 1 } },
};
const OTHER_SIZES = { cdk8s: { min: 3, max: 3 }, yaml: { min: 1, max: 1 }, pulumi: { min: 1, max: 1 }, ...NO_FLEET };

/**
 * Rounds of the validation benchmark (bench/validation.ts: `cdk8s synth` without, then with, the Istio validation
 * plugin) at the largest size: `min` always, more after the extra cdk8s rounds there while the budget lasts.
 */
const VALIDATION_ROUNDS = { min: 3, max: 5 };

/** Runs of `meshlight explain` (default view) on the largest mesh's YAML, against its synthesis by cdk8s. */
const EXPLAIN_RUNS = 2;

/**
 * Seconds the whole benchmark may take; extra rounds and the profile only run while they fit. Eleven minutes: the
 * required rounds take about nine (two of them the fleet's), and on a shared machine single runs at 2,000 services
 * differ by a fifth or more, so the extra rounds there are what steadies the median the ratio is read from.
 */
const DEFAULT_BUDGET_SECONDS = 660;

const PULUMI_MODES: readonly Mode[] = GROUP_MODES.pulumi;
const FLEET_TARGET = 1.25;
const CDK8S_MODES: readonly Mode[] = [...GROUP_MODES.cdk8s, ...GROUP_MODES.yaml];

/**
 * Node flags of a measurement. Pulumi records a stack trace for each of its promises, a third of a mock run's time
 * and none of meshlight's doing; both Pulumi runs go without, so the floor is Pulumi's own work.
 */
const flagsOf = (mode: Mode): string[] => ([...PULUMI_MODES, 'pulumi-fleet'].includes(mode) ? ['--stack-trace-limit=0'] : []);

/**
 * The targets of issue 8, validation's of issue 26 (synth with the plugin over synth without), and explain's of issue 23
 * (explain's default view of the largest mesh over its synthesis, in CPU time and in peak memory).
 */
const TARGETS = { ratio: 1.25, perServiceGrowth: 1.15, validationRatio: 1.25, explainTime: 3, explainMemory: 3 };

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(__dirname, 'results.md');

interface Options {
  readonly sizes: readonly number[];
  readonly runs?: number;
  readonly budgetSeconds: number;
  readonly profile: boolean;
  /** The groups measured: cdk8s (with YAML alone) and Pulumi. */
  readonly groups: readonly Group[];
  /** Whether the validation benchmark runs (with the cdk8s path, unless `--no-validation`). */
  readonly validation: boolean;
  /** Whether `meshlight explain` is timed (with the cdk8s path, unless `--no-explain`). */
  readonly explain: boolean;
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
  const budgetSeconds = Number(value('--budget') ?? DEFAULT_BUDGET_SECONDS);
  const paths = (value('--paths') ?? 'cdk8s,pulumi').split(',');
  if (paths.some((p) => p !== 'cdk8s' && p !== 'pulumi')) throw new Error('--paths: give cdk8s, pulumi or both, e.g. --paths cdk8s');
  const groups = GROUPS.filter((g) => paths.includes(PATH_OF[g]));
  return {
    sizes, runs, budgetSeconds, groups,
    profile: paths.includes('cdk8s') && !argv.includes('--no-profile'),
    validation: paths.includes('cdk8s') && !argv.includes('--no-validation'),
    explain: paths.includes('cdk8s') && !argv.includes('--no-explain'),
  };
}

function planOf(options: Options, size: number, group: Group): { readonly min: number; readonly max: number } {
  // A fleet's clusters each hold whole namespaces of services, and it runs at the largest size only.
  const fleet = group === 'cdk8s-fleet' || group === 'pulumi-fleet';
  if (fleet && (size !== Math.max(...options.sizes) || size % (FLEET_CLUSTERS * SERVICES_PER_NAMESPACE) !== 0)) return { min: 0, max: 0 };
  if (options.runs !== undefined) return { min: options.runs, max: options.runs };
  return (PLAN[size] ?? OTHER_SIZES)[group];
}

/** Median CPU and wall time and memory of the runs of one mode at one size. */
interface Summary {
  readonly mode: Mode;
  readonly size: number;
  readonly runs: readonly WorkerResult[];
  /** Median CPU time, milliseconds. */
  readonly cpuMs: number;
  /** Median wall time, milliseconds. */
  readonly ms: number;
  readonly peakRssMiB: number;
  readonly startRssMiB: number;
}

function summarise(mode: Mode, size: number, runs: readonly WorkerResult[]): Summary {
  return {
    mode, size, runs,
    cpuMs: median(runs.map((r) => r.cpuMs!)),
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
  readonly profileSkipped: boolean;
  readonly objectsPerService: number;
  readonly seconds: number;
  /** One-minute load average of the machine when the benchmark started and when it ended. */
  readonly load: readonly [number, number];
  /** The validation benchmark's runs at the largest size, by mode, run i of each being round i. */
  readonly validation?: Readonly<Record<ValidationMode, readonly ValidationRun[]>>;
  /** `meshlight explain` of the largest mesh's YAML, each run a fresh process. */
  readonly explain?: readonly WorkerResult[];
}

type Pair = readonly [label: string, mode: Mode, floorMode: Mode];
const PAIRS: readonly Pair[] = [['cdk8s', 'cdk8s', 'cdk8s-floor'], ['Pulumi', 'pulumi', 'pulumi-floor']];
/** A fleet against the same number of services in one cluster. */
const FLEET_PAIRS: readonly Pair[] = [['cdk8s', 'cdk8s-fleet', 'cdk8s'], ['Pulumi', 'pulumi-fleet', 'pulumi']];

/** meshlight's CPU time over its floor's in each round that ran both: how much the ratio moves from round to round. */
/**
 * The fastest meshlight run over the fastest floor run, by CPU time. What else runs on the machine only ever adds
 * time, so the fastest runs are the least disturbed reading of each; medians carry the disturbance into the ratio.
 */
function bestRoundRatio(m: Summary, f: Summary): number {
  return Math.min(...m.runs.map((r) => r.cpuMs!)) / Math.min(...f.runs.map((r) => r.cpuMs!));
}

function roundRatios(m: Summary, f: Summary): number[] {
  return m.runs.slice(0, f.runs.length).map((r, i) => r.cpuMs! / f.runs[i].cpuMs!);
}

/**
 * The cdk8s time split where the objects are declared: meshlight's constructors against the floor's `new ApiObject`s,
 * then `app.synthYaml()` of each, which for meshlight also renders its namespaces' objects and checks the whole app.
 */
function phaseTable(sizes: readonly number[], find: (mode: Mode, size: number) => Summary | undefined): string[] {
  const rows = sizes.flatMap((size) => {
    const m = find('cdk8s', size)?.runs.filter((r) => r.declaring !== undefined) ?? [];
    const f = find('cdk8s-floor', size)?.runs.filter((r) => r.declaring !== undefined) ?? [];
    if (m.length === 0 || f.length === 0) return [];
    const declaring = (runs: readonly WorkerResult[]) => median(runs.map((r) => r.declaring!.cpuMs));
    const synthesising = (runs: readonly WorkerResult[]) => median(runs.map((r) => r.cpuMs! - r.declaring!.cpuMs));
    const [meshlightDeclaring, floorDeclaring] = [declaring(m), declaring(f)];
    const [meshlightSynth, floorSynth] = [synthesising(m), synthesising(f)];
    return [`| ${fmt(size)} | ${fmt(meshlightDeclaring)} ms | ${fmt(floorDeclaring)} ms | ${fmt((meshlightDeclaring - floorDeclaring) / size, 2)} ms | ${fmt(meshlightSynth)} ms | ${fmt(floorSynth)} ms | ${fmt((meshlightSynth - floorSynth) / size, 2)} ms |`];
  });
  if (rows.length === 0) return [];
  return [
    '',
    'The cdk8s CPU time split where the objects have been declared (medians of the same runs): meshlight\'s constructors, `allow()` calls and EgressAllowLists against the floor\'s `new ApiObject`s, then `app.synthYaml()`, which for meshlight also renders the ZeroTrustNamespaces\' objects and runs the whole-app check (cdk8s validates before it writes the objects out and serialises them).',
    '',
    '| services | declaring: meshlight | declaring: floor | difference per service | `app.synthYaml()`: meshlight | `app.synthYaml()`: floor | difference per service |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ];
}

function renderResults(report: Report): string {
  const find = (mode: Mode, size: number) => report.summaries.find((s) => s.mode === mode && s.size === size);
  const sizes = report.options.sizes;
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  const lines: string[] = [
    '# meshlight benchmark',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in ${fmt(report.seconds)} s (budget ${fmt(report.options.budgetSeconds)} s).`,
    '',
    ...machine(),
    `- Load average (1 minute) of the machine: ${fmt(report.load[0], 1)} when the benchmark started, ${fmt(report.load[1], 1)} when it ended.`,
    `- Mesh: services in ZeroTrustNamespaces of 20, each with 3 versions (1.0 at 90%, 1.1 at 10%, 1.2 at 0%), 1 header rule, 2 declared callers (\`namespace.allow\`) and an EgressAllowList of 2 hosts (one shared by its namespace): ${fmt(report.objectsPerService, 1)} Kubernetes objects per service.`,
    '- meshlight: declaring the mesh and synthesising it: `app.synthYaml()` of one cdk8s chart, or every resource registered with Pulumi\'s mock engine (`pulumi.runtime.setMocks`), the namespaces\' policies included.',
    '- Floor: the same objects from precomputed JSON, as raw `ApiObject`s in one chart plus `app.synthYaml()`, or as raw `@pulumi/kubernetes` resources (typed classes for built-in kinds, `CustomResource` for Istio); YAML alone is `Yaml.stringify` of those objects.',
    '- What is measured: each run is a fresh Node process (`--expose-gc`, heap collected before the clock starts; modules are loaded before it), timed around the work only. CPU time is the user plus system time of the process during that work (`process.cpuUsage()`), V8\'s background threads (garbage collection, optimising compiler) included; it leaves out time spent waiting for a core that other processes hold, so on a shared machine it varies far less than wall time, though not to nothing (caches and cores are shared too). Ratios and growth below are of median CPU times; median wall times are listed beside them. Peak memory is the process\'s peak RSS, runtime and loaded modules included.',
    `- Rounds: a round runs meshlight and its floor one after the other, the order alternating from round to round, so a slow spell of the machine weighs on both. Every size gets at least 3 cdk8s rounds; rounds are added where the targets are read while the time budget lasts, first at ${fmt(largest)} services (the ratio to the floor, the closest call), then at ${fmt(smallest)}.`,
    '- Pulumi runs set `Error.stackTraceLimit = 0` (`--stack-trace-limit=0`), floor and meshlight alike: Pulumi records a stack trace for each of its promises, a third of a mock run\'s time. Pulumi runs are repeated less because its mock engine takes minutes at 2,000 services.',
    '',
    '## Synthesis time',
    '',
    '| services | path | meshlight CPU | floor CPU | ratio to floor | per-round ratios | best-round ratio | meshlight CPU per service | floor CPU per service | meshlight wall | floor wall | wall ratio | peak RSS meshlight | peak RSS floor | runs |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of sizes) {
    for (const [label, mode, floorMode] of PAIRS) {
      const m = find(mode, size);
      const f = find(floorMode, size);
      if (m === undefined || f === undefined) continue;
      const ratios = roundRatios(m, f);
      const spread = ratios.length < 2 ? '' : `${fmt(Math.min(...ratios), 2)} to ${fmt(Math.max(...ratios), 2)}`;
      lines.push(`| ${fmt(size)} | ${label} | ${fmt(m.cpuMs)} ms | ${fmt(f.cpuMs)} ms | ${fmt(m.cpuMs / f.cpuMs, 2)} | ${spread} | ${fmt(bestRoundRatio(m, f), 2)} | ${fmt(m.cpuMs / size, 2)} ms | ${fmt(f.cpuMs / size, 2)} ms | ${fmt(m.ms)} ms | ${fmt(f.ms)} ms | ${fmt(m.ms / f.ms, 2)} | ${fmt(m.peakRssMiB)} MiB | ${fmt(f.peakRssMiB)} MiB | ${m.runs.length} |`);
    }
    const y = find('yaml', size);
    if (y !== undefined) {
      lines.push(`| ${fmt(size)} | YAML alone | | ${fmt(y.cpuMs)} ms | | | | | ${fmt(y.cpuMs / size, 2)} ms | | ${fmt(y.ms)} ms | | | ${fmt(y.peakRssMiB)} MiB | ${y.runs.length} |`);
    }
  }

  lines.push(...phaseTable(sizes, find));

  const modes: readonly (readonly [Mode, string])[] = [['cdk8s', 'cdk8s'], ['cdk8s-floor', 'cdk8s floor'], ['yaml', 'YAML alone'], ['pulumi', 'Pulumi'], ['pulumi-floor', 'Pulumi floor']];
  const everyRun = (title: string, of: (r: WorkerResult) => number) => [
    '',
    title,
    '',
    `| services | ${modes.map(([, label]) => label).join(' | ')} |`,
    `| ---: | ${modes.map(() => '---').join(' | ')} |`,
    ...sizes.map((size) => `| ${fmt(size)} | ${modes.map(([mode]) => (find(mode, size)?.runs ?? []).map((r) => fmt(of(r))).join(', ')).join(' | ')} |`),
  ];
  lines.push(
    ...everyRun('CPU time of every run, in the order they ran (ms):', (r) => r.cpuMs!),
    ...everyRun('Wall time of the same runs (ms):', (r) => r.ms!),
  );

  lines.push('', '## Targets', '', 'Read off median CPU times, the stricter reading: CPU time counts the threads V8 compiles and collects garbage on, which run beside the main thread and so hardly show in wall time on 2 cores. Wall-time ratios and the best-round ratio (fastest run over fastest floor run) are listed beside them.', '', '| target | measured | met |', '| --- | --- | --- |');
  for (const [label, mode, floorMode] of PAIRS) {
    const m = find(mode, largest);
    const f = find(floorMode, largest);
    if (m !== undefined && f !== undefined) {
      const ratio = m.cpuMs / f.cpuMs;
      lines.push(`| ${label}: ratio to floor at ${fmt(largest)} services at most ${TARGETS.ratio} | ${fmt(ratio, 2)} (wall time ${fmt(m.ms / f.ms, 2)}; best rounds ${fmt(bestRoundRatio(m, f), 2)}) | ${ratio <= TARGETS.ratio ? 'yes' : 'no'} |`);
    }
    const growth = (of: Mode, from: number) => {
      const a = find(of, from);
      const b = find(of, largest);
      return a === undefined || b === undefined || from === largest ? undefined : (b.cpuMs / largest) / (a.cpuMs / from);
    };
    const grown = growth(mode, smallest);
    if (grown !== undefined) {
      // At the smallest size, warming up the JIT weighs on each service; the next size up shows the trend without it.
      const middle = sizes.filter((n) => n !== smallest && n !== largest)[0];
      const floorGrown = growth(floorMode, smallest) ?? NaN;
      const context = [
        `floor ${fmt(floorGrown, 2)}x, so ${fmt(grown / floorGrown, 2)}x the floor's growth`,
        ...(middle === undefined ? [] : [`from ${fmt(middle)}: ${fmt(growth(mode, middle) ?? NaN, 2)}x, floor ${fmt(growth(floorMode, middle) ?? NaN, 2)}x`]),
      ];
      lines.push(`| ${label}: time per service from ${fmt(smallest)} to ${fmt(largest)} services grows at most ${TARGETS.perServiceGrowth}x | ${fmt(grown, 2)}x (${context.join('; ')}) | ${grown <= TARGETS.perServiceGrowth ? 'yes' : 'no'} |`);
    }
  }
  for (const [label, mode, single] of FLEET_PAIRS) {
    const fleet = find(mode, largest);
    const one = find(single, largest);
    if (fleet === undefined || one === undefined) continue;
    const ratio = fleet.cpuMs / one.cpuMs;
    lines.push(`| ${label}: a fleet of ${FLEET_CLUSTERS} clusters x ${fmt(largest / FLEET_CLUSTERS)} services at most ${FLEET_TARGET}x ${fmt(largest)} services in one cluster | ${fmt(ratio, 2)} (wall time ${fmt(fleet.ms / one.ms, 2)}; best runs ${fmt(bestRoundRatio(fleet, one), 2)}) | ${ratio <= FLEET_TARGET ? 'yes' : 'no'} |`);
  }
  const validation = report.validation;
  if (validation !== undefined && validation.validated.length > 0) {
    const { ratio, wallRatio, roundRatios: ratios } = validationRatios(validation);
    lines.push(`| cdk8s synth with validation at ${fmt(largest)} services: at most ${TARGETS.validationRatio}x without | ${fmt(ratio, 2)} (wall time ${fmt(wallRatio, 2)}; rounds ${fmt(Math.min(...ratios), 2)} to ${fmt(Math.max(...ratios), 2)}) | ${ratio <= TARGETS.validationRatio ? 'yes' : 'no'} |`);
  }
  const explainRuns = report.explain ?? [];
  const synthesis = report.summaries.find((x) => x.mode === 'cdk8s' && x.size === largest);
  if (explainRuns.length > 0 && synthesis !== undefined) {
    const cpu = median(explainRuns.map((r) => r.cpuMs!)) / synthesis.cpuMs;
    const memory = median(explainRuns.map((r) => r.peakRssMiB!)) / synthesis.peakRssMiB;
    lines.push(`| meshlight explain (summary) at ${fmt(largest)} services: at most ${TARGETS.explainTime}x the CPU time of synthesising the mesh | ${fmt(cpu, 2)}x (${fmt(median(explainRuns.map((r) => r.cpuMs!)))} ms against ${fmt(synthesis.cpuMs)} ms; wall ${fmt(median(explainRuns.map((r) => r.ms!)))} ms; ${explainRuns[0].lines} lines of output) | ${cpu <= TARGETS.explainTime ? 'yes' : 'no'} |`);
    lines.push(`| meshlight explain (summary) at ${fmt(largest)} services: peak memory at most ${TARGETS.explainMemory}x synthesis's | ${fmt(memory, 2)}x (${fmt(median(explainRuns.map((r) => r.peakRssMiB!)))} MiB against ${fmt(synthesis.peakRssMiB)} MiB) | ${memory <= TARGETS.explainMemory ? 'yes' : 'no'} |`);
  }
  const scopeOk = report.scopes.every((s) => s.overBound === 0 && s.unscoped === 0);
  lines.push(`| visible services per proxy bounded by its declared dependencies plus the control plane | ${report.scopes.map((s) => `${s.overBound} of ${fmt(s.proxies)} proxies over`).join(', ')} | ${scopeOk ? 'yes' : 'no'} |`);
  lines.push(`| identical output: meshlight vs floor, cdk8s vs Pulumi | ${report.mismatches.length === 0 ? 'same digests everywhere' : report.mismatches.join('; ')} | ${report.mismatches.length === 0 ? 'yes' : 'no'} |`);

  lines.push(
    ...fleetSection(report, find),
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
  if (validation !== undefined && validation.validated.length > 0) {
    const cpu = (mode: ValidationMode) => median(validation[mode].map((r) => r.cpuMs));
    const wall = (mode: ValidationMode) => median(validation[mode].map((r) => r.ms));
    const { ratio, wallRatio, roundRatios: ratios } = validationRatios(validation);
    lines.push(
      '',
      `## Validation at ${fmt(largest)} services`,
      '',
      `\`cdk8s synth\` of the cdk8s mesh with the Istio validation plugin (\`cdk8s.yaml\`'s) against without it, as \`bench/validation.ts\` measures it: each run a fresh process, timed from declaring the mesh to the YAML written (\`app.synth()\`) and, with validation, construct metadata recorded and the compiled plugin run on the YAML through cdk8s-cli's own ValidationContext, report rendered. ${fmt(validation.validated[0].objects)} Istio objects checked; CRDs: ${crdsUsed()}. A round runs without, then with. The plugin keeps the CRD schemas it compiles in node_modules/.cache/meshlight, as every \`cdk8s synth\` does: only a run with none kept (at most the first) compiles them.`,
      '',
      '| synth CPU | with validation CPU | ratio | per-round ratios | synth wall | with validation wall | wall ratio | runs |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${fmt(cpu('synth'))} ms | ${fmt(cpu('validated'))} ms | ${fmt(ratio, 2)} | ${fmt(Math.min(...ratios), 2)} to ${fmt(Math.max(...ratios), 2)} | ${fmt(wall('synth'))} ms | ${fmt(wall('validated'))} ms | ${fmt(wallRatio, 2)} | ${validation.validated.length} |`,
      '',
      `CPU time of every run, in the order they ran (ms): synth ${validation.synth.map((r) => fmt(r.cpuMs)).join(', ')}; with validation ${validation.validated.map((r) => fmt(r.cpuMs)).join(', ')}.`,
    );
  }
  if (report.hotSpots.length > 0) {
    lines.push('', `## Where the cdk8s time goes at ${fmt(largest)} services`, '', 'Total time of the heaviest functions in one profiled run (`node --cpu-prof`, which samples the main thread every millisecond or so; one run, so as noisy as any single wall-time run), nested ones included. cdk8s validates the whole app twice per synthesis, once in `app.synthYaml()` and once more in `chart.toJson()`, so every validation counts twice:', '', '```text', ...report.hotSpots, '```');
  } else if (report.profileSkipped) {
    lines.push('', `## Where the cdk8s time goes at ${fmt(largest)} services`, '', 'Not profiled this time: the time budget ran out first.');
  }
  return `${lines.join('\n')}\n`;
}

/** The fleet's runs against one cluster's at the largest size. */
function fleetSection(report: Report, find: (mode: Mode, size: number) => Summary | undefined): string[] {
  const largest = Math.max(...report.options.sizes);
  const rows = FLEET_PAIRS.flatMap(([label, mode, single]) => {
    const fleet = find(mode, largest);
    const one = find(single, largest);
    if (fleet === undefined || one === undefined) return [];
    const runs = fleet.runs.map((r) => fmt(r.cpuMs!)).join(', ');
    return [`| ${label} | ${fmt(fleet.cpuMs)} ms | ${fmt(one.cpuMs)} ms | ${fmt(fleet.cpuMs / one.cpuMs, 2)} | ${fmt(fleet.ms)} ms | ${fmt(one.ms)} ms | ${fmt(fleet.peakRssMiB)} MiB | ${fmt(one.peakRssMiB)} MiB | ${runs} |`];
  });
  if (rows.length === 0) return [];
  return [
    '',
    `## A fleet: ${FLEET_CLUSTERS} clusters x ${fmt(largest / FLEET_CLUSTERS)} services against ${fmt(largest)} services in one cluster`,
    '',
    `The same mesh of ${fmt(largest / FLEET_CLUSTERS)} services declared in each of ${FLEET_CLUSTERS} clusters, so as many objects as ${fmt(largest)} services in one: through cdk8s, a \`Fleet\`'s \`forEachCluster\` and \`fleet.synthYaml()\` (each cluster its own App and whole-app check); through Pulumi, a \`Fleet\` with a Kubernetes provider per cluster, each cluster's components given its resource options. One cluster is the synthesis measured above.`,
    '',
    '| path | fleet CPU | one cluster CPU | ratio | fleet wall | one cluster wall | peak RSS fleet | peak RSS one cluster | fleet CPU of every run (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ];
}

/** Median CPU time with validation over without, the same of wall time, and each round's CPU ratio. */
function validationRatios(runs: Readonly<Record<ValidationMode, readonly ValidationRun[]>>): { ratio: number; wallRatio: number; roundRatios: number[] } {
  const cpu = (mode: ValidationMode) => median(runs[mode].map((r) => r.cpuMs));
  const wall = (mode: ValidationMode) => median(runs[mode].map((r) => r.ms));
  return {
    ratio: cpu('validated') / cpu('synth'),
    wallRatio: wall('validated') / wall('synth'),
    roundRatios: runs.validated.map((r, i) => r.cpuMs / runs.synth[i].cpuMs),
  };
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
  ['validate', 'lib/cdk8s/api-objects.js', '    meshlight whole-app check'],
  ['validate', 'lib/cdk8s/zero-trust-namespace.js', '    rendering the namespaces\' objects, once'],
  ['toJson', 'cdk8s/lib/chart.js', '  chart.toJson(): validating again, writing every object out'],
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

/** Where the rounds of one size stand. */
interface SizeState {
  readonly size: number;
  readonly prepared: string;
  /** Digest of the objects cdk8s emitted when the mesh was prepared; every Pulumi run must register the same. */
  readonly preparedDigest: string;
  readonly results: Map<Mode, WorkerResult[]>;
  readonly rounds: Map<Group, number>;
  /** Seconds the last round of each group took, worker start-up included. */
  readonly roundSeconds: Map<Group, number>;
}

async function main(): Promise<void> {
  const started = Date.now();
  const load0 = os.loadavg()[0];
  const options = parseOptions(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-bench-'));
  const elapsed = () => (Date.now() - started) / 1000;
  const log = (message: string) => process.stdout.write(`[${fmt(elapsed())} s] ${message}\n`);
  try {
    const worker = compileForWorkers(path.join(work, 'js'));
    const scopes: ScopeSummary[] = [];
    const states: SizeState[] = [];
    let objectsPerService = 0;

    /** One round of `group` at a size: each of its modes once, meshlight and floor in alternating order. */
    const round = async (state: SizeState, group: Group): Promise<void> => {
      const n = state.rounds.get(group) ?? 0;
      const modes = n % 2 === 0 ? GROUP_MODES[group] : [...GROUP_MODES[group]].reverse();
      const roundStarted = Date.now();
      const done: [Mode, WorkerResult][] = [];
      for (const mode of modes) {
        const result = await runWorker(worker, [mode, String(state.size), state.prepared], flagsOf(mode));
        done.push([mode, result]);
        log(`${state.size} services, ${mode} #${n + 1}: CPU ${fmt(result.cpuMs!)} ms, wall ${fmt(result.ms!)} ms, peak ${fmt(result.peakRssMiB!)} MiB`);
      }
      // Stored in the modes' own order, so that run i of meshlight and run i of its floor are the same round.
      for (const [mode, result] of done) state.results.set(mode, [...(state.results.get(mode) ?? []), result]);
      state.rounds.set(group, n + 1);
      state.roundSeconds.set(group, (Date.now() - roundStarted) / 1000);
    };

    // Every size's required rounds first.
    for (const size of options.sizes) {
      const prepared = path.join(work, `mesh-${size}.json`);
      const mesh = await runWorker(worker, ['prepare', String(size), prepared]);
      scopes.push(proxyScopeOf(mesh));
      objectsPerService = mesh.objects! / size;
      log(`${size} services: ${fmt(mesh.objects!)} objects`);
      const state: SizeState = { size, prepared, preparedDigest: mesh.digest, results: new Map(), rounds: new Map(), roundSeconds: new Map() };
      states.push(state);
      const rounds = Math.max(...options.groups.map((g) => planOf(options, size, g).min));
      for (let r = 0; r < rounds; r++) {
        for (const group of options.groups.filter((g) => planOf(options, size, g).min > r)) await round(state, group);
      }
    }

    const largest = Math.max(...options.sizes);
    const smallest = Math.min(...options.sizes);
    const stateOf = (size: number) => states.find((s) => s.size === size)!;

    // The validation benchmark's required rounds, at the largest size.
    const validation: Record<ValidationMode, ValidationRun[]> = { synth: [], validated: [] };
    let validationRoundSeconds = 0;
    const validationRound = async (): Promise<void> => {
      const roundStarted = Date.now();
      for (const mode of ['synth', 'validated'] as const) {
        const result = await runValidationWorker(mode, largest);
        validation[mode].push(result);
        log(`${largest} services, validation benchmark ${mode} #${validation[mode].length}: CPU ${fmt(result.cpuMs)} ms, wall ${fmt(result.ms)} ms`);
      }
      validationRoundSeconds = (Date.now() - roundStarted) / 1000;
    };
    if (options.validation) {
      buildValidationPlugin();
      for (let r = 0; r < (options.runs ?? VALIDATION_ROUNDS.min); r++) await validationRound();
    }

    // `meshlight explain` of the largest mesh, as the CLI reads the YAML that synthesis writes.
    const explain: WorkerResult[] = [];
    for (let r = 0; options.explain && r < EXPLAIN_RUNS; r++) {
      const result = await runWorker(worker, ['explain', String(largest), stateOf(largest).prepared]);
      explain.push(result);
      log(`${largest} services, meshlight explain #${r + 1}: CPU ${fmt(result.cpuMs!)} ms, wall ${fmt(result.ms!)} ms, peak ${fmt(result.peakRssMiB!)} MiB, ${result.lines} lines`);
    }

    // Then extra rounds where the targets are read, while they fit in the budget with the profile after: first at the
    // largest size, whose ratio to the floor is the closest call and the noisiest reading (then the validation
    // benchmark's), then the others taking turns.
    const profileSeconds = options.profile ? 1.5 * (stateOf(largest).results.get('cdk8s')![0].ms! / 1000) + 15 : 0;
    const extraRounds = async (extras: readonly [SizeState, Group][]): Promise<void> => {
      let open = extras.filter(([s, g]) => options.groups.includes(g) && (s.rounds.get(g) ?? 0) < planOf(options, s.size, g).max);
      while (open.length > 0) {
        for (const [state, group] of open) {
          // A round takes about as long as the last one did; the margin covers a slower spell of the machine.
          if (elapsed() + 1.5 * (state.roundSeconds.get(group) ?? 0) + profileSeconds <= options.budgetSeconds) await round(state, group);
          else state.rounds.set(group, Number.POSITIVE_INFINITY);
        }
        open = open.filter(([s, g]) => (s.rounds.get(g) ?? 0) < planOf(options, s.size, g).max);
      }
    };
    await extraRounds([[stateOf(largest), 'cdk8s']]);
    const validationMax = options.runs ?? VALIDATION_ROUNDS.max;
    while (options.validation && validation.validated.length < validationMax && elapsed() + 1.5 * validationRoundSeconds + profileSeconds <= options.budgetSeconds) {
      await validationRound();
    }
    await extraRounds([
      [stateOf(largest), 'cdk8s-fleet'], [stateOf(smallest), 'cdk8s'], [stateOf(smallest), 'pulumi'],
      ...states.filter((s) => s.size !== largest && s.size !== smallest).map((s): [SizeState, Group] => [s, 'cdk8s']),
    ]);

    const summaries: Summary[] = [];
    const mismatches: string[] = [];
    for (const { size, results, preparedDigest } of states) {
      for (const [mode, runs] of results) summaries.push(summarise(mode, size, runs));
      const yamlDigests = new Set(CDK8S_MODES.flatMap((m) => (results.get(m) ?? []).map((r) => r.digest)));
      if (yamlDigests.size > 1) mismatches.push(`${size} services: cdk8s YAML differs from the floor's`);
      const objectDigests = new Set(PULUMI_MODES.flatMap((m) => (results.get(m) ?? []).map((r) => r.digest)));
      if (new Set([preparedDigest, ...objectDigests]).size !== 1) mismatches.push(`${size} services: Pulumi objects differ from cdk8s's`);
    }
    const profileFits = elapsed() + profileSeconds <= options.budgetSeconds + 30;
    const spots = options.profile && profileFits ? await profileCdk8s(worker, largest, path.join(work, `mesh-${largest}.json`), fs.mkdtempSync(path.join(work, 'profile-'))) : [];
    const report: Report = {
      options, summaries, scopes, mismatches, hotSpots: spots, profileSkipped: options.profile && !profileFits,
      objectsPerService, seconds: elapsed(), load: [load0, os.loadavg()[0]],
      validation: options.validation ? validation : undefined,
      explain: options.explain ? explain : undefined,
    };
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
