/**
 * nianbao — command-line entry. Each command lives in its own module with `usage`, `help` and
 * `run(argv, io)`. Bad input never produces a stack trace: every failure is one line on stderr
 * and an exit code.
 */
import { packageVersion } from '../node/fetch';
import { closest, EXIT, processIo, type CliIo } from './io';
import { synopsis } from './options';

type Command = { usage: string; help?: string; run: (argv: string[], io: CliIo) => Promise<number> };

/** The commands, each loaded only when run. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  parse: () => import('./parse'),
  check: () => import('./check'),
  export: () => import('./export'),
  rules: () => import('./rules'),
  collect: () => import('./collect'),
  score: () => import('./score'),
  packs: () => import('./packs'),
};

const HELP = `年报透镜 nianbao — read, check and export 政府信息公开工作年度报告

usage:
${synopsis()}
  nianbao <command> --help      the command's own usage
  nianbao --version

scanned and print-driver PDFs are read by offline OCR (slow: about 10–30 s a page; progress on stderr);
--no-ocr names them as unreadable instead.

inputs: report pages (.html/.htm, GBK or UTF-8), texts (.txt, .md), PDFs (.pdf), Word files
(.docx, .doc), directories (walked: what is no report is skipped and listed), http(s):// URLs,
and - for standard input.

exit codes: 0 ok · 1 errors found in a report · 2 an input could not be read · 64 usage
`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`nianbao ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (!name || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    (name ? io.out : io.err)(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  // `nianbao help check` is `nianbao check --help`.
  const [commandName, given] = name === 'help' ? [rest[0], ['--help']] : [name, rest];
  // --no-ocr (any command that reads): scans are named, not read; the setting reaches worker threads too.
  const args = given.filter((a) => a !== '--no-ocr');
  if (args.length < given.length) process.env.NIANBAO_NO_OCR = '1';
  else process.env.NIANBAO_OCR_PROGRESS ??= '1';
  const load = Object.hasOwn(COMMANDS, commandName) ? COMMANDS[commandName] : undefined;
  if (!load) {
    const near = closest(commandName, Object.keys(COMMANDS));
    const shown = commandName.length > 40 ? `${commandName.slice(0, 40)}…` : commandName;
    io.err(`nianbao: 没有这个命令 — unknown command "${shown}"${near ? ` — did you mean ${near}?` : ''}\ncommands: ${Object.keys(COMMANDS).join(', ')} (nianbao --help)\n`);
    return EXIT.usage;
  }
  try {
    const command = await load();
    if (args.includes('--help') || args.includes('-h')) {
      io.out(command.help ?? `usage: ${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const usage = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`nianbao ${commandName}: ${msg.split('\n')[0]}${usage ? ` (nianbao ${commandName} --help)` : ''}\n`);
    return usage ? EXIT.usage : EXIT.input;
  }
}
