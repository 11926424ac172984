export declare class FileCursor {
    private readonly fd;
    readonly size: number;
    private readonly onShort;
    private buf;
    private bufStart;
    private bufLen;
    pos: number;
    constructor(fd: number, size: number, onShort: (need: number) => never);
    private ensure;
    peek(): number;
    u8(): number;
    /** Big-endian unsigned integer of 1, 2, 4 or 8 bytes (8-byte values must fit 2^53). */
    uint(bytes: 1 | 2 | 4 | 8): number;
    int(bytes: 1 | 2 | 4 | 8): number;
    float(bytes: 4 | 8): number;
    /** Small byte strings (keys, dtype names): copied out. */
    bytes(n: number): Buffer;
    advance(n: number): void;
}
