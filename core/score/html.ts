/**
 * The evidence pack: one self-contained HTML page per report (its three tables with the cells a
 * deduction rests on marked, every deduction with its evidence and citation, 雷同 passages side by
 * side) and an index ranking the batch. Printable to PDF from any browser. Every piece of text is
 * escaped: report text is page-derived and hostile. Browser-safe.
 */
import { T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2Rows, t3Rows, shortT3Label, type TableId } from '../model/keys';
import type { Report } from '../model/schema';
import { cellOf, formatOf } from '../rules/util';
import type { Pack } from './pack';
import { RATIO_KEYS, RATIO_TITLES, ratioText } from './ratios';
import type { ReportScore } from './score';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:60em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;margin:.6em 0;font-size:.85em}
td,th{border:1px solid #999;padding:2px 6px;text-align:right}th{background:#eee;text-align:left}td.label{text-align:left}
td.marked{background:#ffd6d6;outline:2px solid #c00;font-weight:bold}.score{font-size:1.6em;font-weight:bold}
.deduction{border-left:4px solid #c00;padding:.2em .8em;margin:.8em 0}.cite{color:#555;font-size:.85em}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.6em;font-size:.85em}.pair div{background:#fff7e0;padding:.3em}
.unverified{color:#a60}@media print{a{color:inherit;text-decoration:none}.deduction,table{break-inside:avoid}}`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

function tableHtml(report: Report, table: TableId, marked: Set<string>): string {
  const format = formatOf(report);
  if (!format || format === 'older') return '';
  const rows: Array<{ key: string; label: string; columns: Array<{ key: string; zh: string }> }> =
    table === 't2'
      ? t2Rows(format).map((r) => ({ key: r.key, label: r.zh, columns: r.columns.map((c) => ({ key: c.key, zh: c.zh })) }))
      : table === 't3'
        ? t3Rows(format).map((r) => ({ key: r.key, label: shortT3Label(r), columns: T3_COLUMNS.map((c) => ({ key: c.key, zh: c.zh })) }))
        : T4_GROUPS.map((g) => ({ key: g.key, label: g.zh, columns: T4_COLUMNS.map((c) => ({ key: c.key, zh: c.zh })) }));
  const caption = { t2: '表二 主动公开政府信息情况', t3: '表三 收到和处理政府信息公开申请情况', t4: '表四 政府信息公开行政复议、行政诉讼情况' }[table];
  const head = table === 't2' ? '' : `<tr><th></th>${rows[0].columns.map((c) => `<th>${esc(c.zh)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => {
      const cells = r.columns
        .map((c) => {
          const cell = cellOf(report, table, r.key, c.key);
          const mark = marked.has(`${table}.${r.key}.${c.key}`);
          const label = table === 't2' ? `${esc(c.zh)}：` : '';
          return `<td${mark ? ' class="marked"' : ''}>${label}${esc(cell ? cell.raw || '（空）' : '—')}</td>`;
        })
        .join('');
      return `<tr><td class="label">${esc(r.label)}</td>${cells}</tr>`;
    })
    .join('');
  return `<h3>${esc(caption)}</h3><table>${head}${body}</table>`;
}

export interface EvidenceFile {
  name: string;
  html: string;
}

const pageName = (i: number) => `report-${String(i + 1).padStart(3, '0')}.html`;

function reportPage(score: ReportScore, report: Report, pack: Pack, index: number): string {
  const marked = new Set(score.deductions.flatMap((d) => d.evidence.flatMap((e) => (e.cells ?? []).map((c) => `${c.table}.${c.row}.${c.column}`))));
  const deductions = score.deductions
    .map((d) => {
      const ev = d.evidence
        .map((e) => {
          const pairs = (e.passages ?? [])
            .map((p) => `<div class="pair"><div>${esc(p.mine)}</div><div>${esc(p.theirs || '（上年报告）')}</div></div>`)
            .join('');
          return `<li>${esc(e.message)}${e.rule ? ` <code>${esc(e.rule)}</code>` : ''}${e.other && e.other !== 'previous' ? `<br>对方 other: ${esc(e.other)}` : ''}${pairs}</li>`;
        })
        .join('');
      const c = d.citation;
      return `<div class="deduction"><b>−${esc(d.points)}</b> ${esc(d.title.zh)} — ${esc(d.title.en)}<ul>${ev}</ul><div class="cite">依据 source: ${esc(c.document)}${c.article ? `，${esc(c.article)}` : ''}（${esc(c.issuer)}，${esc(c.year)}）${c.url ? ` ${esc(c.url)}` : ''}${c.verified ? '' : ' <span class="unverified">未核实 unverified</span>'}${c.note ? `<br>${esc(c.note)}` : ''}</div></div>`;
    })
    .join('');
  const unknown = score.indicators.filter((i) => i.status === 'unknown').map((i) => `<li>${esc(i.title.zh)}：${esc(i.evidence[0]?.message ?? '未知')}</li>`).join('');
  const ratios = RATIO_KEYS.map((k) => `<tr><td class="label">${esc(RATIO_TITLES[k].zh)} ${esc(RATIO_TITLES[k].en)}</td><td>${esc(ratioText(score.ratios[k]))}</td><td class="label">${esc(RATIO_TITLES[k].formula)}</td></tr>`).join('');
  const body = `<p><a href="index.html">← 排名 index</a></p>
<h1>${esc(score.agency ?? '（机关名称未读出）')} ${esc(score.year ?? '')} 年度</h1>
<p>${esc(report.meta.title ?? '')}<br>来源 source: ${esc(score.source)}${report.meta.published ? `<br>发布 published: ${esc(report.meta.published)}` : ''}</p>
<p class="score">${esc(score.score)} / ${esc(score.max)}</p><p>评分标准 pack: ${esc(pack.title.zh)}（${esc(pack.id)}）</p>
<h2>扣分 Deductions</h2>${deductions || '<p>无扣分 — nothing deducted</p>'}
${unknown ? `<h2>无法判断 Unknown</h2><ul>${unknown}</ul>` : ''}
<h2>比率 Ratios</h2><table>${ratios}</table>
<h2>表格 Tables</h2>${(['t2', 't3', 't4'] as const).map((t) => tableHtml(report, t, marked)).join('')}
<p class="cite">第 ${index + 1} 份 · 年报透镜 Nianbao Lens</p>`;
  return page(`${score.agency ?? score.source} ${score.year ?? ''} — ${score.score}/${score.max}`, body);
}

/** index.html (the batch ranked, best first) and a page per report. */
export function evidencePack(scores: readonly ReportScore[], reports: readonly Report[], pack: Pack): EvidenceFile[] {
  const order = scores.map((s, i) => i).sort((a, b) => scores[b].score / scores[b].max - scores[a].score / scores[a].max || a - b);
  const rows = order
    .map((i, rank) => {
      const s = scores[i];
      return `<tr><td>${rank + 1}</td><td class="label"><a href="${pageName(i)}">${esc(s.agency ?? s.source)}</a></td><td>${esc(s.year ?? '')}</td><td>${esc(s.score)}</td><td>${esc(s.max)}</td><td class="label">${esc(s.deductions.map((d) => `${d.title.zh} −${d.points}`).join('；'))}</td></tr>`;
    })
    .join('');
  const src = pack.source;
  const index = page(
    `评分 ${pack.title.zh}`,
    `<h1>评分排名 Ranking — ${esc(pack.title.zh)}</h1><p class="cite">${esc(src.document)}（${esc(src.issuer)}，${esc(src.year)}）${src.url ? ` ${esc(src.url)}` : ''}${pack.unverified ? `<br><span class="unverified">未核实 unverified: ${esc(pack.unverified)}</span>` : ''}</p>
<table><tr><th>名次</th><th>机关 agency</th><th>年度</th><th>得分</th><th>满分</th><th>扣分 deductions</th></tr>${rows}</table><p>${esc(scores.length)} 份报告 reports</p>`,
  );
  return [{ name: 'index.html', html: index }, ...scores.map((s, i) => ({ name: pageName(i), html: reportPage(s, reports[i], pack, i) }))];
}
