import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../lib/cli';

// docs/explain.md shows output captured from real runs, each block under a comment naming its command. This test
// re-runs every such command and requires each line of the block (for mermaid: the whole block) in its output, so
// the documentation cannot drift from what the CLI prints.
const ROOT = path.join(__dirname, '..', '..');
const doc = fs.readFileSync(path.join(ROOT, 'docs', 'explain.md'), 'utf8');
const examples = [...doc.matchAll(/<!-- meshlight (.+?) -->\n```(text|mermaid)\n([\s\S]*?)\n```/g)].map((m) => ({
  argv: m[1].split(' ').map((a) => (a.startsWith('test/') ? path.join(ROOT, a) : a)),
  kind: m[2],
  block: m[3],
}));

function output(argv: string[]): string {
  let stdout = '';
  const code = run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined } });
  expect(code).toBe(0);
  return stdout;
}

describe('docs/explain.md', () => {
  test('shows explain, check and mermaid output', () => {
    expect(examples.map((e) => `${e.argv[0]} ${e.kind}`)).toEqual(expect.arrayContaining(['explain text', 'explain mermaid', 'check text']));
  });

  test.each(examples.map((e, i) => [i + 1, e.argv.slice(0, 2).map((a) => path.basename(a)).join(' '), e] as const))('example %i (%s) is what the CLI prints', (_, __, example) => {
    const stdout = output(example.argv);
    if (example.kind === 'mermaid') {
      expect(stdout).toContain(`\`\`\`mermaid\n${example.block}\n\`\`\``);
    } else {
      const lines = new Set(stdout.split('\n'));
      expect(example.block.split('\n').filter((line) => !lines.has(line))).toEqual([]);
    }
  });
});
