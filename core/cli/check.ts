import type { CliIo } from './io';
export const usage = 'nianbao check';
export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.err('nianbao check: not implemented yet\n');
  return 64;
}
