/**
 * Colour as the conventions say. FORCE_COLOR (force-color.org), present and not empty, turns
 * colour on even off a terminal (CI logs that render ANSI, such as GitHub's), at its level (1, 2,
 * 3) when it names one; `0` and `false` turn it off, as Node and chalk read them. Else NO_COLOR
 * (no-color.org), present and not empty, turns it off. Else colour is on for a terminal that is
 * not TERM=dumb, at the level chalk's supports-color finds for it.
 */
import { type ChalkInstance, type ColorSupportLevel } from 'chalk';
import type { ModelSpec } from '../model/spec.js';
export declare function colorLevel(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env?: NodeJS.ProcessEnv, detected?: ColorSupportLevel): ColorSupportLevel;
export declare function colorFor(stream: NodeJS.WriteStream): ChalkInstance;
export declare const out: ChalkInstance;
export declare const err: ChalkInstance;
/**
 * The model's notes (spec.decoder.notes: a setting transformers' attention implementations
 * compute differently, and the one scanconv follows), one `scanconv: note:` line each on
 * standard error, where they never mix with a report on standard output.
 */
export declare function writeModelNotes(spec: ModelSpec): void;
export declare function formatBytes(n: number): string;
