/**
 * A one-line progress bar on stderr: only on a terminal, and only once the work has taken
 * more than a second (a fast conversion prints nothing but its summary).
 */
import { formatBytes } from './style.js';
export class ProgressBar {
    label;
    unit;
    stream;
    started = performance.now();
    lastDraw = 0;
    drawn = false;
    constructor(label, 
    /** `bytes` shows sizes and a rate; `layers` shows counts. */
    unit = 'bytes', stream = process.stderr) {
        this.label = label;
        this.unit = unit;
        this.stream = stream;
    }
    update = (done, total) => {
        if (!this.stream.isTTY)
            return;
        const now = performance.now();
        if (now - this.started < 1000 || now - this.lastDraw < 100)
            return;
        this.lastDraw = now;
        this.drawn = true;
        const frac = total > 0 ? Math.min(1, done / total) : 0;
        const width = 30;
        const filled = Math.round(frac * width);
        const rate = done / ((now - this.started) / 1000);
        const amount = this.unit === 'bytes' ? `${formatBytes(done)}/${formatBytes(total)} ${formatBytes(rate)}/s` : `${done}/${total} layers`;
        this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${amount} `);
    };
    finish() {
        if (this.drawn)
            this.stream.write('\r\x1b[2K');
    }
}
