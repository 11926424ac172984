/**
 * Ctrl-C (SIGINT) or SIGTERM during a long command: say what was interrupted, on one line, and
 * exit as convert does (130 for SIGINT, 143 for SIGTERM).
 */
import { err } from './style.js';
/**
 * `describe` does what must happen before exiting (e.g. write errored reports) and returns the
 * message. With `active` false nothing is installed: a command whose work runs synchronously on
 * this thread could not run a handler until it finished, so the default (immediate) exit is better.
 */
export function onInterrupt(describe, active = true) {
    if (!active)
        return { remove: () => undefined };
    const handlers = ['SIGINT', 'SIGTERM'].map((signal) => {
        const handler = () => {
            let message;
            try {
                message = describe(signal);
            }
            catch {
                message = `interrupted (${signal})`;
            }
            process.stderr.write(`\n${err.red('scanconv:')} ${message}\n`);
            process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.once(signal, handler);
        return [signal, handler];
    });
    return { remove: () => handlers.forEach(([signal, handler]) => process.removeListener(signal, handler)) };
}
