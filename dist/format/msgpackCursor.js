/**
 * A forward-only reader over a file for the msgpack parser: small values come from a 64 KiB
 * window, large binary payloads are skipped by offset (never read), so parsing a 40 GB
 * checkpoint touches only its structure. Positions are plain numbers (exact to 2^53).
 */
import fs from 'node:fs';
const WINDOW = 64 << 10;
export class FileCursor {
    fd;
    size;
    onShort;
    buf = Buffer.alloc(WINDOW);
    bufStart = 0;
    bufLen = 0;
    pos = 0;
    constructor(fd, size, onShort) {
        this.fd = fd;
        this.size = size;
        this.onShort = onShort;
    }
    ensure(n) {
        if (this.pos + n > this.size)
            this.onShort(this.pos + n);
        if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.bufLen)
            return;
        if (n > this.buf.length)
            this.buf = Buffer.alloc(n);
        this.bufStart = this.pos;
        this.bufLen = fs.readSync(this.fd, this.buf, 0, Math.min(this.buf.length, this.size - this.pos), this.pos);
    }
    peek() {
        this.ensure(1);
        return this.buf[this.pos - this.bufStart];
    }
    u8() {
        this.ensure(1);
        return this.buf[this.pos++ - this.bufStart];
    }
    /** Big-endian unsigned integer of 1, 2, 4 or 8 bytes (8-byte values must fit 2^53). */
    uint(bytes) {
        this.ensure(bytes);
        const at = this.pos - this.bufStart;
        this.pos += bytes;
        if (bytes === 1)
            return this.buf.readUInt8(at);
        if (bytes === 2)
            return this.buf.readUInt16BE(at);
        if (bytes === 4)
            return this.buf.readUInt32BE(at);
        return Number(this.buf.readBigUInt64BE(at));
    }
    int(bytes) {
        this.ensure(bytes);
        const at = this.pos - this.bufStart;
        this.pos += bytes;
        if (bytes === 1)
            return this.buf.readInt8(at);
        if (bytes === 2)
            return this.buf.readInt16BE(at);
        if (bytes === 4)
            return this.buf.readInt32BE(at);
        return Number(this.buf.readBigInt64BE(at));
    }
    float(bytes) {
        this.ensure(bytes);
        const at = this.pos - this.bufStart;
        this.pos += bytes;
        return bytes === 4 ? this.buf.readFloatBE(at) : this.buf.readDoubleBE(at);
    }
    /** Small byte strings (keys, dtype names): copied out. */
    bytes(n) {
        this.ensure(n);
        const at = this.pos - this.bufStart;
        this.pos += n;
        return Buffer.from(this.buf.subarray(at, at + n));
    }
    advance(n) {
        if (this.pos + n > this.size)
            this.onShort(this.pos + n);
        this.pos += n;
    }
}
