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
// In dist/ the worker is plain .js. Under tsx (tests, benches) it is .ts, and loader hooks do
// not reach worker threads on Node 20, so a small bootstrap registers tsx there first.
export const WORKER_FROM_SOURCE = import.meta.url.endsWith('.ts');
export const WORKER_URL = new URL(`./worker${WORKER_FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
/** `backendHint`: a prestarted worker loads that backend's modules while it waits (worker.ts). */
function newWorker(backendHint) {
    const workerData = backendHint ? { backendHint } : undefined;
    if (!WORKER_FROM_SOURCE)
        return new Worker(WORKER_URL, { workerData });
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
    return new Worker(boot, { eval: true, workerData });
}
const started = [];
function forget(w) {
    const at = started.indexOf(w);
    if (at >= 0)
        started.splice(at, 1);
}
/** Start `count` form workers now, to be taken by `takeFormWorker`; they preload `backendHint`'s modules. */
export function prestartFormWorkers(count, backendHint = 'auto') {
    for (let i = 0; i < count; i++) {
        const w = newWorker(backendHint);
        w.unref();
        // A worker that failed to start is simply not taken; the form's own worker reports errors.
        w.once('error', () => forget(w));
        w.once('exit', () => forget(w));
        started.push(w);
    }
}
/** A prestarted worker (ref'd again: it now has work), or a new one. */
export function takeFormWorker() {
    const w = started.shift();
    if (!w)
        return newWorker();
    w.ref();
    w.removeAllListeners('error').removeAllListeners('exit');
    return w;
}
/**
 * How many form workers a command line will use, guessed from argv before commander parses it:
 * verify and generate run their two forms in two worker threads unless --no-workers,
 * --params-only (no model runs), help, or webgpu (child processes, not threads). A wrong guess
 * costs only the idle workers' start, never a result.
 */
export function formWorkersFor(argv) {
    const args = argv.slice(2);
    if (args[0] !== 'verify' && args[0] !== 'generate')
        return 0;
    const refuse = ['--no-workers', '--params-only', '--help', '-h', 'webgpu', '--backend=webgpu'];
    return args.some((a) => refuse.includes(a)) ? 0 : 2;
}
/** The --backend a command line names (`--backend X` or `--backend=X`), else 'auto'. */
export function backendHintFor(argv) {
    for (let i = 2; i < argv.length; i++) {
        if (argv[i] === '--backend' && i + 1 < argv.length)
            return argv[i + 1];
        if (argv[i].startsWith('--backend='))
            return argv[i].slice('--backend='.length);
    }
    return 'auto';
}
