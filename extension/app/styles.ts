/** The two stylesheets: the marks injected in the page, and the shadow root's own. */

export const COLORS = { error: '#c5221f', warning: '#b06000', info: '#1967d2' } as const;

/**
 * Marks in the page's own tables: an inset outline, a light tint and a small corner badge drawn
 * with ::after (absolutely positioned) — nothing changes size, nothing moves.
 */
export const MARK_CSS = `
[data-nianbao-severity] { position: relative; outline: 2px solid var(--nianbao-c) !important; outline-offset: -2px !important; cursor: help; }
[data-nianbao-severity="error"] { --nianbao-c: ${COLORS.error}; background-color: rgba(197, 34, 31, 0.10) !important; }
[data-nianbao-severity="warning"] { --nianbao-c: ${COLORS.warning}; background-color: rgba(227, 116, 0, 0.10) !important; }
[data-nianbao-severity="info"] { --nianbao-c: ${COLORS.info}; background-color: rgba(25, 103, 210, 0.08) !important; }
[data-nianbao-severity]::after {
  content: "!"; position: absolute; top: -6px; right: -6px; z-index: 2;
  width: 13px; height: 13px; border-radius: 50%; box-sizing: border-box;
  background: var(--nianbao-c); color: #fff; font: bold 10px/13px system-ui, sans-serif; text-align: center;
  pointer-events: none; text-indent: 0; letter-spacing: 0;
}
[data-nianbao-severity="info"]::after { content: "i"; }
[data-nianbao-severity]:focus { outline-width: 3px !important; }
[data-nianbao-flash] { animation: nianbao-flash 0.4s ease-in-out 4 alternate; }
@keyframes nianbao-flash { from { box-shadow: inset 0 0 0 0 transparent; } to { box-shadow: inset 0 0 0 100vmax rgba(255, 213, 0, 0.55); } }
@media print { [data-nianbao-severity] { outline: none !important; background: none !important; } [data-nianbao-severity]::after { display: none; } }
`;

export const SHADOW_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.lens, .tip, .badge { font: 13px/1.5 system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #202124; }
.badge {
  position: fixed; right: 16px; bottom: 16px; display: flex; gap: 6px; align-items: center;
  padding: 6px 12px; border: 0; border-radius: 18px; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25);
  background: #fff; color: #202124; font-weight: 600;
}
.badge .dot { display: inline-block; min-width: 20px; padding: 0 6px; border-radius: 10px; color: #fff; text-align: center; font-size: 12px; }
.lens {
  position: fixed; right: 16px; bottom: 16px; width: 380px; max-width: calc(100vw - 32px); max-height: calc(100vh - 32px);
  display: flex; flex-direction: column; background: #fff; border-radius: 10px; box-shadow: 0 4px 24px rgba(0,0,0,.28); overflow: hidden;
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
.muted { color: #5f6368; font-size: 12px; }
.tip {
  position: fixed; z-index: 2147483647; max-width: 340px; padding: 8px 10px; border-radius: 6px; pointer-events: none;
  background: #202124; color: #fff; box-shadow: 0 2px 10px rgba(0,0,0,.3); font-size: 12px;
}
.tip .t { font-weight: 600; font-size: 13px; }
.tip .n { color: #fdd663; }
.tip .x { color: #dadce0; }
.tip .item + .item { margin-top: 6px; padding-top: 6px; border-top: 1px solid #5f6368; }
`;
