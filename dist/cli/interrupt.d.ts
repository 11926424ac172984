export interface InterruptGuard {
    remove(): void;
}
/**
 * `describe` does what must happen before exiting (e.g. write errored reports) and returns the
 * message. With `active` false nothing is installed: a command whose work runs synchronously on
 * this thread could not run a handler until it finished, so the default (immediate) exit is better.
 */
export declare function onInterrupt(describe: (signal: NodeJS.Signals) => string, active?: boolean): InterruptGuard;
