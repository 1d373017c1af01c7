/**
 * Word's automatic numbering (word/numbering.xml): offices number the headings (一、总体情况) and the
 * table labels (（一）予以公开, 1.属于国家秘密) with it, and the number is then not in the text at all.
 * This gives each numbered paragraph its label as Word draws it — the level's lvlText with each
 * %n replaced by that level's counter in its format (decimal, 一二三, 甲乙丙, ①, letters, roman; all
 * decimal under w:isLgl), and the suffix. Counters are kept per list: a w:num that restarts a level (w:startOverride) counts on
 * its own, the others share their abstract list's count. Bullets give no text. Browser-safe.
 */
import { LeanParser } from '../html';

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  /** w:isLgl: every level's number in this label as decimal (一、 then 1.1). */
  legal?: boolean;
}
interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
}

/** Levels read per list and lists per document (Word has 9 levels; a document a few dozen lists). */
const MAX_LEVEL = 9;
const MAX_LISTS = 10_000;

export function readNumbering(xml: string): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  let levels: Map<number, Level> | null = null;
  let level: Level | null = null;
  let num: { abstract: string; starts: Map<number, number> } | null = null;
  let overrideLevel = -1;
  const parser = new LeanParser(
    {
      onopentag(raw, a) {
        const name = raw.toLowerCase();
        const val = a['w:val'] ?? '';
        if (name === 'w:abstractnum' && abstract.size < MAX_LISTS) abstract.set(a['w:abstractNumId'] ?? '', (levels = new Map()));
        else if (name === 'w:lvl' && levels) {
          const ilvl = Number(a['w:ilvl']);
          level = { start: 1, format: 'decimal', text: '', suffix: 'tab' };
          if (Number.isInteger(ilvl) && ilvl >= 0 && ilvl < MAX_LEVEL) levels.set(ilvl, level);
        } else if (level && name === 'w:start') level.start = Number(val) || 0;
        else if (level && name === 'w:numfmt') level.format = val;
        else if (level && name === 'w:lvltext') level.text = val;
        else if (level && name === 'w:suff') level.suffix = val;
        else if (level && name === 'w:islgl') level.legal = val !== '0' && val !== 'false';
        else if (name === 'w:num' && nums.size < MAX_LISTS) nums.set(a['w:numId'] ?? '', (num = { abstract: '', starts: new Map() }));
        else if (num && name === 'w:abstractnumid') num.abstract = val;
        else if (num && name === 'w:lvloverride') overrideLevel = Number(a['w:ilvl']);
        else if (num && name === 'w:startoverride' && overrideLevel >= 0 && overrideLevel < MAX_LEVEL) num.starts.set(overrideLevel, Number(val) || 0);
      },
      onclosetag(raw) {
        const name = raw.toLowerCase();
        if (name === 'w:lvl') level = null;
        else if (name === 'w:abstractnum') levels = null;
        else if (name === 'w:num') num = null;
        else if (name === 'w:lvloverride') overrideLevel = -1;
      },
    },
    { xmlMode: true, decodeEntities: true },
    new Set(['w:abstractNum', 'w:lvl', 'w:start', 'w:numFmt', 'w:lvlText', 'w:suff', 'w:isLgl', 'w:num', 'w:abstractNumId', 'w:lvlOverride', 'w:startOverride']),
    null,
  );
  parser.write(xml.slice(0, 5_000_000));
  parser.end();
  return { abstract, nums };
}

const CHINESE = '〇一二三四五六七八九';
const STEMS = '甲乙丙丁戊己庚辛壬癸';

function chinese(n: number): string {
  if (n < 10) return CHINESE[n];
  if (n < 20) return `十${n % 10 ? CHINESE[n % 10] : ''}`;
  if (n < 100) return `${CHINESE[Math.floor(n / 10)]}十${n % 10 ? CHINESE[n % 10] : ''}`;
  return String(n);
}
function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const parts: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of parts) while (n >= v) (out += s), (n -= v);
  return out;
}
function letters(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(64 + (((n - 1) % 26) + 1));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A counter in a level's number format. */
function formatted(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'ideographDigital':
      return chinese(n);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? STEMS[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

/** Counts through a document's numbered paragraphs, in order: `label(numId, ilvl)` is the next one's label ('' when none). */
export function numberingCounter(numbering: Numbering) {
  const counters = new Map<string, number[]>();
  return {
    label(numId: string, ilvl: number): string {
      const num = numbering.nums.get(numId);
      const levels = num && numbering.abstract.get(num.abstract);
      if (!num || !levels || !Number.isInteger(ilvl) || ilvl < 0 || ilvl >= MAX_LEVEL) return '';
      const level = levels.get(ilvl);
      if (!level || level.format === 'bullet' || level.format === 'none') return '';
      const key = num.starts.size ? `num:${numId}` : `abstract:${num.abstract}`;
      let counts = counters.get(key);
      if (!counts) counters.set(key, (counts = []));
      const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
      counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl] + 1;
      counts.length = ilvl + 1; // a deeper level starts again under this one
      const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const l = Number(d) - 1;
        return formatted(counts[l] ?? startOf(l), level.legal ? 'decimal' : levels.get(l)?.format ?? 'decimal');
      });
      return text + (level.suffix === 'nothing' ? '' : ' ');
    },
  };
}
