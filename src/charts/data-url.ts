/** A PNG inline in an Adaptive Card: `data:image/png;base64,…`, and how many PNG bytes fit in one. */

const PREFIX = 'data:image/png;base64,';

export function pngDataUrl(png: Uint8Array): string {
  return PREFIX + Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64');
}

/** The most PNG bytes whose data URL is at most `urlBytes` long (base64: 4 characters per 3 bytes). */
export function pngBytesForDataUrl(urlBytes: number): number {
  return Math.max(0, Math.floor((urlBytes - PREFIX.length) / 4) * 3);
}
