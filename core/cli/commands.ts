/**
 * The one description of every command and option: the argument parser (options.ts), each
 * command's --help, `nianbao --help` and docs/cli.md (npm run gen:docs) are all made from it, so
 * they cannot disagree. No imports that load anything: main.ts reads it before loading a command.
 */
/** export's formats: core/export's text and XLSX formats (EXPORT_FORMATS; a test keeps them equal) and parquet. */
export const EXPORT_FORMAT_NAMES = ['json', 'csv', 'csv-wide', 'issues-csv', 'coverage-csv', 'xlsx', 'parquet'] as const;

export interface OptionSpec {
  /** Long name, without the dashes. */
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the usage line: FILE, N, text|json. */
  value?: string;
  /** What it does, in English (the Chinese is in the command's summary). */
  help: string;
  /** A whole command line using it. */
  example: string;
  /** Shown in the usage line (required options are, all others too unless false). */
  inUsage?: boolean;
}

export interface CommandSpec {
  name: string;
  /** `<inputs…>` — what goes before the options. */
  args: string;
  /** One line: what the command does, Chinese then English. */
  summary: string;
  options: OptionSpec[];
  /** More to say after the options (free text, lines of at most ~100 characters). */
  notes: string;
}

const INPUTS_NOTE = `inputs: .html/.htm pages, .txt/.md texts, .pdf and Word (.docx, .doc) files, directories (walked; what is no report is
skipped and listed), http(s):// URLs (at most 50 MB each), - for standard input.`;

export const COMMAND_SPECS: CommandSpec[] = [
  {
    name: 'parse',
    args: '<inputs…>',
    summary: '读取年报，输出 JSON — reads each input and prints the report as JSON (schema/report.schema.json): one object for one input, an array for several',
    options: [{ name: 'format', type: 'string', default: 'json', value: 'json', help: 'the only format: JSON', example: 'nianbao parse samples/demo-2024.html --format json' }],
    notes: `${INPUTS_NOTE}
exit codes: 0 ok · 2 an input could not be read · 64 usage`,
  },
  {
    name: 'check',
    args: '<inputs…>',
    summary: '核对年报 — reads each report, runs every rule (nianbao rules lists them) and prints what it found, cell by cell, in Chinese and English',
    options: [
      { name: 'previous', type: 'string', value: '<input>', help: "last year's report of the same agency, for the cross-year rules (without it, reports of the same agency among the inputs are paired by year)", example: 'nianbao check samples/demo-2024.html --previous samples/demo-2023.html' },
      { name: 'format', type: 'string', default: 'text', value: 'text|json', help: 'text or one JSON array of issues', example: 'nianbao check samples/demo-2024.html --format json' },
      { name: 'disable', type: 'string', multiple: true, value: '<rule,…>', help: 'rules to leave out: a comma list, the option may repeat', example: 'nianbao check samples/ --disable t3.row-total,t4.total --disable narrative.copied' },
    ],
    notes: `${INPUTS_NOTE} A report in the layout before 2019 is
named as such; its tables are not checked.
exit codes: 0 no error found · 1 an error found · 2 an input could not be read · 64 usage`,
  },
  {
    name: 'export',
    args: '<inputs…>',
    summary: '导出数据 — one report or a whole collection into one dataset',
    options: [
      { name: 'format', type: 'string', short: 'f', value: EXPORT_FORMAT_NAMES.join('|'), help: 'required; see the formats below', example: 'nianbao export samples/ --format csv --out cells.csv' },
      { name: 'out', type: 'string', short: 'o', value: 'FILE', help: 'the file to write (a temporary file beside it, renamed at the end; not one of the inputs); default stdout (XLSX only when stdout is not a terminal)', example: 'nianbao export samples/ --format xlsx --out reports.xlsx' },
      { name: 'quiet', type: 'boolean', short: 'q', default: false, help: 'no progress line and no summary on stderr', example: 'nianbao export samples/ --format json --quiet > reports.json' },
      { name: 'jobs', type: 'string', short: 'j', value: 'N', help: 'worker threads that parse and check (default: one per core; 0 for none)', example: 'nianbao export ../reports/ --format csv-wide --jobs 2 --out wide.csv' },
      { name: 'labels', type: 'string', value: 'keys|zh', help: 'CSV column headers: keys (t3.granted.total, default) or zh (表三·（一）予以公开·总计, 机构, 年度, …)', example: 'nianbao export samples/ --format csv-wide --labels zh --out wide.csv' },
      { name: 'since', type: 'string', value: 'YEAR', help: 'coverage-csv: the first year to list (missing years included)', example: 'nianbao export ../reports/ --format coverage-csv --since 2019' },
    ],
    notes: `formats:
  json          one JSON document: every report with its issues, and the inputs skipped
  csv           long data, one line per cell: source,agency,year,format,table,row,column,value,raw
  csv-wide      one line per report, one column per cell key (t3.new_received.total, …)
  issues-csv    one line per issue found by the rules
  coverage-csv  one line per agency × year: published or missing, deadline, days late, errors, copied
  xlsx          a workbook: the official tables (one report) or one row per report, long data, issues
  parquet       the long data as Parquet (typed: year INT32, value DOUBLE; + published, url) for DuckDB, pandas, R

${INPUTS_NOTE}
CSV is UTF-8 with a BOM. Exit code 2 when an input could not be read (or, named on the command
line, is no report), else 0; 64 usage.`,
  },
  {
    name: 'rules',
    args: '',
    summary: '列出规则 — every rule the checks run: its id (for check --disable), severity and title in Chinese and English',
    options: [{ name: 'format', type: 'string', default: 'text', value: 'text|json', help: 'text or JSON with each rule\'s explanation', example: 'nianbao rules --format json' }],
    notes: 'docs/rules.md says what each rule checks and why.',
  },
  {
    name: 'collect',
    args: '<list-page-url…>',
    summary: '从门户网站下载年报 — downloads every annual report a portal\'s 年报 list links (following the list\'s pages on the same host) into DIR, with a report\'s PDF or Word attachment when its page has no tables',
    options: [
      { name: 'out', type: 'string', short: 'o', value: 'DIR', help: 'where the reports go (created); a second run fetches only what is missing or failed', example: 'nianbao collect https://www.example.gov.cn/xxgk/ndbg/ --out reports/' },
      { name: 'since', type: 'string', value: 'YEAR', help: 'only reports of this year and later', example: 'nianbao collect https://www.example.gov.cn/xxgk/ndbg/ --out reports/ --since 2020' },
      { name: 'delay', type: 'string', value: 'MS', help: 'pause between two requests to the same host (default 1000)', example: 'nianbao collect https://www.example.gov.cn/xxgk/ndbg/ --out reports/ --delay 3000' },
      { name: 'max-pages', type: 'string', value: 'N', help: 'list pages read at most per run (default 200)', example: 'nianbao collect https://www.example.gov.cn/xxgk/ndbg/ --out reports/ --max-pages 20' },
      { name: 'ignore-robots', type: 'boolean', help: "do not read the sites' robots.txt (only with the site's permission)", example: 'nianbao collect https://www.example.gov.cn/xxgk/ndbg/ --out reports/ --ignore-robots' },
    ],
    notes: `DIR/manifest.csv: url,file,title,year,status,fetched_at,note,sha256,published (status ok, failed or skipped; published: the date the list prints beside the link).
One request at a time per host, a User-Agent naming the tool (nianbao-lens), 30 s and 20 MB per
response, retries with backoff on 5xx and network errors. Each site's robots.txt is read first and
obeyed (RFC 9309; its Crawl-delay too): a disallowed link is listed as skipped, and a site whose
robots.txt cannot be read (5xx) is not crawled. Only the hosts of the given list pages are visited;
a redirect to another site is not followed.
Then: nianbao export DIR --format csv | issues-csv | coverage-csv …
Exit code 0 when every report link was fetched, 2 when some failed (listed), 64 usage.`,
  },
  {
    name: 'score',
    args: '<inputs…>',
    summary: '按评分标准打分 — scores each report against a rule pack (nianbao packs lists them): the points each indicator deducts, with its evidence and citation, and the ratios 公开率, 不予公开率, 复议纠错率, 诉讼纠错率 (fewer than 30 cases: 样本太少)',
    options: [
      { name: 'pack', type: 'string', default: 'national', value: '<id|file>', help: 'a shipped pack id or a pack JSON file (nianbao packs show national > mine.json)', example: 'nianbao score samples/ --pack wuwei-2025' },
      { name: 'format', type: 'string', default: 'text', value: 'text|json|csv|html', help: 'text; json: an array per report; csv: one row per report × indicator; html: an evidence pack — a page per report and index.html (needs --out DIR)', example: 'nianbao score samples/ --format html --out scores/' },
      { name: 'out', type: 'string', short: 'o', value: '<dir|file>', help: 'where to write (a directory for html); default stdout', example: 'nianbao score samples/ --format csv --out scores.csv' },
    ],
    notes: `Reports of different agencies of the same year are compared with each other (雷同), and with last
year's of the same agency when it is among the inputs.
inputs: files, directories (a collect output directory: manifest.csv gives each file's URL), URLs.`,
  },
  {
    name: 'packs',
    args: '[show <id>]',
    summary: '评分标准 — lists the rule packs (evaluation sheets as data) that nianbao score can use; packs show <id> prints one as JSON to start your own',
    options: [{ name: 'format', type: 'string', default: 'text', value: 'text|json', help: 'the list as text or JSON', example: 'nianbao packs --format json' }],
    notes: `nianbao packs show <id>   prints one pack as JSON — save it, edit it, use it with --pack ./mine.json
A pack is checked against schema/pack.schema.json; docs/score.md explains each field.`,
  },
];

export function commandSpec(name: string): CommandSpec {
  const spec = COMMAND_SPECS.find((c) => c.name === name);
  if (!spec) throw new Error(`no such command spec: ${name}`);
  return spec;
}
