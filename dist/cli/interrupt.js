/**
 * Ctrl-C (SIGINT), SIGTERM, SIGHUP or SIGQUIT during a long command: say what was interrupted,
 * on one line, and exit as convert does (128 + the signal's number: 130, 143, 129, 131).
 */
import { err } from './style.js';
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };
/**
 * `describe` does what must happen before exiting (e.g. write errored reports) and returns the
 * message. A form run in this thread (--no-workers) yields to the event loop once per layer, so
 * the handler runs there too.
 */
export function onInterrupt(describe) {
    const handlers = Object.keys(SIGNAL_EXIT).map((signal) => {
        const handler = () => {
            let message;
            try {
                message = describe(signal);
            }
            catch {
                message = `interrupted (${signal})`;
            }
            process.stderr.write(`\n${err.red('scanconv:')} ${message}\n`);
            process.exit(SIGNAL_EXIT[signal]);
        };
        process.once(signal, handler);
        return [signal, handler];
    });
    return { remove: () => handlers.forEach(([signal, handler]) => process.removeListener(signal, handler)) };
}
