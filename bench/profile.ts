// Reads a V8 CPU profile (`node --cpu-prof`) and lists where the time went, by function.
import * as fs from 'fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time spent in one function, in milliseconds: in its own code (self), and with what it calls (total). */
export interface HotSpot {
  readonly fn: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

function nameOf(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(root, '');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}

/** Every function of the profile with its self and total time, most total time first. */
export function hotSpots(profileFile: string, root: string): HotSpot[] {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampled = new Map<number, number>();
  profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, micros] of sampled) {
    const fn = nameOf(byId.get(id)!, root);
    self.set(fn, (self.get(fn) ?? 0) + micros);
    // A recursive function counts once per sample in its total.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(byId.get(at)!, root);
      if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + micros);
      seen.add(name);
    }
  }
  return [...total.entries()]
    .map(([fn, micros]) => ({ fn, selfMs: (self.get(fn) ?? 0) / 1000, totalMs: micros / 1000 }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
