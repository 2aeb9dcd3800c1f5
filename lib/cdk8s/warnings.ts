import { Construct } from 'constructs';
import { formatProblem, Problem } from '../core/internal';

// What meshlight warns about in a cdk8s app, and when. cdk8s has no warning channel of its own (its validations only
// fail the synth), so a warning is:
//  - recorded when the construct is made, as construct metadata of type WARNING (the constructs library's convention,
//    which aws-cdk's Annotations use too), for tests and tools that read the tree;
//  - printed on stderr when the app is synthesised, once per warning (the first MAX_PRINTED of a synthesis, then how
//    many more), by a validation on the app's root that never fails.

/** How many warnings one synthesis prints in full; a mesh of thousands of services would otherwise flood the terminal. */
const MAX_PRINTED = 20;

/** The metadata type of a meshlight warning. */
export const WARNING = 'meshlight:warning';

// Warnings printed already; a root whose printer is installed.
const printed = new WeakSet<object>();
const roots = new WeakSet<Construct>();

/** Records `problem` as a warning of `scope`, printed when the app synthesises. */
export function addWarning(scope: Construct, problem: Problem): void {
  scope.node.addMetadata(WARNING, formatProblem(problem));
  const root = scope.node.root;
  if (roots.has(root)) return;
  roots.add(root);
  root.node.addValidation({
    validate: () => {
      let more = 0;
      let shown = 0;
      for (const c of root.node.findAll()) {
        for (const entry of c.node.metadata) {
          if (entry.type !== WARNING || printed.has(entry)) continue;
          printed.add(entry);
          if (shown < MAX_PRINTED) {
            shown++;
            process.stderr.write(`[Warning at ${c.node.path}] ${String(entry.data)}\n`);
          } else {
            more++;
          }
        }
      }
      if (more > 0) process.stderr.write(`[Warning] ${more} more meshlight warnings like these (construct metadata "${WARNING}" holds each)\n`);
      return [];
    },
  });
}

/** The warnings recorded on `scope` itself, as their messages. */
export function warningsOf(scope: Construct): string[] {
  return scope.node.metadata.filter((m) => m.type === WARNING).map((m) => String(m.data));
}
