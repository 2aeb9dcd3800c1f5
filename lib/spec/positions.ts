// Where a problem's field is in a YAML document: `versions[0].weight` to the line and column of that value.
import { isMap, isScalar, isSeq, LineCounter, Node } from 'yaml';

/**
 * The steps of a field as core names it (`rules[0].anyOf[1].query.debug`, `a["b.c"]`), as far as they can be read:
 * `versions[0,1].weight` (a problem of two versions) gives `versions`.
 */
function stepsOf(field: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < field.length && (match = pattern.exec(field)) !== null) {
    if (match[1] !== undefined) steps.push(Number(match[1]));
    else if (match[2] !== undefined) steps.push(JSON.parse(match[2]) as string);
    else steps.push(match[3]);
  }
  return steps;
}

/**
 * The node `field` names under `root`, or the deepest node on its way that exists (`root` at least). Keys with dots
 * (hosts, header names) are matched whole when a key of the map spells several steps.
 */
export function nodeAtField(root: Node, field: string): Node {
  return walk(root, field).node;
}

/**
 * How far `field` goes under `root`: the deepest node on its way that exists, and how many steps of the field lead
 * there (0 for `root`).
 */
export function walk(root: Node, field: string): { readonly node: Node; readonly depth: number } {
  const steps = stepsOf(field);
  let node: Node = root;
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      node = node.items[step] as Node;
      i += 1;
      continue;
    }
    if (!isMap(node)) break;
    // The longest run of steps that spells a key: `excludedPaths.httpbin.example.com` is the key `httpbin.example.com`.
    let found: { value: Node; length: number } | undefined;
    for (let n = steps.length - i; n >= 1 && found === undefined; n--) {
      const key = steps.slice(i, i + n).join('.');
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key || isScalar(p.key) && p.key.source === key);
      if (pair !== undefined) found = { value: (pair.value ?? pair.key) as Node, length: n };
    }
    if (found === undefined) break;
    node = found.value;
    i += found.length;
  }
  return { node, depth: i };
}

/** The 1-based line and column where `node` starts. */
export function positionOf(node: Node, lines: LineCounter): { readonly line: number; readonly col: number } {
  return lines.linePos(node.range?.[0] ?? 0);
}
