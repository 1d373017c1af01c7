import type { CliIo } from './io';
export const usage = 'nianbao export';
export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.err('nianbao export: not implemented yet\n');
  return 64;
}
