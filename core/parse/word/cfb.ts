/**
 * The OLE compound file (CFB, [MS-CFB]) a Word 97–2003 .doc lives in, read from a Uint8Array:
 * the header, the FAT (its sectors listed in the header and the DIFAT chain), the mini FAT, the
 * directory, and a stream's bytes by following its sector chain. Browser-safe, no Node Buffer.
 * Every step is bounded by the file itself: a chain can be no longer than the file has sectors
 * and may not visit a sector twice (a loop), a stream no larger than its chain, the directory no
 * larger than the file. Anything else is a WordReadError ('broken', or 'too-large' past the byte
 * limit), never an exception of our own code or a hang.
 */
import { WordReadError } from './errors';
import { isOleBytes } from './sniff';
import { u16, u32 } from './bytes';

/** A .doc larger than this is not read (a long report is a few MB; the CLI caps files at 50 MB). */
export const MAX_CFB_BYTES = 64 * 1024 * 1024;
/** Directory entries read (a .doc has a dozen; an embedded object adds a few each). */
export const MAX_DIRECTORY_ENTRIES = 65_536;

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;

export interface DirectoryEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

export interface CompoundFile {
  entries: DirectoryEntry[];
  /** A stream directly in the root storage (WordDocument, 0Table, 1Table, Data), or null when there is none. */
  stream(name: string): Uint8Array | null;
}

const broken = (detail: string) => new WordReadError('broken', `cfb: ${detail}`);

/** The compound file in `bytes`; throws WordReadError when it is none, broken or too large. */
export function readCompoundFile(bytes: Uint8Array): CompoundFile {
  if (!isOleBytes(bytes)) throw new WordReadError('not-word', 'cfb: signature');
  if (bytes.length > MAX_CFB_BYTES) throw new WordReadError('too-large', 'cfb: bytes');
  if (bytes.length < 512) throw broken('header');
  const sectorShift = u16(bytes, 0x1e);
  const miniShift = u16(bytes, 0x20);
  if (u16(bytes, 0x1c) !== 0xfffe || (sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) throw broken('header fields');
  const sectorSize = 1 << sectorShift;
  const miniSize = 1 << miniShift;
  const miniCutoff = u32(bytes, 0x38);
  // Sector n starts at (n + 1) × size; a partial last sector is kept (writers do not always pad).
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  if (sectorCount <= 0) throw broken('no sectors');
  const sectorAt = (n: number) => (n + 1) * sectorSize;
  const validSector = (n: number) => n < sectorCount;
  const entriesPerSector = sectorSize / 4;

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain (each sector's last entry links on).
  const fatSectorCount = u32(bytes, 0x2c);
  if (fatSectorCount > sectorCount) throw broken('FAT sector count');
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(bytes, 0x4c + i * 4));
  let difat = u32(bytes, 0x44);
  const difatSeen = new Set<number>();
  while (fatSectors.length < fatSectorCount) {
    if (!validSector(difat)) throw broken('DIFAT chain');
    if (difatSeen.has(difat)) throw broken('DIFAT loop');
    difatSeen.add(difat);
    const at = sectorAt(difat);
    for (let i = 0; i < entriesPerSector - 1 && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(bytes, at + i * 4));
    difat = u32(bytes, at + sectorSize - 4);
  }
  // Only the entries for sectors the file has: a chain into any other sector is broken anyway.
  const fat = new Uint32Array(Math.min(fatSectorCount * entriesPerSector, sectorCount)).fill(FREESECT);
  fatSectors.forEach((s, i) => {
    if (!validSector(s)) throw broken('FAT sector');
    const at = sectorAt(s);
    for (let k = 0; k < entriesPerSector && i * entriesPerSector + k < fat.length && at + k * 4 + 4 <= bytes.length; k++) fat[i * entriesPerSector + k] = u32(bytes, at + k * 4);
  });

  /** The sectors of a chain from `start`, in `table` (the FAT or the mini FAT), at most `limit` long and loop-free. */
  const chain = (table: Uint32Array, start: number, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = new Uint8Array(table.length);
    for (let s = start; s !== ENDOFCHAIN; s = table[s]) {
      if (s >= table.length || s >= limit) throw broken(`${what} chain`);
      if (seen[s]) throw broken(`${what} loop`);
      seen[s] = 1;
      out.push(s);
    }
    return out;
  };
  /** A chain's bytes, cut to `size` (which may not exceed them). */
  const gather = (sectors: number[], unit: number, at: (n: number) => number, source: Uint8Array, size: number, what: string): Uint8Array => {
    if (size > sectors.length * unit) throw broken(`${what} size`);
    const out = new Uint8Array(size);
    for (let i = 0, done = 0; done < size; i++) {
      const from = at(sectors[i]);
      const take = Math.min(unit, size - done);
      if (from + take > source.length) throw broken(`${what} past the end`);
      out.set(source.subarray(from, from + take), done);
      done += take;
    }
    return out;
  };
  const bigStream = (start: number, size: number, what: string) => (size === 0 ? new Uint8Array(0) : gather(chain(fat, start, sectorCount, what), sectorSize, sectorAt, bytes, size, what));

  // The directory: a chain of 128-byte entries; entry 0 is the root, whose stream is the mini stream.
  const dirSectors = chain(fat, u32(bytes, 0x30), sectorCount, 'directory');
  if (dirSectors.length * (sectorSize / DIRECTORY_ENTRY_BYTES) > MAX_DIRECTORY_ENTRIES) throw new WordReadError('too-large', 'cfb: directory');
  const dir = gather(dirSectors, sectorSize, sectorAt, bytes, dirSectors.length * sectorSize, 'directory');
  const entries: DirectoryEntry[] = [];
  for (let at = 0; at + DIRECTORY_ENTRY_BYTES <= dir.length; at += DIRECTORY_ENTRY_BYTES) {
    const nameBytes = Math.min(64, u16(dir, at + 0x40));
    let name = '';
    for (let i = 0; i + 2 <= nameBytes - 2; i += 2) name += String.fromCharCode(u16(dir, at + i));
    // The size's high half matters only for 4096-byte sectors (version 4); version 3 writers may leave junk there.
    const high = sectorShift === 12 ? u32(dir, at + 0x7c) : 0;
    entries.push({ name, type: dir[at + 0x42], left: u32(dir, at + 0x44), right: u32(dir, at + 0x48), child: u32(dir, at + 0x4c), start: u32(dir, at + 0x74), size: high ? Infinity : u32(dir, at + 0x78) });
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw broken('root entry');

  let mini: { fat: Uint32Array; stream: Uint8Array } | null = null;
  const miniStreams = () => {
    if (mini) return mini;
    const miniFatSectors = u32(bytes, 0x40);
    if (miniFatSectors > sectorCount) throw broken('mini FAT sector count');
    const miniFatBytes = miniFatSectors ? bigStream(u32(bytes, 0x3c), miniFatSectors * sectorSize, 'mini FAT') : new Uint8Array(0);
    const table = new Uint32Array(miniFatBytes.length / 4);
    for (let i = 0; i < table.length; i++) table[i] = u32(miniFatBytes, i * 4);
    if (root.size > bytes.length) throw broken('mini stream size');
    return (mini = { fat: table, stream: bigStream(root.start, root.size, 'mini stream') });
  };

  // The root's children: a tree by left/right siblings, walked without recursion and each entry once.
  const children = new Map<string, DirectoryEntry>();
  const pending = [root.child];
  const visited = new Uint8Array(entries.length);
  while (pending.length) {
    const id = pending.pop()!;
    if (id === NOSTREAM) continue;
    if (id >= entries.length || visited[id]) throw broken('directory tree');
    visited[id] = 1;
    const entry = entries[id];
    if (!children.has(entry.name)) children.set(entry.name, entry);
    pending.push(entry.left, entry.right);
  }

  return {
    entries,
    stream(name) {
      const entry = children.get(name);
      if (!entry || entry.type !== 2) return null;
      if (entry.size > bytes.length) throw broken(`${name} size`);
      if (entry.size >= miniCutoff) return bigStream(entry.start, entry.size, name);
      const m = miniStreams();
      const sectors = chain(m.fat, entry.start, Math.ceil(m.stream.length / miniSize), name);
      return gather(sectors, miniSize, (n) => n * miniSize, m.stream, entry.size, name);
    },
  };
}
