/** The one error an input gives when it yields no report; its line is what the user sees. */

/**
 * Why an input gave no report: `not-report` (read fine, but no annual report — a directory walk
 * skips it), `download` (the network), `unreadable` (anything else: missing, too large, broken).
 */
export type InputErrorKind = 'not-report' | 'unreadable' | 'download';

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly kind: InputErrorKind = 'unreadable',
  ) {
    super(`${file}: ${reason}`);
  }
}
