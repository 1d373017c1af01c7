/** The export's progress on stderr. */
import type { CliIo } from './io';
import type { Progress } from './export-options';

/** A progress reporter: a rewritten line on a terminal, about twenty lines otherwise. */
export function progressPrinter(io: CliIo): { onProgress: (p: Progress) => void; finish: () => void } {
  const tty = !!io.errIsTty && !!io.status;
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const line = `[${String(p.done).padStart(String(p.total).length)}/${p.total}] ${p.failed ? `${p.failed} failed · ` : ''}${p.current}`;
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        io.status!(line);
        shown = true;
      } else {
        const step = Math.max(1, Math.ceil(p.total / 20));
        if (p.done % step === 0 || p.done === p.total) io.err(`${line}\n`);
      }
    },
    finish: () => {
      if (tty && shown) io.err('\n');
    },
  };
}
