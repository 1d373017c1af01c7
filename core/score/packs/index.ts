/** The packs shipped with the project, validated once when first asked for. Browser-safe. */
import national from './national.json';
import licheng2020 from './licheng-2020.json';
import wuwei2025 from './wuwei-2025.json';
import huaihua2021 from './huaihua-2021.json';
import { Pack } from '../pack';

const RAW: readonly unknown[] = [national, licheng2020, wuwei2025, huaihua2021];

let parsed: Pack[] | null = null;

/** Every shipped pack (a broken shipped pack is a bug: it throws, and a test catches it). */
export function shippedPacks(): readonly Pack[] {
  return (parsed ??= RAW.map((p) => Pack.parse(p)));
}

export function shippedPack(id: string): Pack | undefined {
  return shippedPacks().find((p) => p.id === id);
}

export const DEFAULT_PACK = 'national';
