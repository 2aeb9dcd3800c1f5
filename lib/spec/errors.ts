/** One thing wrong in a spec file, at the line and column of the YAML node at fault. */
export interface SpecProblem {
  /** The file as it was given, or `-` for standard input. */
  readonly file: string;
  /** 1-based line of the node at fault. */
  readonly line: number;
  /** 1-based column of the node at fault. */
  readonly col: number;
  /** What is wrong and how to fix it: for a props problem, the text the TypeScript API gives (formatProblem). */
  readonly message: string;
  /** The 0-based index of the document in its file (`---` separated), when the problem is inside a document. */
  readonly index?: number;
  /** The field at fault from the document's root, e.g. `spec.versions[0].weight` or `kind`, when one is. */
  readonly field?: string;
}

/** Formats one problem as `file:line:col: message`, as compilers do, so that editors and terminals link to it. */
export function formatSpecProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/**
 * Thrown when spec files are invalid: unreadable YAML, a bad document header, a reference to no document, or props
 * core rejects. Carries every problem found, each with its position, and is thrown before anything is built or written.
 */
export class SpecError extends Error {
  /** Every problem found, in file and document order. */
  public readonly problems: readonly SpecProblem[];

  public constructor(problems: readonly SpecProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`meshlight found ${count} in the spec:\n${problems.map((p) => `  ${formatSpecProblem(p)}`).join('\n')}`);
    this.name = 'SpecError';
    this.problems = problems;
  }
}
