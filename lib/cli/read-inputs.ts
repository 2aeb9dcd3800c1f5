import * as fs from 'fs';
import * as path from 'path';
import { compareText } from '../core/internal';
import { ExplainInputError, holdsManifests, parseManifests, SourcedManifest } from '../explain';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The path that stands for standard input, as in `cdk8s synth --stdout | meshlight explain -`. */
export const STDIN_PATH = '-';

/** How messages name standard input. */
export const STDIN_NAME = '<stdin>';

/**
 * Reads all of the process's standard input. Reads the file descriptor directly, so that the CLI stays synchronous;
 * a pipe left non-blocking by the parent answers EAGAIN until data comes, so that is waited out.
 */
export function readStandardInput(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let count: number;
    try {
      count = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') {
        break;
      }
      throw e;
    }
    if (count === 0) {
      break;
    }
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function filesUnder(dir: string, recursive: boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => compareText(a.name, b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Like kubectl apply -f: subdirectories only with --recursive, and never hidden ones or node_modules.
        return recursive && !entry.name.startsWith('.') && entry.name !== 'node_modules' ? filesUnder(full, true) : [];
      }
      return MANIFEST_FILE.test(entry.name) ? [full] : [];
    });
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** The objects read, and the files of directories that were skipped because they hold no Kubernetes object. */
export interface ReadResult {
  readonly manifests: readonly SourcedManifest[];
  readonly skipped: readonly string[];
}

/**
 * Reads every object of `paths`: YAML or JSON files, directories, whose `.yaml`, `.yml` and `.json` files are read
 * in name order (with `recursive`, those of subdirectories too), and `-`, standard input (read by `readStdin`, named
 * `<stdin>` in messages). A file found in a directory that holds no Kubernetes object at all (such as cdk8s's
 * `construct-metadata.json`) is skipped; a file named explicitly, or standard input, is not.
 * Throws ExplainInputError naming each unreadable path, each invalid document, and an input without any object.
 */
export function readManifests(paths: readonly string[], recursive = false, readStdin: () => string = readStandardInput): ReadResult {
  const problems: string[] = [];
  const manifests: SourcedManifest[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    if (p === STDIN_PATH) {
      try {
        manifests.push(...parseManifests(readStdin(), STDIN_NAME));
      } catch (e) {
        problems.push(...(e instanceof ExplainInputError ? e.problems : [`cannot read ${STDIN_NAME}: ${reason(e)}. Fix: pipe the YAML in, e.g. cdk8s synth --stdout | meshlight explain -`]));
      }
      continue;
    }
    let files: string[];
    let inDirectory: boolean;
    try {
      inDirectory = fs.statSync(p).isDirectory();
      files = inDirectory ? filesUnder(p, recursive) : [p];
    } catch (e) {
      problems.push(`cannot read ${p}: ${reason(e)}. Fix: pass existing YAML files or directories`);
      continue;
    }
    if (files.length === 0) {
      problems.push(`${p}: no .yaml, .yml or .json file in this directory${recursive ? ' or below it' : ''}. Fix: pass the directory that holds the manifests${recursive ? '' : ', or add --recursive'}`);
    }
    for (const file of files) {
      try {
        const text = fs.readFileSync(file, 'utf8');
        // Parsed once: only a file of a directory that yields no object, or fails, is looked at again, to skip it
        // when it holds no Kubernetes object at all.
        let read: SourcedManifest[];
        try {
          read = parseManifests(text, file);
        } catch (e) {
          if (inDirectory && !holdsManifests(text)) read = [];
          else throw e;
        }
        if (inDirectory && read.length === 0) {
          skipped.push(file);
          continue;
        }
        manifests.push(...read);
      } catch (e) {
        if (e instanceof ExplainInputError) {
          problems.push(...e.problems);
        } else {
          problems.push(`cannot read ${file}: ${reason(e)}. Fix: pass a readable YAML file`);
        }
      }
    }
  }
  if (problems.length === 0 && manifests.length === 0) {
    problems.push(`no Kubernetes object in ${paths.map((p) => (p === STDIN_PATH ? STDIN_NAME : p)).join(', ')}. Fix: pass the YAML that kubectl apply would take, e.g. the output of npm run synth`);
  }
  if (problems.length > 0) {
    throw new ExplainInputError(problems);
  }
  return { manifests, skipped };
}
