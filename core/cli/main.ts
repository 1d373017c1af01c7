/**
 * nianbao — command-line entry. Each command lives in its own module with `run(argv, io)`.
 * Bad input never produces a stack trace: every failure is one line on stderr and an exit code.
 */
import { EXIT, processIo, type CliIo } from './io';

type Command = { usage: string; run: (argv: string[], io: CliIo) => Promise<number> };

const COMMANDS: Record<string, () => Promise<Command>> = {
  parse: () => import('./parse'),
  export: () => import('./export'),
  check: () => import('./check'),
  rules: () => import('./rules'),
};

const HELP = `年报透镜 nianbao — read, check and export 政府信息公开工作年度报告

usage:
  nianbao parse  <file…> [--format json]
  nianbao check  <file…> [--previous <file>] [--format text|json] [--disable <rule,…>]
  nianbao export <files|dirs|urls…> --format json|csv|csv-wide|issues-csv|xlsx [--out FILE] [--quiet] [--jobs N]
  nianbao rules  [--format json]

exit codes: 0 ok · 1 errors found in a report · 2 an input could not be read · 64 usage
`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`nianbao: unknown command "${name}"\n${HELP}`);
    return EXIT.usage;
  }
  try {
    const command = await load();
    return await command.run(rest, io);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    io.err(`nianbao ${name}: ${msg.split('\n')[0]}\n`);
    return (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : EXIT.input;
  }
}
