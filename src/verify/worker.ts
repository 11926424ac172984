/** Worker-thread entry: runs one form request with its own tfjs (wasm) instance. */
import { parentPort } from 'node:worker_threads';
import { ScanconvError } from '../errors.js';
import { runForm, transferables, type FormRequest } from './forms.js';

parentPort!.once('message', (req: FormRequest) => {
  runForm(req).then(
    (result) => parentPort!.postMessage({ result }, transferables(result)),
    (e: unknown) => {
      const err = e as Error & { code?: string; exitCode?: number };
      parentPort!.postMessage({ error: { message: err.message, code: err.code ?? 'INTERNAL', scanconv: e instanceof ScanconvError, exitCode: err.exitCode, stack: err.stack } });
    },
  );
});
