// One measurement in a process of its own, so that its peak memory is its own and no run warms up another:
//   node --expose-gc <compiled>/bench/worker.js <mode> <services> <prepared.json>
// Prints one JSON line (a WorkerResult) on stdout. Modules are loaded before the clock starts: what is timed is
// declaring and synthesising the mesh, not reading the library from disk.
import { createHash } from 'crypto';
import * as fs from 'fs';
import { canonicalDigest, Measurement, PreparedMesh, WorkerResult } from './measure';
import { childResourcesOf, declareCdk8sMesh, declaredDependencies, declarePulumiMesh, FLEET_CLUSTERS, fleetClusters, meshOf } from './mesh';
import { proxyViews } from './proxy-scope';

/** What a worker measures. */
export type Mode = 'prepare' | 'cdk8s' | 'cdk8s-floor' | 'yaml' | 'pulumi' | 'pulumi-floor' | 'explain' | 'cdk8s-fleet' | 'pulumi-fleet';

const MiB = 1024 * 1024;

/**
 * Times `work` (wall and CPU time) from a collected heap, and reads the process's peak RSS before anything else
 * allocates. `work` may call `declared()` once, when it has declared its objects, to split the time there.
 */
async function measure<T>(work: (declared: () => void) => T | Promise<T>): Promise<{ value: T; measurement: Measurement }> {
  (global as { gc?: () => void }).gc?.();
  const startRssMiB = process.memoryUsage().rss / MiB;
  const startCpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const since = () => {
    const cpu = process.cpuUsage(startCpu);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  let declaring: Measurement['declaring'];
  const value = await work(() => {
    declaring = since();
  });
  const { ms, cpuMs } = since();
  // maxRSS is in KiB.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return { value, measurement: { ms, cpuMs, peakRssMiB, startRssMiB, declaring } };
}

/** Installs Pulumi's mocks (before any resource exists) and returns the inputs of every Kubernetes resource. */
function recordPulumi(): Record<string, unknown>[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pulumi = require('@pulumi/pulumi') as typeof import('@pulumi/pulumi');
  const recorded: Record<string, unknown>[] = [];
  pulumi.runtime.setMocks({
    newResource(args) {
      if (args.type.startsWith('kubernetes:')) recorded.push(args.inputs);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      return args.inputs;
    },
  }, 'meshlight-bench', 'bench', false);
  return recorded;
}

/** Resolves once the engine has registered every resource. */
function registered(resources: readonly import('@pulumi/pulumi').Resource[]): Promise<number> {
  return Promise.all(resources.map((r) => new Promise<void>((resolve) => r.urn.apply(() => resolve())))).then(() => resources.length);
}

/**
 * The manifest as a raw `@pulumi/kubernetes` resource, as a program without meshlight would write it: built-in kinds
 * through their classes, the rest as CustomResources (the same classes meshlight uses, so the same resources).
 */
function rawPulumiResource(k8s: typeof import('@pulumi/kubernetes'), manifest: any): import('@pulumi/pulumi').Resource {
  const name = `${manifest.metadata.namespace ?? 'cluster'}-${manifest.kind.toLowerCase()}-${manifest.metadata.name}`;
  switch (`${manifest.apiVersion}|${manifest.kind}`) {
    case 'v1|Namespace': return new k8s.core.v1.Namespace(name, manifest);
    case 'v1|ServiceAccount': return new k8s.core.v1.ServiceAccount(name, manifest);
    case 'v1|Service': return new k8s.core.v1.Service(name, manifest);
    case 'apps/v1|Deployment': return new k8s.apps.v1.Deployment(name, manifest);
    case 'networking.k8s.io/v1|NetworkPolicy': return new k8s.networking.v1.NetworkPolicy(name, manifest);
    default: return new k8s.apiextensions.CustomResource(name, manifest);
  }
}

/** Where `prepare` writes the mesh as YAML, beside the prepared objects. */
function synthesisedYaml(preparedFile: string): string {
  return preparedFile.replace(/\.json$/, '.k8s.yaml');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function run(mode: Mode, size: number, preparedFile: string): Promise<WorkerResult> {
  const prepared = (): PreparedMesh => JSON.parse(fs.readFileSync(preparedFile, 'utf8'));
  const mesh = meshOf(size);
  switch (mode) {
    case 'prepare': {
      // Not timed: the objects the floors start from, and what each proxy sees.
      const { App, Chart, Yaml } = await import('cdk8s');
      const chart = new Chart(new App(), 'mesh');
      declareCdk8sMesh(chart, mesh);
      const manifests = chart.toJson();
      fs.writeFileSync(preparedFile, JSON.stringify({ manifests } satisfies PreparedMesh));
      // The mesh as `cdk8s synth` writes it, which `meshlight explain` reads.
      fs.writeFileSync(synthesisedYaml(preparedFile), Yaml.stringify(...manifests));
      return {
        mode, size, objects: manifests.length, digest: canonicalDigest(manifests),
        proxies: proxyViews(manifests), declared: [...declaredDependencies(mesh).entries()],
      };
    }
    case 'cdk8s': {
      const { App, Chart } = await import('cdk8s');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../lib/cdk8s');
      const { value, measurement } = await measure((declared) => {
        const app = new App();
        declareCdk8sMesh(new Chart(app, 'mesh'), mesh);
        declared();
        return app.synthYaml();
      });
      return { mode, size, ...measurement, digest: sha256(value) };
    }
    case 'cdk8s-fleet': {
      // The same number of services as a fleet: FLEET_CLUSTERS clusters, each the mesh of size / FLEET_CLUSTERS.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Fleet } = require('../lib/cdk8s') as typeof import('../lib/cdk8s');
      const perCluster = meshOf(size / FLEET_CLUSTERS);
      const { value, measurement } = await measure((declared) => {
        const fleet = new Fleet({ outdir: 'unused', clusters: fleetClusters() });
        fleet.forEachCluster((chart) => declareCdk8sMesh(chart, perCluster));
        declared();
        return Object.values(fleet.synthYaml()).join('---\n');
      });
      return { mode, size, ...measurement, objects: value.split('\nkind: ').length - 1, digest: sha256(value) };
    }
    case 'pulumi-fleet': {
      const recorded = recordPulumi();
      const k8s = await import('@pulumi/kubernetes');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Fleet } = require('../lib/pulumi') as typeof import('../lib/pulumi');
      const perCluster = meshOf(size / FLEET_CLUSTERS);
      const { value, measurement } = await measure(async () => {
        const clusters = fleetClusters();
        const providers = Object.fromEntries(clusters.map((c) => [c.name, new k8s.Provider(c.name, { context: c.name })]));
        const fleet = new Fleet({ clusters, providers });
        const declared: ReturnType<typeof declarePulumiMesh>[] = [];
        fleet.forEachCluster((cluster, opts) => declared.push(declarePulumiMesh(perCluster, { name: cluster.name, opts })));
        await Promise.all(declared.map((d) => d.ready));
        return registered(declared.flatMap((d) => childResourcesOf(d.components)));
      });
      return { mode, size, ...measurement, resources: value, objects: recorded.length, digest: canonicalDigest(recorded) };
    }
    case 'cdk8s-floor': {
      const { ApiObject, App, Chart } = await import('cdk8s');
      const { manifests } = prepared();
      const { value, measurement } = await measure((declared) => {
        const app = new App();
        const chart = new Chart(app, 'mesh');
        manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
        declared();
        return app.synthYaml();
      });
      return { mode, size, ...measurement, objects: manifests.length, digest: sha256(value) };
    }
    case 'yaml': {
      const { Yaml } = await import('cdk8s');
      const { manifests } = prepared();
      const { value, measurement } = await measure(() => Yaml.stringify(...manifests));
      return { mode, size, ...measurement, objects: manifests.length, digest: sha256(value) };
    }
    case 'pulumi': {
      const recorded = recordPulumi();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../lib/pulumi');
      const { value, measurement } = await measure(async () => {
        const { components, ready } = declarePulumiMesh(mesh);
        await ready;
        return registered(childResourcesOf(components));
      });
      return { mode, size, ...measurement, resources: value, digest: canonicalDigest(recorded) };
    }
    case 'pulumi-floor': {
      const recorded = recordPulumi();
      const k8s = await import('@pulumi/kubernetes');
      const { manifests } = prepared();
      const { value, measurement } = await measure(() => registered(manifests.map((m) => rawPulumiResource(k8s, m))));
      return { mode, size, ...measurement, resources: value, digest: canonicalDigest(recorded) };
    }
    case 'explain': {
      // `meshlight explain <file>` as the CLI runs it (reading and parsing the YAML included), default view.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { run: runCli } = require('../lib/cli/program') as typeof import('../lib/cli/program');
      const file = synthesisedYaml(preparedFile);
      const { value, measurement } = await measure(() => {
        let out = '';
        const code = runCli(['explain', file], { stdout: { write: (t: string) => { out += t; } }, stderr: { write: (t: string) => { out += t; } } });
        if (code !== 0) throw new Error(`meshlight explain exited ${code}: ${out}`);
        return out;
      });
      return { mode, size, ...measurement, digest: sha256(value), lines: value.split('\n').length - 1 };
    }
    default:
      throw new Error(`unknown mode ${String(mode)}`);
  }
}

const [mode, size, preparedFile] = process.argv.slice(2);
run(mode as Mode, Number(size), preparedFile).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
