import { main } from './main.js';
import { guardStdio } from './stdio.js';
guardStdio();
process.exitCode = await main(process.argv);
