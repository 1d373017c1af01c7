/** Run the nianbao CLI in-process and keep what it printed. */
import { main } from '../../core/cli/main';
import type { CliIo } from '../../core/cli/io';

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t) };
  const code = await main(argv, io);
  return { code, out, err };
}
