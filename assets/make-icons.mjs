/**
 * Draws the add-in's icons (16, 32, 64, 80 and 128 px PNGs) without any image library: a teal rounded
 * square with three rising bars (a benefits profile) and an amber cumulative line. Run with
 * `node assets/make-icons.mjs`; the PNGs are committed, so the build does not run this.
 */
import fs from "fs";
import path from "path";
import zlib from "zlib";
import { Buffer } from "buffer";
import { fileURLToPath } from "url";

const here = path.dirname(fileURLToPath(import.meta.url));

const TEAL = [14, 90, 107];
const WHITE = [255, 255, 255];
const AMBER = [245, 166, 35];

/** Colour (with coverage 0..1) at a point of the unit square; later layers paint over earlier ones. */
function paint(x, y) {
  const layers = [];
  // Rounded square background, corner radius 0.18.
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) layers.push(TEAL);
  // Three rising bars standing on a base line at y = 0.82.
  const bars = [
    [0.18, 0.34, 0.58],
    [0.42, 0.58, 0.42],
    [0.66, 0.82, 0.26],
  ];
  for (const [x0, x1, top] of bars) if (x >= x0 && x <= x1 && y >= top && y <= 0.82) layers.push(WHITE);
  // Cumulative line through the bar tops, drawn as a thick segment chain.
  const pts = [
    [0.16, 0.62],
    [0.46, 0.36],
    [0.84, 0.14],
  ];
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[i + 1];
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    if ((x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= 0.055 ** 2) layers.push(AMBER);
  }
  return layers.length ? layers[layers.length - 1] : null;
}

/** RGBA pixels of a size×size icon, 4×4 supersampled for smooth edges. */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const c = paint((i + (si + 0.5) / n) / size, (j + (sj + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (j * size + i) * 4;
      px[o] = a ? Math.round(r / a) : 0;
      px[o + 1] = a ? Math.round(g / a) : 0;
      px[o + 2] = a ? Math.round(b / a) : 0;
      px[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG file (8-bit RGBA, no interlace) of the given pixels. */
function png(size, px) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) px.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(here, `icon-${size}.png`), png(size, render(size)));
}
