export interface InterruptGuard {
    remove(): void;
}
/**
 * `describe` does what must happen before exiting (e.g. write errored reports) and returns the
 * message. A form run in this thread (--no-workers) yields to the event loop once per layer, so
 * the handler runs there too.
 */
export declare function onInterrupt(describe: (signal: NodeJS.Signals) => string): InterruptGuard;
