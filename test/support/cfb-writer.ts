/**
 * A small OLE compound file writer for tests of core/parse/word/cfb.ts: 512-byte sectors (version
 * 3) or 4096-byte ones (version 4), one FAT sector (files up to 128 or 1024 sectors), streams of 4096 bytes or more in sectors of their own, smaller
 * ones in the mini stream. It returns where each part lies so a test can break exactly one thing
 * (a chain looping, a size too large, a directory tree pointing at itself).
 */
const MINI = 64;
const CUTOFF = 4096;
const END = 0xfffffffe;
const FREE = 0xffffffff;

export interface CfbEntry {
  name: string;
  data?: Uint8Array;
  /** A storage holding these entries (its own streams, not the root's). */
  children?: CfbEntry[];
}

export interface WrittenCfb {
  bytes: Uint8Array;
  /** Byte offset of FAT entry `n`. */
  fatEntryAt(n: number): number;
  /** Byte offset of directory entry `id` (0 is the root). */
  entryAt(id: number): number;
  /** Sectors (big or mini) of a stream, by name, in chain order. */
  sectors: Map<string, { mini: boolean; list: number[] }>;
  /** Byte offset of mini FAT entry `n`. */
  miniFatEntryAt(n: number): number;
}

export function writeCfb(entries: CfbEntry[], { version = 3 }: { version?: 3 | 4 } = {}): WrittenCfb {
  const sectorSize = version === 4 ? 4096 : 512;
  const perFat = sectorSize / 4;
  const perDir = sectorSize / 128;
  const flat: { entry: CfbEntry; parent: number; id: number }[] = [];
  const walk = (list: CfbEntry[], parent: number) => {
    for (const entry of list) {
      const id = flat.length + 1;
      flat.push({ entry, parent, id });
      if (entry.children) walk(entry.children, id);
    }
  };
  walk(entries, 0);
  const sectors: Uint8Array[] = [new Uint8Array(sectorSize)]; // sector 0: the FAT
  const fat: number[] = [0xfffffffd];
  const chainOf = (count: number) => {
    const list: number[] = [];
    for (let i = 0; i < count; i++) {
      list.push(sectors.length);
      sectors.push(new Uint8Array(sectorSize));
      fat.push(END);
      if (i) fat[list[i - 1]] = list[i];
    }
    return list;
  };
  const dirSectors = chainOf(Math.ceil((flat.length + 1) / perDir));
  const miniFat: number[] = [];
  let mini = new Uint8Array(0);
  const placed = new Map<string, { mini: boolean; list: number[] }>();
  const starts: number[] = [];
  for (const { entry, id } of flat) {
    const data = entry.data;
    if (!data) continue;
    if (data.length >= CUTOFF) {
      const list = chainOf(Math.ceil(data.length / sectorSize));
      list.forEach((s, i) => sectors[s].set(data.subarray(i * sectorSize, (i + 1) * sectorSize)));
      placed.set(entry.name, { mini: false, list });
      starts[id] = list[0];
    } else {
      const count = Math.max(1, Math.ceil(data.length / MINI));
      const list = Array.from({ length: count }, (_, i) => miniFat.length + i);
      list.forEach((s, i) => miniFat.push(i + 1 < count ? s + 1 : END));
      const grown = new Uint8Array(miniFat.length * MINI);
      grown.set(mini);
      grown.set(data, list[0] * MINI);
      mini = grown;
      placed.set(entry.name, { mini: true, list });
      starts[id] = data.length ? list[0] : END;
    }
  }
  const miniFatSectors = miniFat.length ? chainOf(Math.ceil(miniFat.length / perFat)) : [];
  miniFatSectors.forEach((s, i) => {
    const view = new DataView(sectors[s].buffer);
    for (let k = 0; k < perFat; k++) view.setUint32(k * 4, miniFat[i * perFat + k] ?? FREE, true);
  });
  const miniStreamSectors = mini.length ? chainOf(Math.ceil(mini.length / sectorSize)) : [];
  miniStreamSectors.forEach((s, i) => sectors[s].set(mini.subarray(i * sectorSize, (i + 1) * sectorSize)));
  if (fat.length > perFat) throw new Error('cfb-writer: too many sectors for one FAT sector');
  const fatView = new DataView(sectors[0].buffer);
  for (let k = 0; k < perFat; k++) fatView.setUint32(k * 4, fat[k] ?? FREE, true);

  // Directory: the root, then each entry; siblings linked through `right`, a storage's first child through `child`.
  const entryBytes = (name: string, type: number, child: number, right: number, start: number, size: number) => {
    const b = new Uint8Array(128);
    const v = new DataView(b.buffer);
    for (let i = 0; i < name.length; i++) v.setUint16(i * 2, name.charCodeAt(i), true);
    v.setUint16(0x40, (name.length + 1) * 2, true);
    b[0x42] = type;
    b[0x43] = 1;
    v.setUint32(0x44, FREE, true);
    v.setUint32(0x48, right, true);
    v.setUint32(0x4c, child, true);
    v.setUint32(0x74, start, true);
    v.setUint32(0x78, size, true);
    return b;
  };
  const firstChild = (parent: number) => flat.find((f) => f.parent === parent)?.id ?? FREE;
  const nextSibling = (id: number, parent: number) => flat.find((f) => f.parent === parent && f.id > id)?.id ?? FREE;
  const dir = [entryBytes('Root Entry', 5, firstChild(0), FREE, miniStreamSectors[0] ?? END, mini.length)];
  for (const { entry, parent, id } of flat) {
    dir.push(entry.children ? entryBytes(entry.name, 1, firstChild(id), nextSibling(id, parent), 0, 0) : entryBytes(entry.name, 2, FREE, nextSibling(id, parent), starts[id] ?? END, entry.data?.length ?? 0));
  }
  dir.forEach((b, i) => sectors[dirSectors[Math.floor(i / perDir)]].set(b, (i % perDir) * 128));

  const header = new Uint8Array(sectorSize);
  const h = new DataView(header.buffer);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  h.setUint16(0x18, 0x3e, true);
  h.setUint16(0x1a, version, true);
  h.setUint16(0x1c, 0xfffe, true);
  h.setUint16(0x1e, version === 4 ? 12 : 9, true);
  if (version === 4) h.setUint32(0x28, dirSectors.length, true);
  h.setUint16(0x20, 6, true);
  h.setUint32(0x2c, 1, true);
  h.setUint32(0x30, dirSectors[0], true);
  h.setUint32(0x38, CUTOFF, true);
  h.setUint32(0x3c, miniFatSectors[0] ?? END, true);
  h.setUint32(0x40, miniFatSectors.length, true);
  h.setUint32(0x44, END, true);
  h.setUint32(0x4c, 0, true);
  for (let i = 1; i < 109; i++) h.setUint32(0x4c + i * 4, FREE, true);

  const bytes = new Uint8Array(sectorSize * (sectors.length + 1));
  bytes.set(header);
  sectors.forEach((s, i) => bytes.set(s, sectorSize * (i + 1)));
  const sectorAt = (n: number) => sectorSize * (n + 1);
  return {
    bytes,
    fatEntryAt: (n) => sectorAt(0) + n * 4,
    entryAt: (id) => sectorAt(dirSectors[Math.floor(id / perDir)]) + (id % perDir) * 128,
    sectors: placed,
    miniFatEntryAt: (n) => sectorAt(miniFatSectors[Math.floor(n / perFat)]) + (n % perFat) * 4,
  };
}
