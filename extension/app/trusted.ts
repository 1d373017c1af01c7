/**
 * Our handlers act only on what the user did: an event the browser made (isTrusted), never one a
 * page script dispatched or a scripted .click(). The unit tests (happy-dom, where no event is
 * trusted) switch the check off through this module, which no page can reach: it lives in the
 * extension's isolated world.
 */
let acceptUntrusted = false;

export function isTrusted(e: Event | { isTrusted?: boolean } | undefined): boolean {
  return acceptUntrusted || e?.isTrusted === true;
}

/** Wrap a handler so that it runs only for a trusted event. */
export function trusted<E extends Event>(handler: (e: E) => void): (e: E) => void {
  return (e: E) => {
    if (isTrusted(e)) handler(e);
  };
}

/** Unit tests only. */
export function acceptUntrustedEventsForTests(on: boolean): void {
  acceptUntrusted = on;
}
