import { inflateSync } from "node:zlib";

/**
 * Makes an SVG snapshot stable, like Observable Plot's test harness: numbers rounded to 2 decimals,
 * generated ids renumbered in order of appearance, one tag per line for readable diffs.
 */
export function normaliseSVG(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(/\b(clip|gradient|pattern)(_?\d+)\b/g, (m, kind: string) => {
      if (!ids.has(m)) ids.set(m, `${kind}-${ids.size + 1}`);
      return ids.get(m) as string;
    })
    .replace(/-?\d*\.\d+(?:e[-+]?\d+)?/gi, (m) => {
      const v = Math.round(Number(m) * 100) / 100;
      return Object.is(v, -0) ? "0" : String(v);
    })
    .replace(/></g, ">\n<");
}

/** A decoded PNG: size and RGBA pixels (8-bit RGBA, non-interlaced, as resvg writes them). */
export interface DecodedPNG {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** A minimal PNG decoder for the checks (RGBA8 only): inflate the IDAT stream and undo the filters. */
export function decodePNG(bytes: Uint8Array): DecodedPNG {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  signature.forEach((b, i) => {
    if (bytes[i] !== b) throw new Error("not a PNG");
  });
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0)
        throw new Error("expected 8-bit RGBA, no interlace");
    } else if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= 4 ? (rgba[y * stride + x - 4] as number) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] as number) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] as number) : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Pixels that are visibly darker than white (any channel below 200) and opaque. */
export function inkedPixels(png: DecodedPNG): number {
  let n = 0;
  for (let i = 0; i < png.rgba.length; i += 4) {
    const [r, g, b, a] = [png.rgba[i], png.rgba[i + 1], png.rgba[i + 2], png.rgba[i + 3]] as number[];
    if ((a as number) > 128 && Math.min(r as number, g as number, b as number) < 200) n++;
  }
  return n;
}

/** Width and height attributes of the root <svg>. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error("no width/height on <svg>");
  return { width: Number(m[1]), height: Number(m[2]) };
}
