/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
import { type ChalkInstance } from 'chalk';
export declare function colorFor(stream: NodeJS.WriteStream): ChalkInstance;
export declare const out: ChalkInstance;
export declare const err: ChalkInstance;
export declare function formatBytes(n: number): string;
