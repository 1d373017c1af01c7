/** Last year's report of the same agency from the collection, for the cross-year rules. */
import type { Report } from '../core';
import { rememberedItem } from '../../lib/storage';

export async function previousOf(agency: string, year: number): Promise<Report | null> {
  const kept = (await rememberedItem.getValue())[`${agency}|${year - 1}`];
  return (kept?.report as Report | undefined) ?? null;
}
