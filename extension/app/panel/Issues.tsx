/** Issues grouped by severity; click one to see its cell; dismiss it with a note. */
import { useState } from 'preact/hooks';
import type { Issue } from '../core';
import { issueCandidates, issueMessage, issueNumbers, issueTitle, issueWhere } from '../describe';
import { issueKey, SEVERITIES, type EngineState } from '../state';
import { trusted } from '../trusted';
import { pairedFindings, previousSourceText } from './Previous';

export interface IssueActions {
  reveal(issue: Issue): void;
  dismiss(issue: Issue, note: string | null): void;
  /** The issue is hovered or focused in the list (null: no longer): show the cells it takes part in. */
  hover?(issue: Issue | null): void;
}

/** "可能出错：予以公开 · 总计 印 17，应为 15" — the suspects of an issue, when the core names them. */
function suspectLine(issue: Issue, state: EngineState): string {
  const list = issue.suspects ?? [];
  if (!list.length) return '';
  const { lang, t } = state;
  return list
    .map((s) => {
      const where = issueWhere({ ...issue, table: s.table, row: s.row, column: s.column }, lang).replace(/^[^·]*· /, '');
      return `${where} ${s.printed === null ? t('suspectBlank', { suggested: s.suggested }) : t('suspectPrinted', { printed: s.printed, suggested: s.suggested })}`;
    })
    .join('；');
}

function IssueItem({ state, issue, actions }: { state: EngineState; issue: Issue; actions: IssueActions }) {
  const { lang, t, report } = state;
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const dismissal = state.dismissals[issueKey(issue)];
  const nums = issueNumbers(issue, lang, report);
  const suspects = suspectLine(issue, state);
  const candidates = issueCandidates(issue, lang);
  const hover = (on: boolean) => actions.hover?.(on ? issue : null);
  const paired = pairedFindings(state).has(issue);
  return (
    <li
      class={`sev-${issue.severity}${dismissal ? ' dismissed' : ''}`}
      data-rule={issue.rule}
      data-paired={paired ? '' : undefined}
      data-severity={issue.severity}
      onMouseEnter={trusted(() => hover(true))}
      onMouseLeave={trusted(() => hover(false))}
    >
      <button class="go" type="button" title={t('showCell')} onClick={trusted(() => actions.reveal(issue))} onFocus={trusted(() => hover(true))} onBlur={trusted(() => hover(false))}>
        <div class="title">{issueTitle(issue, lang)}</div>
        <div class="what">{issueMessage(issue, lang)}</div>
        {issueWhere(issue, lang) && <div class="where">{issueWhere(issue, lang)}</div>}
        {nums && <div class="nums">{nums}</div>}
        {suspects && (
          <div class="suspect" data-suspects={(issue.suspects ?? []).map((x) => `${x.table}.${x.row}.${x.column}=${x.suggested}`).join(' ')}>
            {t('suspectLead')}
            {suspects}
          </div>
        )}
        {candidates && <div class="suspect candidates">{candidates}</div>}
        {paired && <div class="source">{previousSourceText(state)}</div>}
      </button>
      {dismissal ? (
        <div class="actions">
          <span class="note">
            {t('dismissed')}
            {dismissal.note ? `：${dismissal.note}` : ''}
          </span>
          <button class="small" type="button" onClick={trusted(() => actions.dismiss(issue, null))}>
            {t('restore')}
          </button>
        </div>
      ) : editing ? (
        <div class="actions" style={{ display: 'block' }}>
          <textarea placeholder={t('dismissNote')} value={note} onInput={trusted((e) => setNote((e.target as HTMLTextAreaElement).value))} />
          <button class="small" type="button" onClick={trusted(() => (actions.dismiss(issue, note.trim()), setEditing(false)))}>
            {t('save')}
          </button>{' '}
          <button class="small" type="button" onClick={trusted(() => setEditing(false))}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <div class="actions">
          <button class="small" type="button" onClick={trusted(() => setEditing(true))}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </li>
  );
}

export function Issues({ state, actions }: { state: EngineState; actions: IssueActions }) {
  const { t, issues } = state;
  const active = issues.filter((i) => !state.dismissals[issueKey(i)]);
  const dismissed = issues.filter((i) => state.dismissals[issueKey(i)]);
  return (
    <section class="issues">
      <h2>{t('issues')}</h2>
      {!state.rulesLoaded && <p class="muted">{t('notChecked')}</p>}
      {state.rulesLoaded && active.length === 0 && <p>{t('noIssues')}</p>}
      {SEVERITIES.map((sev) => {
        const list = active.filter((i) => i.severity === sev);
        if (!list.length) return null;
        return (
          <details class="group" open={sev !== 'info'} data-severity={sev}>
            <summary class={`sev-${sev}`}>
              {t(`severity.${sev}`)}（{list.length}）
            </summary>
            <ul class="issues">
              {list.map((i) => (
                <IssueItem key={issueKey(i)} state={state} issue={i} actions={actions} />
              ))}
            </ul>
          </details>
        );
      })}
      {dismissed.length > 0 && (
        <details class="group" data-severity="dismissed">
          <summary>{t('dismissedCount', { n: dismissed.length })}</summary>
          <ul class="issues">
            {dismissed.map((i) => (
              <IssueItem key={issueKey(i)} state={state} issue={i} actions={actions} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
