import * as pulumi from '@pulumi/pulumi';
import { Manifest, MeshlightValidationError, Problem } from '../core/internal';

/**
 * Pulumi Inputs in props, where a value carries no mesh meaning (an image, an environment value). Core validates and
 * renders plain data, so each such Input stands in as a unique placeholder of the right kind while core works, and is
 * put back into the rendered manifests before they are registered: Pulumi resolves Inputs nested in resource args.
 * Everything that decides routing, access or names must be known when the program runs, and is checked plainly.
 */
export class InputSlots {
  private readonly byPlaceholder = new Map<string, pulumi.Input<string>>();

  /**
   * `value` as core may see it: itself when plain, else a placeholder that `restore` turns back into the Input. A
   * placeholder is valid where it stands: an image reference, a name (`text`), or a quantity, tiny for a request
   * and huge for a limit so that core's "request at most its limit" check holds whatever the Input turns out to be.
   */
  public hold(value: unknown, kind: InputKind): unknown {
    if (!isInput(value)) return value;
    const n = this.byPlaceholder.size;
    const placeholder = kind === 'image' ? `meshlight-input-${n}.invalid/pending:input`
      : kind === 'request' ? `${n + 1}e-30` : kind === 'limit' ? `${n + 1}e30` : `meshlight-input-${n}`;
    this.byPlaceholder.set(placeholder, value as pulumi.Input<string>);
    return placeholder;
  }

  /**
   * `props` with every Input that `kindOf` gives a kind for (by its field, as problems name it) held as a
   * placeholder; plain objects and arrays are copied, anything else is kept as it is.
   */
  public holdAll<T>(props: T, kindOf: (field: string) => InputKind | undefined): T {
    const walk = (value: unknown, field: string): unknown => {
      if (isInput(value)) {
        const kind = kindOf(field);
        return kind === undefined ? value : this.hold(value, kind);
      }
      if (Array.isArray(value)) return value.map((v, i) => walk(v, `${field}[${i}]`));
      if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, field === '' ? k : `${field}.${k}`)]));
      }
      return value;
    };
    return walk(props, '') as T;
  }

  /** The manifests with every placeholder replaced by the Input it stands for. */
  public restore(manifests: readonly Manifest[]): Manifest[] {
    if (this.byPlaceholder.size === 0) return [...manifests];
    const put = (value: unknown): unknown => {
      if (typeof value === 'string') return this.byPlaceholder.get(value) ?? value;
      if (Array.isArray(value)) return value.map(put);
      if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, put(v)]));
      return value;
    };
    return manifests.map((m) => put(m) as Manifest);
  }
}

/** What an Input stands for, so that its placeholder passes core's checks: see InputSlots.hold. */
export type InputKind = 'image' | 'text' | 'request' | 'limit';

/** An Output or a Promise: a value the program does not know yet. */
function isInput(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || (typeof value === 'object' && value !== null && typeof (value as Promise<unknown>).then === 'function');
}

/**
 * Refuses an Output or Promise anywhere in `props` but where `allowed` says Inputs may be, naming the field, before
 * core would quote the Output (which Pulumi answers with a warning, not a value).
 */
export function assertPlain(path: string, props: unknown, allowed: (field: string) => boolean): void {
  const problems: Problem[] = [];
  const visit = (value: unknown, field: string): void => {
    if (isInput(value)) {
      if (!allowed(field)) {
        problems.push({
          path, field, value: '(a Pulumi Output)',
          problem: 'is not known until the stack deploys, but it decides routing, access or object names, which meshlight checks when the program runs',
          fix: 'pass a plain value here; Inputs are taken where a value carries no mesh meaning (images, environment values, names of Secrets, ConfigMaps and volume claims, resource quantities)',
        });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${field}[${i}]`));
    else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [k, v] of Object.entries(value)) visit(v, field === '' ? k : `${field}.${k}`);
    }
  };
  visit(props, '');
  if (problems.length > 0) throw new MeshlightValidationError(problems);
}
