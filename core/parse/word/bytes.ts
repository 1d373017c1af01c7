/**
 * Little-endian integers in a Word file's bytes (the OLE container and the Word streams alike). A
 * read past either end gives 0, never undefined: a damaged file is then named broken by the check
 * that reads the value, instead of NaN travelling on.
 */
export const u8 = (b: Uint8Array, at: number): number => b[at] ?? 0;
// Bitwise operators read an index out of range (undefined) as 0.
export const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8);
export const i16 = (b: Uint8Array, at: number): number => (u16(b, at) << 16) >> 16;
export const u32 = (b: Uint8Array, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
