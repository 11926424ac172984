import { removeUnfinishedFiles } from '../format/unfinished.js';
import { main } from './main.js';
import { guardStdio } from './stdio.js';

guardStdio();
// However the process ends (process.exit from a handler included), no temporary file stays.
process.once('exit', () => void removeUnfinishedFiles());
process.exitCode = await main(process.argv);
