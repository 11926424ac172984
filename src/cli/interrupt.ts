/**
 * Ctrl-C (SIGINT), SIGTERM, SIGHUP or SIGQUIT during a long command: say what was interrupted,
 * on one line, remove every unfinished output and exit 128 + the signal's number (130, 143, 129,
 * 131). Only the CLI handles signals: the library installs no handler (a host application's own
 * handlers stay its own).
 */
import { removeUnfinishedFiles } from '../format/unfinished.js';
import { HANDLED_SIGNALS, SIGNAL_EXIT } from './exitCodes.js';
import { err } from './style.js';

export interface InterruptGuard {
  remove(): void;
}

/**
 * `describe` does what must happen before exiting (e.g. write errored reports) and returns the
 * message. A form run in this thread (--no-workers) yields to the event loop once per layer, so
 * the handler runs there too.
 */
export function onInterrupt(describe: (signal: NodeJS.Signals) => string): InterruptGuard {
  const handlers = HANDLED_SIGNALS.map((signal) => {
    const handler = () => {
      let message: string;
      try {
        message = describe(signal);
      } catch {
        message = `interrupted (${signal})`;
      }
      removeUnfinishedFiles();
      process.stderr.write(`\n${err.red('scanconv:')} ${message}\n`);
      process.exit(SIGNAL_EXIT[signal]);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return { remove: () => handlers.forEach(([signal, handler]) => process.removeListener(signal, handler)) };
}
