/** Which year a report is for, from its meta alone. */

/** The report year: meta.year, else the title's year, else the year of 统计期限. */
export function reportYear(meta: { year: number | null; titleYear: number | null; period: { from: string } | null }): number | null {
  return meta.year ?? meta.titleYear ?? (meta.period ? Number(meta.period.from.slice(0, 4)) || null : null);
}
