/**
 * Progress on stderr. On a terminal: one line redrawn in place, only once the work has taken
 * more than a second (a fast conversion prints nothing but its summary), never wider than the
 * terminal (a wrapped line would leave a line per redraw). Elsewhere (CI logs): a plain line
 * every few seconds, so a long run is never silent and a log is not flooded.
 */
import { formatBytes } from './style.js';

export interface ProgressOptions {
  /** Seconds between lines when stderr is not a terminal (default: SCANCONV_PROGRESS_SECONDS, else 5). */
  logEverySeconds?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

/** SCANCONV_PROGRESS_SECONDS: seconds between progress lines in logs (default 5; 0 = every update). */
function logEverySeconds(): number {
  const s = Number(process.env.SCANCONV_PROGRESS_SECONDS);
  return process.env.SCANCONV_PROGRESS_SECONDS && Number.isFinite(s) && s >= 0 ? s : 5;
}

export class ProgressBar {
  private readonly now: () => number;
  private readonly started: number;
  private lastDraw = 0;
  private lastLog: number;
  private drawn = false;
  private last = '';

  constructor(
    private readonly label: string,
    /** `bytes` shows sizes and a rate; `layers` shows each form's layer count. */
    private readonly unit: 'bytes' | 'layers' = 'bytes',
    private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'> = process.stderr,
    private readonly options: ProgressOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastLog = this.started;
  }

  /** Where the work stands, for a message about an interruption: "layer 17/42, 16/42". */
  get state(): string {
    return this.last;
  }

  /** `perForm`: each form's layers reached (the layers unit), so a layer is counted once. */
  update = (done: number, total: number, perForm?: readonly number[]): void => {
    const now = this.now();
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const seconds = (now - this.started) / 1000;
    const finished = total > 0 && done >= total;
    let amount: string;
    if (this.unit === 'bytes') amount = finished ? 'syncing to disk' : `${formatBytes(done)}/${formatBytes(total)} ${formatBytes(done / Math.max(seconds, 1e-3))}/s`;
    else {
      const forms = perForm?.length ? perForm : [done];
      const each = Math.round(total / forms.length);
      amount = `layer ${forms.map((n) => `${n}/${each}`).join(', ')}`;
    }
    this.last = amount;
    const percent = `${(frac * 100).toFixed(0).padStart(3)}%`;
    if (!this.stream.isTTY) {
      if (now - this.lastLog < (this.options.logEverySeconds ?? logEverySeconds()) * 1000) return;
      this.lastLog = now;
      this.stream.write(`scanconv: ${this.label}: ${percent.trim()}, ${amount}, ${seconds.toFixed(0)} s\n`);
      return;
    }
    // The last update (100%, e.g. syncing to disk) is always drawn: what follows may take a while.
    if (seconds < 1 || (now - this.lastDraw < 100 && !finished)) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r${this.line(percent, amount, frac)}\x1b[K`);
  };

  /** The bar's line, at most the terminal's width less one column. */
  private line(percent: string, amount: string, frac: number): string {
    const room = Math.max(20, (this.stream.columns || 80) - 1);
    const text = `${percent} ${amount}`;
    const barWidth = Math.min(30, room - this.label.length - text.length - 4);
    if (barWidth >= 10) {
      const filled = Math.round(frac * barWidth);
      return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${text}`;
    }
    const plain = `${this.label} ${text}`;
    return plain.length <= room ? plain : `${plain.slice(0, room - 1)}…`;
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
