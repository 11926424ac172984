import { backendHintFor, formWorkersFor, prestartFormWorkers } from '../verify/workerPool.js';
// Before the rest of the CLI loads: the form workers load their own modules meanwhile (workerPool.ts).
prestartFormWorkers(formWorkersFor(process.argv), backendHintFor(process.argv));
const { removeUnfinishedFiles } = await import('../format/unfinished.js');
const { main } = await import('./main.js');
const { guardStdio } = await import('./stdio.js');
guardStdio();
// However the process ends (process.exit from a handler included), no temporary file stays.
process.once('exit', () => void removeUnfinishedFiles());
process.exitCode = await main(process.argv);
