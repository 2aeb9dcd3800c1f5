import { spawnSync } from 'child_process';
import * as path from 'path';
import { run } from '../../lib/cli';

/** What one run of the CLI gave. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The repository's root, where meshlight's package.json is. */
export const ROOT = path.join(__dirname, '..', '..');

/** Runs the CLI in-process on `argv`, with `stdin` as its standard input; returns its exit code and what it wrote. */
export function cli(argv: readonly string[], stdin?: string): CliRun {
  let stdout = '';
  let stderr = '';
  const code = run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: () => {
      if (stdin === undefined) {
        throw new Error('the test gave no standard input');
      }
      return stdin;
    },
  });
  return { code, stdout, stderr };
}

/**
 * Runs the `meshlight` executable (lib/cli/main.ts through ts-node, as `npx ts-node lib/cli/main.ts` does) in a
 * child process, with `stdin` piped to it; for what only a real process shows: its exit code and its standard input.
 */
export function spawnCli(argv: readonly string[], stdin = ''): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register', path.join(ROOT, 'lib', 'cli', 'main.ts'), ...argv], {
    cwd: ROOT, env, input: stdin, encoding: 'utf8', timeout: 60_000,
  });
  if (child.error !== undefined) {
    throw child.error;
  }
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}
