import type { CliIo } from './io';
export const usage = 'nianbao rules';
export async function run(_argv: string[], io: CliIo): Promise<number> {
  io.err('nianbao rules: not implemented yet\n');
  return 64;
}
