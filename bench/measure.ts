// What the parent and its worker processes exchange, and how measurements are summarised.
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as path from 'path';
import type { ProxyView } from './proxy-scope';

/** Time and memory of one measured run. */
export interface Measurement {
  /** Wall time of the measured work, in milliseconds. */
  readonly ms: number;
  /**
   * CPU time of the measured work, in milliseconds: user plus system time of the whole process (`process.cpuUsage`),
   * so V8's background threads (concurrent marking, parallel scavenges, optimising compiler) count, while time spent
   * waiting for a core that other processes hold does not.
   */
  readonly cpuMs: number;
  /** Peak resident set size of the worker process (runtime and loaded modules included), in MiB. */
  readonly peakRssMiB: number;
  /** Resident set size just before the measured work started, in MiB. */
  readonly startRssMiB: number;
  /**
   * cdk8s runs: the part of `ms` and `cpuMs` spent declaring the objects (meshlight's constructors, or the floor's
   * `new ApiObject`s), before `app.synthYaml()`, which validates them, writes them out and serialises them.
   */
  readonly declaring?: { readonly ms: number; readonly cpuMs: number };
}

/** The one line a worker prints. */
export interface WorkerResult extends Partial<Measurement> {
  readonly mode: string;
  readonly size: number;
  /** Kubernetes objects emitted (cdk8s) or resources registered (Pulumi, components included). */
  readonly objects?: number;
  readonly resources?: number;
  /** `explain` only: lines of its output. */
  readonly lines?: number;
  /** SHA-256 of the YAML (cdk8s modes) or of the canonical objects (Pulumi modes, `prepare`). */
  readonly digest: string;
  /** `prepare` only: what each proxy sees, and what each service declared. */
  readonly proxies?: readonly ProxyView[];
  readonly declared?: readonly [string, { readonly callees: readonly string[]; readonly externalHosts: readonly string[] }][];
}

/** What the floors start from: the objects of the mesh as JSON, in output order. */
export interface PreparedMesh {
  readonly manifests: any[];
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]));
}

/**
 * SHA-256 of objects in a canonical form (keys sorted, objects ordered by identity), since Pulumi registers
 * resources concurrently: two sets of objects are the same exactly when their digests are.
 */
export function canonicalDigest(objects: readonly any[]): string {
  const identity = (o: any) => `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${o.metadata?.name}`;
  const lines = objects.map((o) => [identity(o), JSON.stringify(sortKeysDeep(o))] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const hash = createHash('sha256');
  for (const [, json] of lines) hash.update(json).update('\n');
  return hash.digest('hex');
}

/** Node's flags for every worker: the same heap for all, and `gc()` so each measurement starts from a collected heap. */
export const WORKER_NODE_FLAGS = ['--expose-gc', '--max-old-space-size=8192'];

/**
 * Runs the compiled worker in a process of its own with Node's `flags` and returns its result; `profileDir` turns on
 * V8's CPU profiler. Packages resolve from the repository's node_modules although the compiled files live elsewhere.
 */
export function runWorker(worker: string, args: readonly string[], flags: readonly string[] = [], profileDir?: string): Promise<WorkerResult> {
  const root = path.join(__dirname, '..');
  const node = [
    ...WORKER_NODE_FLAGS, ...flags,
    ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${args.slice(0, 2).join('-')}.cpuprofile`]),
    worker, ...args,
  ];
  const env = { ...process.env, NODE_PATH: path.join(root, 'node_modules') };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, node, { cwd: root, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`worker ${args.join(' ')} failed: ${stderr || error.message}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
