/** nianbao packs [show <id>] [--format text|json]: the rule packs shipped, or one of them as JSON. */
import { readFile, stat } from 'node:fs/promises';
import { commandSpec } from './commands';
import { helpText, parseCommand, usageLine } from './options';
import { packMax, parsePack, type Pack } from '../score/pack';
import { shippedPack, shippedPacks } from '../score/packs/index';
import { EXIT, type CliIo } from './io';

const SPEC = commandSpec('packs');
export const usage = usageLine(SPEC);
export const help = helpText(SPEC);

const MAX_PACK_BYTES = 1_000_000;

/** A pack named by id (shipped) or by a path to a JSON file; one clear line when it is neither or invalid. */
export async function loadPack(arg: string): Promise<{ ok: true; pack: Pack } | { ok: false; problem: string }> {
  const shipped = shippedPack(arg);
  if (shipped) return { ok: true, pack: shipped };
  const size = await stat(arg).then((s) => (s.isFile() ? s.size : -1), () => null);
  if (size === null) return { ok: false, problem: `没有这个评分标准 — no pack "${arg.slice(0, 60)}" (shipped: ${shippedPacks().map((p) => p.id).join(', ')}; or a .json file)` };
  if (size < 0 || size > MAX_PACK_BYTES) return { ok: false, problem: `${arg}: 不是 1 MB 以内的文件 — not a file under 1 MB` };
  let value: unknown;
  try {
    value = JSON.parse(await readFile(arg, 'utf8'));
  } catch (err) {
    return { ok: false, problem: `${arg}: 不是有效的 JSON — not valid JSON (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})` };
  }
  const r = parsePack(value);
  return r.ok ? r : { ok: false, problem: `${arg}: 评分标准不合格式 — invalid pack: ${r.problem}` };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('packs', argv);
  const values = parsed.values as { format?: string };
  const positionals = parsed.positionals;
  if (positionals[0] === 'show') {
    const id = positionals[1];
    if (!id) {
      io.err(`nianbao packs: show 需要一个评分标准 id — show needs a pack id\nusage: ${usage}\n`);
      return EXIT.usage;
    }
    const r = await loadPack(id);
    if (!r.ok) {
      io.err(`nianbao packs: ${r.problem}\n`);
      return EXIT.usage;
    }
    io.out(`${JSON.stringify({ $schema: 'https://raw.githubusercontent.com/nianbao-lens/nianbao-lens/main/schema/pack.schema.json', ...r.pack }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (positionals.length) {
    io.err(`nianbao packs: 不认识 "${positionals[0].slice(0, 40)}" — unknown argument\nusage: ${usage}\n`);
    return EXIT.usage;
  }
  const packs = shippedPacks();
  if (values.format === 'json') {
    io.out(`${JSON.stringify(packs.map((p) => ({ id: p.id, title: p.title, max: packMax(p), indicators: p.indicators.length, source: p.source })), null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...packs.map((p) => p.id.length));
  io.out(`${packs.map((p) => `${p.id.padEnd(width)}  ${String(packMax(p)).padStart(3)} 分  ${p.indicators.length} 项  ${p.title.zh}\n${' '.repeat(width + 2)}${p.source.document.slice(0, 80)}${p.source.url ? ` · ${p.source.url}` : ''}`).join('\n')}\n\n${packs.length} 套评分标准 packs · nianbao packs show <id>\n`);
  return EXIT.ok;
}
