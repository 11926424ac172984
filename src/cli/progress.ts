/**
 * A one-line progress bar on stderr: only on a terminal, and only once the work has taken
 * more than a second (a fast conversion prints nothing but its summary).
 */
import { formatBytes } from './style.js';

export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    /** `bytes` shows sizes and a rate; `layers` shows counts. */
    private readonly unit: 'bytes' | 'layers' = 'bytes',
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update = (done: number, total: number): void => {
    if (!this.stream.isTTY) return;
    const now = performance.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(frac * width);
    const rate = done / ((now - this.started) / 1000);
    const amount = this.unit === 'bytes' ? `${formatBytes(done)}/${formatBytes(total)} ${formatBytes(rate)}/s` : `${done}/${total} layers`;
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${amount} `);
  };

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
  }
}
