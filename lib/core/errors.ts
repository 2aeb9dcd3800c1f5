/** Where a construct's errors are reported from, and the name it takes when its props give none. */
export interface RenderContext {
  /** Construct path (cdk8s) or resource name (Pulumi), named in every error. */
  readonly path: string;
  /** Name used when props give none: the construct id or resource name. */
  readonly defaultName: string;
}

/**
 * One thing wrong with a construct's props: where, which field, the bad value and how to fix it.
 */
export interface Problem {
  /** The construct path (cdk8s) or resource name (Pulumi) of the object whose props are wrong. */
  readonly path: string;
  /** The field inside the props, e.g. `versions[1].weight`. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** What is wrong with it, as a sentence fragment. */
  readonly problem: string;
  /** What to write instead. */
  readonly fix: string;
}

/** Renders a value for an error message: strings quoted, objects as compact JSON. */
export function quote(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
}

/** Formats one problem as a single line: `path: field = value: problem. Fix: fix`. */
export function formatProblem(p: Problem): string {
  return `${p.path}: ${p.field} = ${quote(p.value)}: ${p.problem}. Fix: ${p.fix}`;
}

/**
 * Thrown when props are invalid. Carries every problem found, so one run reports all of them, and is thrown before
 * any manifest is produced, so nothing half-made is ever written.
 */
export class MeshlightValidationError extends Error {
  /** Every problem found, in the order of the props. */
  public readonly problems: readonly Problem[];

  /** `scope` follows the count in the message: where the problems were found, e.g. ` across the app`. */
  public constructor(problems: readonly Problem[], scope = '') {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`meshlight found ${count}${scope}:\n${lines.join('\n')}`);
    this.name = 'MeshlightValidationError';
    this.problems = problems;
  }
}

/**
 * Thrown when objects of the app conflict with each other (two VirtualServices for one host, a selector that matches
 * no workload, ...): the problems no construct can see in its own props. Each names the construct that emitted the
 * object at fault, and the object in its field. Like every MeshlightValidationError, thrown before anything is written.
 */
export class MeshlightAppError extends MeshlightValidationError {
  public constructor(problems: readonly Problem[]) {
    super(problems, ' across the app');
    this.name = 'MeshlightAppError';
  }
}

/**
 * Collects problems for one construct; `throwIfAny` raises them together.
 */
export class ProblemCollector {
  private readonly found: Problem[] = [];
  /** Problems to record when the checks are done, each unless another names its field by then. */
  private readonly fallbacks: Problem[] = [];

  public constructor(private readonly path: string) {}

  /** Records that `field` holds `value`, which is wrong because of `problem`; `fix` says what to do. */
  public add(field: string, value: unknown, problem: string, fix: string): void {
    this.found.push({ path: this.path, field, value, problem, fix });
  }

  /**
   * Records, once the checks are done, that `field` holds `value`, wrong because of `problem`, unless another problem
   * names the field by then: for what is wrong in any field (a null) but better said by the field's own check.
   */
  public addIfNoOther(field: string, value: unknown, problem: string, fix: string): void {
    this.fallbacks.push({ path: this.path, field, value, problem, fix });
  }

  /** The problems recorded, in order; those of addIfNoOther come last. */
  public get list(): readonly Problem[] {
    if (this.fallbacks.length > 0) {
      const named = new Set(this.found.map((p) => p.field));
      this.found.push(...this.fallbacks.filter((p) => !named.has(p.field)));
      this.fallbacks.length = 0;
    }
    return this.found;
  }

  /** How many problems were recorded so far. */
  public get count(): number {
    return this.found.length;
  }

  /** Throws a MeshlightValidationError listing every recorded problem, if there is any. */
  public throwIfAny(): void {
    if (this.list.length > 0) {
      throw new MeshlightValidationError(this.found);
    }
  }
}

/**
 * The problems of `error` as another construct reports them: at `path`, with `fieldPrefix` (a pattern matching the
 * start of a field) taken off every field it starts, and `props` for a field that was the prefix alone. An
 * EgressAllowList that hands its props to a ZeroTrustNamespace reports what the namespace found as its own.
 */
export function reportedAt(error: MeshlightValidationError, path: string, fieldPrefix: RegExp): MeshlightValidationError {
  return new MeshlightValidationError(error.problems.map((p) => {
    const match = fieldPrefix.exec(p.field);
    const field = match === null || match.index !== 0 ? p.field : p.field.slice(match[0].length).replace(/^\./, '') || 'props';
    return { ...p, path, field };
  }));
}
