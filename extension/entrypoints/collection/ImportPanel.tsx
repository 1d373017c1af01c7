/**
 * Import of our own JSON export, said before it is done (issue 20 G): what it adds, replaces and
 * skips, and per report its site and when it was collected (as the file says). A report whose
 * recorded site does not match its own address, or that would replace a report the user read at
 * that address, is held back: imported only if the user ticks it (unticked by default).
 * Page-derived text only ever as text nodes.
 */
import { useState } from 'preact/hooks';
import { boundedList, type EntrySummary } from '../../lib/collection';
import { parseImport, previewImport, type ImportEntry, type ImportPreview, type ImportRow, type Skipped } from '../../lib/collection-import';
import { idFor, putReports } from '../../lib/collection-db';
import type { CT } from '../../lib/collection-i18n';
import type { Message } from './Collection';

const IMPORT_MAX_MB = 200;
/** Rows of the preview's table shown at once (the rest are counted). */
const ROWS_SHOWN = 200;

export function skippedText(t: CT, s: Skipped): string {
  if (s.reason === 'invalid') return t('skip.invalid', { n: s.n, name: s.name, detail: s.detail });
  if (s.reason === 'full') return t('skip.full', { n: s.n, name: s.name });
  return t('skip.noKey', { n: s.n, name: s.name });
}

interface Pending {
  file: string;
  entries: ImportEntry[];
  preview: ImportPreview;
}

interface Props {
  t: CT;
  busy: boolean;
  setBusy(b: boolean): void;
  setMsg(m: Message | ((m: Message) => Message)): void;
  reload(): Promise<unknown>;
  writeError(e: unknown, what: string): void;
  more(n: number): string;
  entries: readonly EntrySummary[];
}

const hostOf = (origin: string | null) => (origin ? origin.replace(/^https?:\/\//, '') : null);

function Row({ t, row, chosen, choose }: { t: CT; row: ImportRow; chosen: boolean; choose(on: boolean): void }) {
  return (
    <tr data-action-kind={row.action} data-hold={row.hold ?? ''}>
      <td>{row.name}</td>
      <td>{hostOf(row.origin) ?? t('importNoAddress')}</td>
      <td>{row.at ? row.at.slice(0, 10) : t('importNoDate')}</td>
      <td>
        {row.action === 'hold' ? (
          <label class="hold">
            <input type="checkbox" data-action="import-hold" checked={chosen} onChange={(e) => choose((e.target as HTMLInputElement).checked)} /> {t(`importHold.${row.hold!}`)}
          </label>
        ) : (
          t(`importAction.${row.action}`)
        )}
      </td>
    </tr>
  );
}

export function ImportPanel({ t, busy, setBusy, setMsg, reload, writeError, more, entries }: Props) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());

  const chooseImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setPending(null);
    setChosen(new Set());
    if (!file) return;
    if (file.size > IMPORT_MAX_MB * 1024 * 1024) {
      return setMsg({ kind: 'error', lines: [t('importTooBig', { file: file.name, mb: Math.round(file.size / 1024 / 1024), max: IMPORT_MAX_MB })] });
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setMsg({ kind: 'error', lines: [t('importUnreadable', { file: file.name })] });
    }
    const res = parseImport(text);
    if (!res.ok) return setMsg({ kind: 'error', lines: [t(res.error === 'notJson' ? 'importNotJson' : 'importNotOurs', { file: file.name })] });
    const kept = new Map(entries.map((e) => [e.id, e.via]));
    const preview = previewImport(res, (e) => idFor({ report: e.report, url: e.url, fallbackOrigin: 'import:' })?.id ?? null, kept);
    if (!res.entries.length) {
      return setMsg({ kind: 'error', lines: [t('importNothing'), t('importSkipList', { reasons: boundedList(res.skipped.map((s) => skippedText(t, s)), 5, '；', more) })] });
    }
    setMsg(null);
    setPending({ file: file.name, entries: res.entries, preview });
  };

  const confirmImport = async () => {
    if (!pending) return;
    // Held back unless ticked.
    const list = pending.preview.rows.filter((r) => r.action !== 'hold' || chosen.has(r.index)).map((r) => pending.entries[r.index]);
    const file = pending.file.slice(0, 200);
    setPending(null);
    setBusy(true);
    setMsg({ kind: 'ok', lines: [t('importBusy', { n: list.length })] });
    let n = 0;
    try {
      for (let i = 0; i < list.length; i += 100) {
        const res = await putReports(list.slice(i, i + 100).map((e) => ({ report: e.report, url: e.url, via: 'import' as const, fallbackOrigin: 'import:', file, ...(e.collected.attachment ? { attachment: e.collected.attachment } : {}) })));
        const failed = res.find((r) => !r.ok && (r.reason === 'quota' || r.reason === 'failed'));
        if (failed && !failed.ok) throw failed.reason === 'quota' ? Object.assign(new Error('quota'), { name: 'QuotaExceededError' }) : new Error(failed.error ?? 'failed');
        n += res.filter((r) => r.ok).length;
      }
      setMsg({ kind: 'ok', lines: [t('importDone', { n })] });
    } catch (e) {
      writeError(e, t('quotaImport'));
      if (n) setMsg((m) => ({ kind: 'error', lines: [...(m?.lines ?? []), t('importDone', { n })] }));
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const p = pending?.preview;
  return (
    <>
      <h2>{t('importTitle')}</h2>
      <p class="hint">{t('importHelp')}</p>
      <input type="file" accept=".json,application/json" data-action="import" disabled={busy} onChange={(e) => void chooseImport(e.target as HTMLInputElement)} />
      {pending && p && (
        <div class="preview" data-preview-add={p.add.length} data-preview-replace={p.replace.length} data-preview-hold={p.held.length} data-preview-skip={p.skipped.length}>
          <p>{t('importPreview', { file: pending.file, add: p.add.length, replace: p.replace.length, skip: p.skipped.length })}</p>
          {p.add.length > 0 && <p class="hint">{t('importAdd', { names: boundedList(p.add, 5, '、', more) })}</p>}
          {p.replace.length > 0 && <p class="hint">{t('importReplace', { names: boundedList(p.replace, 5, '、', more) })}</p>}
          {p.held.length > 0 && <p class="held">{t('importHeld', { n: p.held.length })}</p>}
          {p.skipped.length > 0 && <p class="hint">{t('importSkipList', { reasons: boundedList(p.skipped.map((s) => skippedText(t, s)), 5, '；', more) })}</p>}
          <table class="import-rows">
            <thead>
              <tr>
                <th>{t('importColReport')}</th>
                <th>{t('importColOrigin')}</th>
                <th>{t('importColCollected')}</th>
                <th>{t('importColAction')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.slice(0, ROWS_SHOWN).map((row) => (
                <Row
                  key={row.index}
                  t={t}
                  row={row}
                  chosen={chosen.has(row.index)}
                  choose={(on) => {
                    const next = new Set(chosen);
                    if (on) next.add(row.index);
                    else next.delete(row.index);
                    setChosen(next);
                  }}
                />
              ))}
            </tbody>
          </table>
          {p.rows.length > ROWS_SHOWN && <p class="hint">{more(p.rows.length - ROWS_SHOWN)}</p>}
          <div class="row">
            <button type="button" class="primary" data-action="import-confirm" onClick={() => void confirmImport()}>
              {t('importConfirm')}
            </button>
            <button type="button" data-action="import-cancel" onClick={() => (setPending(null), setMsg({ kind: 'ok', lines: [t('importCancelled')] }))}>
              {t('importCancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
