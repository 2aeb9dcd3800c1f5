import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';

/** A CRD version's schema as the walk over objects reads it, and the ajv validator compiled from it. */
export interface CachedSchema {
  /** The version's openAPIV3Schema, as the CRD file has it. */
  readonly schema: Record<string, any>;
  /** The source of ajv's standalone validator of that schema (a CommonJS module exporting the function). */
  readonly validatorCode: string;
  /** Whether the schema gives any field a default (Gateway API's do, Istio's not): found once, when compiled. */
  readonly defaults: boolean;
}

/**
 * What `cdk8s synth` would otherwise redo on every run: which kinds the CRD files define, and each kind's schema
 * compiled by ajv (a few hundred milliseconds for Istio's). Kept in a folder named by a hash of every CRD file, in
 * order, and of all that compiling depends on (meshlight's validator, ajv, ajv-formats, Node), so that a change to any
 * of them starts afresh. Anything that cannot be read or written is left to be compiled again: the cache only ever
 * saves time.
 */
export class CompiledSchemaCache {
  /**
   * The cache of the CRD files whose bytes are `crds`, in a folder under `dir`; undefined without a folder (`false`) or
   * where what compiling depends on (`compiler`: the compiling code, as text) cannot be read.
   */
  public static of(crds: readonly Buffer[], compiler: () => string, dir: string | false = defaultCacheDir()): CompiledSchemaCache | undefined {
    if (dir === false) return undefined;
    try {
      const hash = createHash('sha256');
      for (const part of [compiler(), ...DEPENDENCIES.map(versionOf), process.versions.node]) hash.update(part).update('\0');
      // Each file's length before its bytes, so that no two lists of files hash alike.
      for (const crd of crds) hash.update(`${crd.length}\0`).update(crd);
      return new CompiledSchemaCache(path.join(dir, `crd-schemas-${hash.digest('hex').slice(0, 32)}`));
    } catch {
      return undefined;
    }
  }

  private constructor(private readonly folder: string) {}

  /** The `apiVersion|kind` keys the CRD files serve, each with the index of the file it is read from, as saveKinds saved them. */
  public kinds(): Record<string, number> | undefined {
    const kinds = this.read('kinds.json', (bytes) => JSON.parse(bytes.toString('utf8')));
    if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) return undefined;
    return Object.values(kinds).every((file) => Number.isInteger(file)) ? kinds : undefined;
  }

  public saveKinds(kinds: Readonly<Record<string, number>>): void {
    this.write('kinds.json', Buffer.from(JSON.stringify(kinds)));
  }

  /** The schema and validator saved for `key`, if any. */
  public schemaOf(key: string): CachedSchema | undefined {
    const cached = this.read(fileOf(key), (bytes) => v8.deserialize(bytes) as CachedSchema);
    return typeof cached?.validatorCode === 'string' && typeof cached.schema === 'object' && typeof cached.defaults === 'boolean' ? cached : undefined;
  }

  public saveSchema(key: string, cached: CachedSchema): void {
    this.write(fileOf(key), v8.serialize(cached));
  }

  private read<T>(file: string, parse: (bytes: Buffer) => T): T | undefined {
    try {
      return parse(fs.readFileSync(path.join(this.folder, file)));
    } catch {
      return undefined;
    }
  }

  /** Writes a whole file or none: another `cdk8s synth` may read the folder meanwhile. */
  private write(file: string, bytes: Buffer): void {
    const target = path.join(this.folder, file);
    const partial = `${target}.${process.pid}.partial`;
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, target);
    } catch {
      fs.rmSync(partial, { force: true });
    }
  }
}

/** The packages whose versions compiled validators depend on. */
const DEPENDENCIES = ['ajv', 'ajv-formats'];

function versionOf(pkg: string): string {
  return `${pkg}@${(JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}`;
}

/** The file of one `apiVersion|kind` key, e.g. `networking.istio.io_v1_VirtualService.bin`. */
function fileOf(key: string): string {
  return `${key.replace(/[^A-Za-z0-9.-]/g, '_')}.bin`;
}

/** node_modules/.cache/meshlight of the project `cdk8s synth` runs in, as other tools keep theirs; none outside one. */
function defaultCacheDir(): string | false {
  const modules = path.join(process.cwd(), 'node_modules');
  return fs.existsSync(modules) ? path.join(modules, '.cache', 'meshlight') : false;
}
