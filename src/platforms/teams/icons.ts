/**
 * The two icons of the Teams app package, drawn in code: a binary in the repository could not be
 * reviewed in a diff, and an image library would be a native dependency for two small squares.
 *
 * Teams wants a 192×192 colour icon and a 32×32 outline icon that is white on transparent.
 */
import { deflateSync } from 'node:zlib';

const koersBlue = [0x1f, 0x4e, 0x5f] as const;
const white = [0xff, 0xff, 0xff] as const;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

// zlib.crc32 only arrived in Node 20.15; the engines field allows any Node 20.
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG; `pixels` holds width×height×4 bytes, row by row. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * 4) throw new Error('encodePng: pixel count does not match size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  // Compression, filter method and interlace stay 0: the only values PNG defines or we need.
  const stride = width * 4;
  const scanlines = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    // Filter type 0 per row: the images are flat colours that deflate well without prediction.
    scanlines.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Point = readonly [number, number];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const along = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + along * dx), py - (ay + along * dy));
}

/** A "K" of three strokes in the unit square, centred; `weight` is the stroke width. */
function inK(p: Point, weight: number): boolean {
  const half = weight / 2;
  return (
    distanceToSegment(p, [0.33, 0.22], [0.33, 0.78]) <= half ||
    distanceToSegment(p, [0.36, 0.55], [0.7, 0.22]) <= half ||
    distanceToSegment(p, [0.47, 0.45], [0.71, 0.78]) <= half
  );
}

function inRoundedSquare([x, y]: Point, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

const samples = 4;

/**
 * Paints a size×size image from a function that colours a point of the unit square, averaging
 * samples×samples points per pixel so that the diagonals of the K do not look jagged.
 */
function paint(size: number, colourAt: (p: Point) => readonly [number, number, number] | null): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt([(x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size]);
          if (!colour) continue;
          covered++;
          for (let i = 0; i < 3; i++) sum[i] = (sum[i] ?? 0) + (colour[i] ?? 0);
        }
      }
      const at = (y * size + x) * 4;
      if (covered === 0) continue;
      for (let i = 0; i < 3; i++) pixels[at + i] = Math.round((sum[i] ?? 0) / covered);
      pixels[at + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

/** 192×192: a white K on a rounded square in Koers's blue. */
export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(
    size,
    size,
    paint(size, (p) => (inRoundedSquare(p, 0.18) ? (inK(p, 0.11) ? white : koersBlue) : null)),
  );
}

/** 32×32: the same K, white on transparent; a heavier stroke, since thin lines vanish at this size. */
export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(
    size,
    size,
    paint(size, (p) => (inK(p, 0.14) ? white : null)),
  );
}
