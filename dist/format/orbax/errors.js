/**
 * The one error type of the Orbax/OCDBT/zarr/T5X reader. Every rule a hostile or damaged
 * checkpoint can break has its own code; the CLI prints the message on one line and exits 2.
 */
import { FormatError } from '../../errors.js';
export class OrbaxError extends FormatError {
    constructor(where, code, detail) {
        super(`${where}: ${detail}`, code);
    }
}
