/** A PNG's signature, an IHDR declaring `width` × `height`, and the start of an IDAT: what a decompression bomb begins with. */
export function bombPng(width: number, height: number): Buffer {
  const b = Buffer.alloc(8 + 25 + 16);
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 0, 0, 0, 0], 24);
  b.writeUInt32BE(4, 33);
  b.write('IDAT', 37, 'latin1');
  return b;
}
