/** Previous / page n of m / next, for the matrix's agencies and the reports list. */
import type { CT } from '../../lib/collection-i18n';

export function Pager({ t, page, pages, set, name }: { t: CT; page: number; pages: number; set: (p: number) => void; name: string }) {
  if (pages <= 1) return null;
  return (
    <div class="row pager" data-pager={name}>
      <button type="button" disabled={page <= 0} onClick={() => set(page - 1)}>
        {t('prev')}
      </button>
      <span>{t('page', { page: page + 1, pages })}</span>
      <button type="button" disabled={page >= pages - 1} onClick={() => set(page + 1)}>
        {t('next')}
      </button>
    </div>
  );
}
