/**
 * In-page pieces on one of our own sample pages in a DOM (happy-dom): the core reads the page,
 * the marks land on the right cells, the panel's parts render what the user needs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { check, parsePage } from '../../extension/app/core';
import type { AppContext } from '../../extension/app/context';
import { CellLocator, cellId } from '../../extension/app/dom-cells';
import { exportIssues, fileName } from '../../extension/app/exports';
import { applyMarks, cellsOfIssue, clearMarks, injectMarkStyle, markStyleOf, showRelated } from '../../extension/app/features/marks';
import { acceptUntrustedEventsForTests } from '../../extension/app/trusted';
import { panel, panelWidth, RAIL_WIDTH } from '../../extension/app/features/panel';
import { tipBox } from '../../extension/app/features/tooltip';
import { figures } from '../../extension/app/figures';
import { letterText } from '../../extension/app/letter';
import { Issues } from '../../extension/app/panel/Issues';
import { ReadingNotes } from '../../extension/app/panel/ReadingNotes';
import { cautions, percent, Summary } from '../../extension/app/panel/Summary';
import { issueKey, Store, type EngineState } from '../../extension/app/state';
import { translator } from '../../extension/lib/i18n';
import { DEFAULT_SETTINGS } from '../../extension/lib/storage';

const SAMPLE = readFileSync(join(import.meta.dirname, '../../samples/demo-2024.html'), 'utf8');
const URL_ = 'http://www.example.gov.cn/samples/demo-2024.html';

function stateFor(lang: 'zh' | 'en' = 'zh'): EngineState {
  document.documentElement.innerHTML = new DOMParser().parseFromString(SAMPLE, 'text/html').documentElement.innerHTML;
  const report = parsePage(document, URL_);
  const issues = check(report, null, []);
  return {
    report,
    issues,
    pageIssues: issues,
    previous: null,
    pairedMarks: false,
    reportKey: 'http://www.example.gov.cn/samples/demo-2024.html|示例市示例局|2024',
    dismissals: {},
    lang,
    t: translator(lang),
    settings: DEFAULT_SETTINGS,
    rulesLoaded: true,
    timing: { engine: 1, markedAt: 0 },
    open: true,
  };
}

function contextFor(state: EngineState): AppContext {
  return {
    doc: document,
    store: new Store(state),
    locator: new CellLocator(document),
    host: { host: document.createElement('nianbao-lens'), root: document.createElement('div').attachShadow({ mode: 'open' }), mount: () => document.createElement('div'), setSpacer: () => undefined },
    marked: new Map(),
    reveal: vi.fn(),
    download: vi.fn(async () => undefined),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  acceptUntrustedEventsForTests(true);
});

describe('marks in the page', () => {
  it('every cell of every issue carries the rule ids, the worst severity and its cell ids — and prints the value the report read', () => {
    const state = stateFor();
    expect(state.issues.length).toBeGreaterThan(0);
    const ctx = contextFor(state);
    injectMarkStyle(document);
    applyMarks(ctx);
    // Our stylesheet is kept by reference, with no id a page could pre-empt.
    expect(markStyleOf(document)?.isConnected).toBe(true);
    expect(markStyleOf(document)?.id).toBe('');
    for (const issue of state.issues) {
      for (const ref of issue.cells) {
        const el = ctx.locator.element(state.report, ref)!;
        expect(el, cellId(ref)).toBeTruthy();
        expect(el.getAttribute('data-nianbao-issue')!.split(' ')).toContain(issue.rule);
        expect(el.getAttribute('data-nianbao-cell')!.split(' ')).toContain(cellId(ref));
        expect(['error', 'warning', 'info']).toContain(el.getAttribute('data-nianbao-severity'));
        const cell = (state.report[ref.table] as Record<string, Record<string, { raw: string }>>)[ref.row][ref.column];
        expect((el.textContent ?? '').replace(/\s+/g, ' ').trim()).toBe(cell.raw);
        expect(['suspect', 'total', 'part']).toContain(el.getAttribute('data-nianbao-role'));
        if (el.getAttribute('data-nianbao-role') !== 'part') expect(el.getAttribute('tabindex')).toBe('0');
      }
    }
    const errorCell = document.querySelector('[data-nianbao-severity="error"]');
    expect(errorCell).not.toBeNull();
  });

  it('a dismissed issue leaves its cells (unless another issue holds them); clearing removes every trace', () => {
    const state = stateFor();
    const ctx = contextFor(state);
    applyMarks(ctx);
    const before = document.querySelectorAll('[data-nianbao-issue]').length;
    const dismissals = Object.fromEntries(state.issues.map((i) => [issueKey(i), { note: '', at: '' }]));
    ctx.store.set({ dismissals });
    applyMarks(ctx);
    expect(before).toBeGreaterThan(0);
    expect(document.querySelectorAll('[data-nianbao-issue]').length).toBe(0);
    applyMarks(contextFor({ ...state }));
    clearMarks(document);
    expect(document.querySelectorAll('[data-nianbao-issue], [data-nianbao-severity], [data-nianbao-cell], [data-nianbao-tabindex]').length).toBe(0);
  });
});

describe('three strengths of mark', () => {
  it('the sample: one strong mark per wrong number, with its suggested value; parts faint until hovered', () => {
    const state = stateFor();
    const ctx = contextFor(state);
    applyMarks(ctx);
    const strong = [...document.querySelectorAll('[data-nianbao-role="suspect"]')].map((e) => [e.getAttribute('data-nianbao-cell'), e.getAttribute('data-nianbao-suggested')]);
    // Three planted arithmetic errors: 予以公开 总计 printed 17 (its row adds to 15), 行政复议 总计 printed 0 (its
    // parts add to 7), 上年结转 · 自然人 printed 3 (its row total and the balance say 2).
    expect(strong).toEqual(expect.arrayContaining([['t3.granted.total', '15'], ['t4.review.total', '7'], ['t3.carried_over.natural_person', '2']]));
    expect(strong).toHaveLength(3);
    expect(document.querySelector('[data-nianbao-role="suspect"][data-nianbao-cell="t3.granted.total"]')?.getAttribute('data-nianbao-badge')).toBe('应为 15');
    // Every error is explained by a suspect: no error total is strong.
    expect(document.querySelectorAll('[data-nianbao-role="total"][data-nianbao-severity="error"]').length).toBe(0);
    const parts = document.querySelectorAll('[data-nianbao-role="part"]');
    expect(parts.length).toBeGreaterThan(10);
    expect([...parts].every((p) => !p.hasAttribute('tabindex') || p.getAttribute('data-nianbao-tabindex') !== 'added')).toBe(true);
    // Hover of the issue shows its parts; leaving hides them.
    const rowTotal = state.issues.find((i) => i.rule === 't3.row-total')!;
    showRelated(ctx, [rowTotal]);
    expect(document.querySelectorAll('[data-nianbao-related]').length).toBe(rowTotal.cells.length);
    showRelated(ctx, null);
    expect(document.querySelectorAll('[data-nianbao-related]').length).toBe(0);
  });

  it('an issue without a suspect marks the cell the rule checks; missing suspects count as none', () => {
    const issue = { rule: 't3.row-total', severity: 'error', table: 't3', row: 'granted', column: 'total', cells: [{ table: 't3', row: 'granted', column: 'total' }, { table: 't3', row: 'granted', column: 'research' }], expected: 15, actual: 17, message: '', messageEn: '' } as never;
    expect(cellsOfIssue(issue).map((c) => c.role)).toEqual(['total', 'part']);
    const withSuspect = { ...(issue as object), suspects: [{ table: 't3', row: 'granted', column: 'research', printed: 3, suggested: 1, kind: 'value' }] } as never;
    expect(cellsOfIssue(withSuspect).map((c) => [c.ref.column, c.role, c.suggested])).toEqual([['research', 'suspect', 1], ['total', 'part', undefined]]);
  });
});

describe('the docked panel and the tooltip', () => {
  it('the panel takes 30 % of the window, 280–380 px; the tooltip always ends left of it', () => {
    expect(panelWidth(1280)).toBe(380);
    expect(panelWidth(1024)).toBe(307);
    expect(panelWidth(600)).toBe(280);
    const ctx = contextFor(stateFor());
    for (const [w, open] of [
      [1280, true],
      [1024, true],
      [1024, false],
    ] as const) {
      Object.defineProperty(window, 'innerWidth', { value: w, configurable: true });
      ctx.store.set({ open });
      const reserved = open ? panelWidth(w) : RAIL_WIDTH;
      // A cell right at the panel's edge: the tooltip is moved left, its widest right edge clear of the panel.
      const box = tipBox(ctx, { left: w - reserved - 20, right: w - reserved, top: 100, bottom: 120 } as DOMRect);
      expect(box.left + box.maxWidth).toBeLessThanOrEqual(w - reserved - 8);
      expect(box.left).toBeGreaterThanOrEqual(8);
    }
  });
});

describe('a full storage', () => {
  it('a dismissal that cannot be saved says so in one line, and changes nothing', async () => {
    const state = stateFor();
    const ctx = contextFor(state);
    const mount = document.createElement('div');
    document.body.append(mount);
    ctx.host.mount = () => mount;
    panel.init(ctx);
    await new Promise((r) => setTimeout(r, 0));
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(Object.assign(new Error('QUOTA_BYTES quota exceeded'), { name: 'QuotaExceededError' }));
    const errors = mount.querySelectorAll('li[data-severity="error"]').length;
    (mount.querySelector('li[data-severity="error"] .actions button') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    (mount.querySelector('li[data-severity="error"] .actions button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(mount.querySelector('.msg')?.textContent).toContain('浏览器存储已满，未能保存'));
    expect(mount.querySelectorAll('li[data-severity="error"]:not(.dismissed)').length).toBe(errors);
    expect(ctx.store.state.dismissals).toEqual({});
  });
});

describe('panel parts', () => {
  it('summary: agency, year, format, plain figures and the chart', () => {
    const state = stateFor();
    const root = document.createElement('div');
    render(<Summary state={state} />, root);
    const text = root.textContent ?? '';
    expect(text).toContain('示例市示例局');
    expect(text).toContain('2024');
    expect(text).toContain('2021 版');
    const f = figures(state.report);
    expect(text).toContain(`本年新收政府信息公开申请 ${f.newReceived} 件`);
    // A figure an error touches carries a caution and the suggested value; an untouched one is plain.
    expect(root.querySelector('[data-figure="granted"]')?.textContent).toBe('17 件 ⚠ 表中数字不一致（应为 15）');
    expect(root.querySelector('[data-figure="review"]')?.textContent).toBe('0 件 ⚠ 表中数字不一致（应为 7）');
    expect(text).toContain('予以公开 17 件 ⚠ 表中数字不一致（应为 15）');
    expect(root.querySelector('[data-figure="partial"]')?.classList.contains('caution')).toBe(false);
    expect(root.querySelector('[data-figure="partial"] .caution-note')).toBeNull();
    expect(Object.keys(cautions(state)).sort()).toEqual(expect.arrayContaining(['granted', 'review']));
    // Dismissed, the issue no longer cautions.
    const none = { ...state, dismissals: Object.fromEntries(state.issues.map((i) => [issueKey(i), { note: '', at: '' }])) };
    expect(cautions(none)).toEqual({});
    expect(root.querySelectorAll('svg rect').length).toBeGreaterThan(1);
    expect(percent(1, 400)).toBe('<1%');
    expect(percent(0, 400)).toBe('0%');
  });

  it('reading notes: what the reader could not read, in the user’s language, as text; none, no section', () => {
    const state = stateFor();
    const root = document.createElement('div');
    render(<ReadingNotes state={state} />, root);
    expect(root.querySelector('[data-reading-notes]')).toBeNull();
    const clipped = '表三（第 5、6 页）超出页面边缘，超出部分未印入 PDF，未读取 <b>x</b> — table 3 (pages 5, 6) runs past the page edge; the part beyond it is not in the PDF and was not read';
    const report = { ...state.report, diagnostics: [...state.report.diagnostics, { level: 'warning' as const, code: 'pdf.table-clipped', message: clipped }, { level: 'info' as const, code: 'x.info', message: '不列出 — not listed' }] };
    render(<ReadingNotes state={{ ...state, report }} />, root);
    expect(root.querySelector('summary')?.textContent).toBe('读取说明（1）：本页有未能读出或按推测读出的内容');
    expect(root.querySelector('li[data-code="pdf.table-clipped"]')?.textContent).toBe('表三（第 5、6 页）超出页面边缘，超出部分未印入 PDF，未读取 <b>x</b>');
    expect(root.querySelector('b')).toBeNull();
    const en = stateFor('en');
    render(<ReadingNotes state={{ ...en, report }} />, root);
    expect(root.querySelector('li')?.textContent).toBe('table 3 (pages 5, 6) runs past the page edge; the part beyond it is not in the PDF and was not read');
  });

  it('issues grouped by severity; dismiss asks for a note, then moves the issue to the dismissed group', async () => {
    const state = stateFor('en');
    const actions = { reveal: vi.fn(), dismiss: vi.fn() };
    const root = document.createElement('div');
    document.body.append(root);
    render(<Issues state={state} actions={actions} />, root);
    const groups = [...root.querySelectorAll('details.group')].map((g) => g.getAttribute('data-severity'));
    expect(groups[0]).toBe('error');
    expect(root.querySelectorAll('li[data-rule]').length).toBe(state.issues.length);
    (root.querySelector('li button.go') as HTMLButtonElement).click();
    expect(actions.reveal).toHaveBeenCalledWith(state.issues[0]);

    (root.querySelector('li .actions button') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    const area = root.querySelector('li textarea') as HTMLTextAreaElement;
    expect(area).not.toBeNull();
    area.value = 'checked with the agency';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    (root.querySelector('li .actions button') as HTMLButtonElement).click();
    expect(actions.dismiss).toHaveBeenCalledWith(state.issues[0], 'checked with the agency');

    const dismissed = { ...state, dismissals: { [issueKey(state.issues[0])]: { note: 'checked', at: '' } } };
    render(<Issues state={dismissed} actions={actions} />, root);
    expect(root.querySelector('details[data-severity="dismissed"]')?.textContent).toContain('checked');
  });
});

describe('exports and the letter', () => {
  it('dismissed issues stay in exports, marked with the note', () => {
    const state = stateFor();
    const key = issueKey(state.issues[0]);
    const out = exportIssues({ ...state, dismissals: { [key]: { note: '已核实', at: '' } } });
    expect(out).toHaveLength(state.issues.length);
    expect(out[0].message.startsWith('【已忽略：已核实】')).toBe(true);
    expect(out[0].messageEn.startsWith('[dismissed: 已核实]')).toBe(true);
    expect(out[1]).toBe(state.issues[1]);
    expect(fileName(state, 'csv')).toBe('示例市示例局-2024-long.csv');
    expect(fileName(state, 'issues-csv')).toBe('示例市示例局-2024-issues.csv');
  });

  it('the letter to the agency names the report, lists the issues and the page', () => {
    const state = stateFor();
    const text = letterText(state, URL_);
    expect(text).toMatch(/^您好：/);
    expect(text).toContain('《示例市示例局2024年政府信息公开工作年度报告》');
    expect(text).toContain('1. ');
    expect(text).toContain(URL_);
  });
});
