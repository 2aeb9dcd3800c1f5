/**
 * A condition whose outcome depends on something the input does not tell, such as the method of a request when only
 * the caller is known. `when` says, in words, what it depends on.
 */
export interface Unknown {
  readonly when: string;
}

/**
 * The outcome of a condition: true, false, or Unknown. Explaining a config without a concrete request leaves request
 * attributes open; Unknown keeps the condition so the answer can say "allowed only when method = GET".
 */
export type Truth = boolean | Unknown;

/** True when `t` is neither true nor false. */
export function isUnknown(t: Truth): t is Unknown {
  return typeof t === 'object';
}

/** An Unknown that depends on `when`. */
export function unknown(when: string): Unknown {
  return { when };
}

/** AND: false if any is false, true if all are true, otherwise the open conditions joined by AND. */
export function allOf(truths: readonly Truth[]): Truth {
  if (truths.some((t) => t === false)) {
    return false;
  }
  const open = truths.filter(isUnknown);
  if (open.length === 0) {
    return true;
  }
  return open.length === 1 ? open[0] : unknown(open.map((t) => grouped(t.when)).join(' AND '));
}

/** OR: true if any is true, false if all are false (or there are none), otherwise the open conditions joined by OR. */
export function anyOf(truths: readonly Truth[]): Truth {
  if (truths.some((t) => t === true)) {
    return true;
  }
  const open = truths.filter(isUnknown);
  if (open.length === 0) {
    return false;
  }
  return open.length === 1 ? open[0] : unknown(open.map((t) => grouped(t.when)).join(' OR '));
}

/** NOT. */
export function not(t: Truth): Truth {
  return isUnknown(t) ? unknown(`NOT ${grouped(t.when)}`) : !t;
}

function grouped(text: string): string {
  return / (AND|OR) /.test(text) ? `(${text})` : text;
}
