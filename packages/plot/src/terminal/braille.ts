/**
 * A canvas of Unicode braille cells: each character holds a 2 × 4 grid of dots, so a terminal of
 * w × h characters plots at 2w × 4h resolution.
 */
export class BrailleCanvas {
  readonly width: number;
  readonly height: number;
  private readonly cells: Uint8Array;
  private readonly owner: Int16Array;

  /** A canvas of `width` × `height` characters. */
  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.cells = new Uint8Array(width * height);
    this.owner = new Int16Array(width * height).fill(-1);
  }

  /** Sets the dot at pixel (x, y), y growing downwards; `series` tags the cell for colouring. */
  set(x: number, y: number, series = 0): void {
    if (x < 0 || y < 0 || x >= this.width * 2 || y >= this.height * 4) return;
    const cx = x >> 1;
    const cy = y >> 2;
    // Braille dot numbering: bits 0-2 and 6 are the left column, 3-5 and 7 the right.
    const bit = (x & 1) === 0 ? [0, 1, 2, 6][y & 3] : [3, 4, 5, 7][y & 3];
    const i = cy * this.width + cx;
    this.cells[i] = (this.cells[i] as number) | (1 << (bit as number));
    this.owner[i] = series;
  }

  /** Draws a straight segment between two pixels (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number, series = 0): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (let guard = 0; guard < 100_000; guard++) {
      this.set(x0, y0, series);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** The rows of characters; `paint` wraps each non-empty cell (e.g. in an ANSI colour). */
  rows(paint?: (text: string, series: number) => string): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.height; r++) {
      let row = "";
      for (let c = 0; c < this.width; c++) {
        const i = r * this.width + c;
        const bits = this.cells[i] as number;
        const ch = bits === 0 ? " " : String.fromCharCode(0x2800 + bits);
        row += bits !== 0 && paint ? paint(ch, this.owner[i] as number) : ch;
      }
      out.push(row);
    }
    return out;
  }
}
