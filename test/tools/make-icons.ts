// Draws the extension icons (public/icon-48.png, public/icon-128.png): a blue tile with a white
// stripe, readable on light and dark toolbars. Re-run after changing the drawing:
//   npx tsx test/tools/make-icons.ts
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const BLUE = [0x1a, 0x5f, 0xb4, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function icon(size: number): Buffer {
  const r = size * 0.18; // corner radius
  const stripe = [size * 0.42, size * 0.58];
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = [0]; // filter: none
    for (let x = 0; x < size; x++) {
      // Outside the rounded corners stays transparent.
      const cx = Math.min(Math.max(x + 0.5, r), size - r);
      const cy = Math.min(Math.max(y + 0.5, r), size - r);
      const inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;
      const inStripe = y + 0.5 >= stripe[0]! && y + 0.5 <= stripe[1]! && x >= size * 0.2 && x < size * 0.8;
      row.push(...(inside ? (inStripe ? WHITE : BLUE) : CLEAR));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [48, 128]) writeFileSync(new URL(`../../public/icon-${size}.png`, import.meta.url), icon(size));
