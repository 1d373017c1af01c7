/** "Copy issues as text": a short, polite message to the agency listing what looks wrong. */
import { suspectsLine } from '../../core/export/suspects';
import { issueMessage, issueNumbers, issueWhere } from './describe';
import { activeIssues, type EngineState } from './state';

export function letterText(state: EngineState, url: string): string {
  const { t, lang, report } = state;
  const { meta } = report;
  const title = meta.title ?? (meta.agency ? t('reportFallbackTitle', { agency: meta.agency, year: meta.year ?? '' }) : t('thisReport'));
  const list = activeIssues(state).filter((i) => i.severity !== 'info');
  const items = (list.length ? list : activeIssues(state)).map((issue, n) => {
    const nums = issueNumbers(issue, lang, report);
    const message = issueMessage(issue, lang) + (nums ? `（${nums}）` : '');
    // The number that is most likely wrong, and what it should be (or why none can be named).
    const likely = suspectsLine(issue, lang);
    return t('letterItem', { n: n + 1, where: issueWhere(issue, lang) || t('thisReport'), message: likely ? `${message}${lang === 'zh' ? '。' : '. '}${likely}` : message });
  });
  return [t('letterHello'), t('letterIntro', { title }), ...items, '', t('letterOutro', { url })].join('\n');
}
