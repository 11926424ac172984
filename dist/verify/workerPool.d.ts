/**
 * Form workers started before they are needed. A worker spends its first few hundred
 * milliseconds loading its module graph (the format readers, layout and model code); the CLI
 * spends about as long loading its own before verify or generate reaches `runForms`. Started
 * first (cli/bin.ts, on a command line that will run two forms in workers), the workers load
 * theirs while the CLI loads and the checkpoint is analysed, instead of after.
 *
 * This module imports nothing but node:worker_threads, so bin.ts can start workers before the
 * rest of the CLI is even loaded. A started worker is unref'd until it is taken: one never used
 * (a usage error, --params-only decided later) neither keeps the process alive nor does work
 * beyond loading; it ends with the process. Only the CLI prestarts: the library's verify() and
 * generate() start their workers when they run (the library never owns the process).
 */
import { Worker } from 'node:worker_threads';
export declare const WORKER_FROM_SOURCE: boolean;
export declare const WORKER_URL: URL;
/** Start `count` form workers now, to be taken by `takeFormWorker`; they preload `backendHint`'s modules. */
export declare function prestartFormWorkers(count: number, backendHint?: string): void;
/** A prestarted worker (ref'd again: it now has work), or a new one. */
export declare function takeFormWorker(): Worker;
/**
 * How many form workers a command line will use, guessed from argv before commander parses it:
 * verify and generate run their two forms in two worker threads unless --no-workers,
 * --params-only (no model runs), help, or webgpu (child processes, not threads). A wrong guess
 * costs only the idle workers' start, never a result.
 */
export declare function formWorkersFor(argv: readonly string[]): number;
/** The --backend a command line names (`--backend X` or `--backend=X`), else 'auto'. */
export declare function backendHintFor(argv: readonly string[]): string;
