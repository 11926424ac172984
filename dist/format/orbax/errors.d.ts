/**
 * The one error type of the Orbax/OCDBT/zarr/T5X reader. Every rule a hostile or damaged
 * checkpoint can break has its own code; the CLI prints the message on one line and exits 2.
 */
import { FormatError } from '../../errors.js';
export type OrbaxErrorCode = 'NOT_ORBAX' | 'AMBIGUOUS_ITEM' | 'BAD_MAGIC' | 'BAD_LENGTH' | 'BAD_CRC' | 'TRUNCATED' | 'BAD_VARINT' | 'TRAILING_BYTES' | 'UNSUPPORTED' | 'BAD_PATH' | 'OUT_OF_FILE' | 'BAD_TREE' | 'TOO_DEEP' | 'TOO_MANY_KEYS' | 'DUPLICATE_KEY' | 'NODE_TOO_LARGE' | 'BAD_ZSTD' | 'BAD_GZIP' | 'DECODES_PAST_CHUNK' | 'BAD_METADATA' | 'UNKNOWN_DTYPE' | 'BAD_SHAPE' | 'CHUNK_SIZE' | 'MISSING_ARRAY' | 'BAD_SHARD_INDEX' | 'BAD_VALUE' | 'ONLY_OPTIMIZER_STATE' | 'MISSING_CHUNK';
export declare class OrbaxError extends FormatError {
    constructor(where: string, code: OrbaxErrorCode, detail: string);
}
