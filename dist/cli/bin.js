import { backendHintFor, formWorkersFor, prestartFormWorkers } from '../verify/workerPool.js';
// onnxruntime (the optional ort peer) starts a telemetry store under ~/.cache and fsyncs it at
// start unless this is set; a converter has nothing to report. Set before any worker loads it
// (the native library reads the process's environment); a user's own value stands.
process.env.ORT_DISABLE_TELEMETRY ??= '1';
// Before the rest of the CLI loads: the form workers load their own modules meanwhile (workerPool.ts).
prestartFormWorkers(formWorkersFor(process.argv), backendHintFor(process.argv));
const { removeUnfinishedFiles } = await import('../format/unfinished.js');
const { main } = await import('./main.js');
const { guardStdio } = await import('./stdio.js');
guardStdio();
// However the process ends (process.exit from a handler included), no temporary file stays.
process.once('exit', () => void removeUnfinishedFiles());
process.exitCode = await main(process.argv);
