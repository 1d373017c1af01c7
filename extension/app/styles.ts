/** The two stylesheets: the marks injected in the page, and the shadow root's own. */

export const COLORS = { error: '#c5221f', warning: '#b06000', info: '#1967d2' } as const;

/**
 * Marks in the page's own tables, in three strengths (marks.ts): a strong mark — inset outline,
 * light tint, a corner badge drawn with ::after (the suggested value for a suspect) — on the
 * suspect or the checked total; nothing on a cell that only takes part in the sum until its issue
 * is hovered (data-nianbao-related: a dashed outline). Nothing changes size, nothing moves.
 */
export const MARK_CSS = `
[data-nianbao-severity] { --nianbao-c: ${COLORS.info}; --nianbao-tint: rgba(25, 103, 210, 0.08); }
[data-nianbao-severity="error"] { --nianbao-c: ${COLORS.error}; --nianbao-tint: rgba(197, 34, 31, 0.10); }
[data-nianbao-severity="warning"] { --nianbao-c: ${COLORS.warning}; --nianbao-tint: rgba(227, 116, 0, 0.10); }
[data-nianbao-role="suspect"], [data-nianbao-role="total"] { position: relative; outline: 2px solid var(--nianbao-c) !important; outline-offset: -2px !important; background-color: var(--nianbao-tint) !important; cursor: help; }
[data-nianbao-role="suspect"] { outline-width: 3px !important; outline-offset: -3px !important; }
[data-nianbao-role="suspect"]::after, [data-nianbao-role="total"]::after {
  content: "!"; position: absolute; top: -7px; right: -5px; z-index: 2;
  min-width: 14px; height: 14px; padding: 0 3px; border-radius: 7px; box-sizing: border-box; white-space: nowrap;
  background: var(--nianbao-c); color: #fff; font: bold 10px/14px system-ui, sans-serif; text-align: center;
  pointer-events: none; text-indent: 0; letter-spacing: 0;
}
[data-nianbao-role="suspect"][data-nianbao-badge]::after { content: attr(data-nianbao-badge); }
[data-nianbao-role="total"][data-nianbao-severity="info"]::after { content: "i"; }
/* A note (info: a blank cell, say) is no wrong number: a light dotted outline, no tint. */
[data-nianbao-role="total"][data-nianbao-severity="info"] { outline: 1px dotted var(--nianbao-c) !important; outline-offset: -2px !important; background-color: transparent !important; }
[data-nianbao-related]:not([data-nianbao-role="suspect"]):not([data-nianbao-role="total"]) { outline: 1px dashed var(--nianbao-c, ${COLORS.error}) !important; outline-offset: -2px !important; background-color: var(--nianbao-tint, transparent) !important; }
[data-nianbao-role]:focus { outline-width: 3px !important; }
[data-nianbao-flash] { animation: nianbao-flash 0.4s ease-in-out 4 alternate; }
@keyframes nianbao-flash { from { box-shadow: inset 0 0 0 0 transparent; } to { box-shadow: inset 0 0 0 100vmax rgba(255, 213, 0, 0.55); } }
@media print { [data-nianbao-role] { outline: none !important; background: none !important; } [data-nianbao-role]::after { display: none; } }
`;

export const SHADOW_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.lens, .tip, .badge { font: 13px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #202124; }
.badge {
  position: fixed; right: 2px; top: 50%; transform: translateY(-50%); width: 36px; pointer-events: auto;
  display: flex; flex-direction: column; gap: 6px; align-items: center; padding: 8px 0; border: 0; border-radius: 8px 0 0 8px;
  cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25); background: #fff; color: #202124; font-weight: 600;
}
.badge .name { writing-mode: vertical-rl; letter-spacing: 2px; }
.badge .dot { display: inline-block; min-width: 22px; padding: 0 4px; border-radius: 10px; color: #fff; text-align: center; font-size: 12px; }
.lens {
  position: fixed; right: 0; top: 0; bottom: 0; max-width: 100vw; pointer-events: auto;
  display: flex; flex-direction: column; background: #fff; border-left: 1px solid #dadce0; box-shadow: -2px 0 12px rgba(0,0,0,.12); overflow: hidden;
}
.lens header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; background: #1f3a5f; color: #fff; }
.lens header h1 { flex: 1; margin: 0; font-size: 14px; }
.lens header button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; cursor: pointer; padding: 0 8px; font-size: 16px; line-height: 22px; }
.body { overflow: auto; padding: 10px 12px 12px; }
section { margin: 0 0 12px; }
h2 { font-size: 13px; margin: 0 0 6px; color: #1f3a5f; }
dl.meta { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 6px; }
dl.meta dt { color: #5f6368; }
dl.meta dd { margin: 0; }
p.figures { margin: 4px 0; }
.chart svg { display: block; width: 100%; height: 22px; border-radius: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 4px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
details.group { margin: 0 0 6px; }
details.group > summary { cursor: pointer; font-weight: 600; }
ul.notes { margin: 4px 0 0; padding: 0 0 0 18px; color: #5f6368; font-size: 12px; }
ul.notes li { margin: 0 0 4px; }
.sev-error { color: ${COLORS.error}; }
.sev-warning { color: ${COLORS.warning}; }
.sev-info { color: ${COLORS.info}; }
ul.issues { list-style: none; margin: 4px 0 0; padding: 0; }
ul.issues li { border-left: 3px solid currentColor; padding: 4px 8px; margin: 0 0 6px; background: #f8f9fa; border-radius: 0 4px 4px 0; }
ul.issues li .what { color: #202124; }
ul.issues li button.go { all: unset; cursor: pointer; display: block; color: #202124; }
ul.issues li button.go:focus-visible { outline: 2px solid #1967d2; }
ul.issues li .title { font-weight: 600; }
ul.issues li .where, ul.issues li .nums { color: #5f6368; font-size: 12px; }
ul.issues li .actions { margin-top: 4px; display: flex; gap: 6px; flex-wrap: wrap; }
ul.issues li.dismissed { opacity: .7; }
ul.issues li .note { font-size: 12px; color: #3c4043; }
button.small { font: inherit; font-size: 12px; padding: 1px 8px; border: 1px solid #dadce0; border-radius: 4px; background: #fff; cursor: pointer; color: #202124; }
button.small:hover { background: #f1f3f4; }
textarea { width: 100%; font: inherit; font-size: 12px; min-height: 40px; }
.exports { display: flex; flex-wrap: wrap; gap: 6px; }
.exports button { font: inherit; font-size: 12px; padding: 3px 10px; border: 1px solid #1f3a5f; border-radius: 4px; background: #fff; color: #1f3a5f; cursor: pointer; }
.exports button:hover { background: #e8f0fe; }
.status { font-size: 12px; color: #5f6368; min-height: 18px; }
.msg { margin: 0 0 8px; padding: 6px 8px; border-radius: 4px; background: #fce8e6; color: #a50e0e; font-size: 12px; }
.fig b, .fig { font-weight: normal; }
.fig.caution { background: #fef7e0; border-radius: 3px; padding: 0 2px; }
.caution-note { color: ${COLORS.error}; font-weight: 600; font-size: 12px; }
ul.issues li .suspect { margin-top: 2px; font-size: 12px; color: ${COLORS.error}; font-weight: 600; }
.muted { color: #5f6368; font-size: 12px; }
.previous { margin: 8px 0; padding: 6px 8px; border-left: 3px solid #1a73e8; background: #f1f6fe; }
.previous p { margin: 0 0 4px; }
.previous-source, ul.issues li .source { font-size: 12px; color: #174ea6; }
.tip {
  position: fixed; z-index: 2147483647; max-width: 340px; padding: 8px 10px; border-radius: 6px; pointer-events: auto;
  overflow-y: auto; overscroll-behavior: contain;
  background: #202124; color: #fff; box-shadow: 0 2px 10px rgba(0,0,0,.3); font-size: 12px;
}
.tip .t { font-weight: 600; font-size: 13px; }
.tip .n { color: #fdd663; }
.tip .c { color: #f6aea9; }
.tip .x { color: #dadce0; }
.tip .src { color: #aecbfa; font-size: 12px; }
.tip .s { color: #fdd663; font-weight: 600; }
@media print { .lens, .badge, .tip { display: none !important; } }
.tip .item + .item { margin-top: 6px; padding-top: 6px; border-top: 1px solid #5f6368; }
`;
