/**
 * Every error code scanconv reports, in one typed list: a ScanconvError's `code` must be one of
 * these (the compiler checks every throw), and docs/ERRORS.md is written from this list
 * (`npm run docs:errors`; a test fails while it differs). Codes are stable: scripts match on
 * them, so a code is never renamed or reused for another rule.
 *
 * `kind` says how a command ends with it (the CLI maps kinds to exit codes, cli/exitCodes.ts):
 * `error` bad input or usage (a ScanconvError, exit 2); `check` a check that failed (exit 1);
 * `internal` a bug (exit 3); `interrupted` a signal (128 + its number).
 */
export type ErrorKind = 'error' | 'check' | 'internal' | 'interrupted';

interface CodeInfo {
  readonly meaning: string;
  readonly kind?: ErrorKind;
}

export const ERROR_CODES = {
  // Input files, any format (format/files.ts, open.ts)
  NOT_FOUND: { meaning: 'an input file does not exist' },
  NOT_A_FILE: { meaning: 'an input is not a regular file (a FIFO, a device, a directory)' },
  IS_A_DIRECTORY: { meaning: 'a directory was given that holds neither model.safetensors.index.json nor model.safetensors' },
  CANNOT_READ: { meaning: 'reading an input failed (permissions, I/O error)' },
  FILE_TOO_LARGE: { meaning: 'an input is larger than scanconv reads for its kind (a JSON checkpoint, a config, an index)' },
  LFS_POINTER: { meaning: 'the file is a Git LFS pointer, not the checkpoint: run git lfs pull' },
  UNKNOWN_FORMAT: { meaning: 'the output format cannot be told from the extension: pass format' },
  UNKNOWN_DTYPE: { meaning: 'a dtype the format or scanconv does not know, or one a format cannot hold' },
  NAME_NOT_REPRESENTABLE: { meaning: 'a tensor name the output format cannot hold (__metadata__ in safetensors, too deep a nesting)' },
  KEY_CONFLICT: { meaning: 'a name is both a tensor and a subtree, or two names give one key' },
  DUPLICATE_KEY: { meaning: 'a key repeats in one JSON or msgpack object' },
  TOO_LARGE: { meaning: 'a JSON checkpoint, or an activation, is over its size limit' },
  // safetensors (format/safetensors.ts), as the reference Rust crate validates
  HEADER_TOO_SMALL: { meaning: 'safetensors: the file is shorter than its 8-byte header length' },
  HEADER_TOO_LARGE: { meaning: 'safetensors: the header length is over 100,000,000 bytes' },
  HEADER_PAST_EOF: { meaning: 'safetensors: the header length points past the end of the file' },
  HEADER_NOT_UTF8: { meaning: 'safetensors: the header is not UTF-8' },
  HEADER_START: { meaning: 'safetensors: the header does not start with {' },
  HEADER_NOT_JSON: { meaning: 'safetensors: the header is not valid JSON' },
  HEADER_SCHEMA: { meaning: 'safetensors: a header entry is not {dtype, shape, data_offsets}' },
  METADATA_NOT_STRINGS: { meaning: 'safetensors: __metadata__ is not an object of strings' },
  DUPLICATE_TENSOR: { meaning: 'a tensor name appears twice' },
  INVALID_SHAPE: { meaning: 'safetensors: a shape is not a list of non-negative integers' },
  INVALID_OFFSETS: { meaning: 'safetensors: data_offsets are not [begin, end] with begin <= end' },
  OFFSETS_OVERLAP: { meaning: 'safetensors: two tensors share bytes' },
  OFFSETS_HOLE: { meaning: 'safetensors: bytes between tensors belong to none' },
  TENSOR_SIZE_MISMATCH: { meaning: 'safetensors: a tensor\'s byte length is not numel x element size' },
  FILE_LENGTH_MISMATCH: { meaning: 'safetensors: the file is longer or shorter than its header says' },
  // JSON checkpoints (format/json.ts, jsonValues.ts)
  NOT_JSON: { meaning: 'a JSON checkpoint or shard index is not valid JSON' },
  NOT_OBJECT: { meaning: 'a JSON checkpoint is not an object of named parameters' },
  BAD_LEAF: { meaning: 'a JSON leaf is not a nested number array or a {dtype, shape, data|bytes} object' },
  BAD_METADATA: { meaning: 'a JSON checkpoint\'s __metadata__ is not an object of strings' },
  NOT_NUMBER: { meaning: 'a JSON value does not fit its dtype (or its count does not fit its shape)' },
  RAGGED_ARRAY: { meaning: 'a nested JSON array is not rectangular' },
  // Flax msgpack (format/msgpack.ts)
  TRUNCATED: { meaning: 'msgpack: the file ends inside a value' },
  TRAILING_BYTES: { meaning: 'msgpack: bytes follow the checkpoint' },
  BAD_BYTE: { meaning: 'msgpack: a byte that starts no msgpack type' },
  BAD_KEY: { meaning: 'msgpack: a key that is not a string or is too long' },
  BAD_ARRAY: { meaning: 'msgpack: an ext value that is not a numpy array' },
  BAD_CHUNKS: { meaning: 'msgpack: a chunked array (flax\'s large arrays) is malformed' },
  NOT_A_MAP: { meaning: 'msgpack: the top level or a subtree is not a map' },
  NOT_AN_ARRAY: { meaning: 'msgpack: a leaf is not an array' },
  SIZE_MISMATCH: { meaning: 'msgpack: an array\'s bytes do not match its shape and dtype' },
  TOO_DEEP: { meaning: 'msgpack: nesting deeper than a checkpoint has' },
  TOO_MANY_ENTRIES: { meaning: 'msgpack: more entries than the file could hold' },
  KEY_HOLDS_SEPARATOR: { meaning: 'msgpack: a key holds the key separator, so written back it would become two levels (read with --sep S)' },
  // Sharded checkpoints (format/sharded.ts)
  BAD_INDEX: { meaning: 'a shard index (model.safetensors.index.json) is not {metadata, weight_map}' },
  BAD_SHARD_NAME: { meaning: 'a weight_map entry names a shard that is not a file beside the index' },
  MISSING_SHARD: { meaning: 'a shard the index names does not exist' },
  MISSING_TENSOR: { meaning: 'a tensor the index (or verify) needs is not in its file' },
  UNLISTED_TENSOR: { meaning: 'a shard holds a tensor the index does not list there' },
  // Outputs (outputs.ts, format/atomic.ts)
  OUTPUT_EXISTS: { meaning: 'the output exists: pass --force (force: true)' },
  OUTPUT_IS_INPUT: { meaning: 'an output is a file the command reads (by device and inode)' },
  OUTPUT_TWICE: { meaning: 'two outputs are one file' },
  NOT_REGULAR_OUTPUT: { meaning: 'an output path is a FIFO, a device, a directory or a dangling symlink' },
  NO_OUTPUT_DIR: { meaning: 'the output\'s directory does not exist' },
  CANNOT_WRITE: { meaning: 'writing an output failed (a full disk, permissions)' },
  OUTPUT_CHANGED: { meaning: 'another process created, replaced or removed the output while this run wrote it' },
  ABORTED: { meaning: 'the caller\'s AbortSignal stopped the write; nothing written' },
  BAD_OPTION: { meaning: 'a library option is unknown or of the wrong kind (as a bad command-line flag)' },
  SHARDS_NEED_SAFETENSORS: { meaning: 'shardSize (--shard-size) with an output format other than safetensors' },
  OTHER_CHECKPOINT: { meaning: 'the output directory already holds another form of the checkpoint: pass --force to replace it (it is removed)' },
  DIRECTORY_FORMAT: { meaning: 'a model directory output cannot hold the format asked for (JSON): name a file' },
  // Layouts (layout/)
  NO_LAYOUT: { meaning: 'no layer groups and no stack: nothing to convert' },
  NEED_TARGET: { meaning: 'a shared checkpoint: say --to pyloop or --to scan' },
  AMBIGUOUS_LAYOUT: { meaning: 'a checkpoint holds both layer children and a stack node' },
  UNSURE_LAYERS: { meaning: 'numeric children that are not one repeated block (T5, DeepSeek): use --layers' },
  MIXED_NAMING: { meaning: 'layer children named two ways in one checkpoint' },
  BAD_PATTERN: { meaning: '--layers is not a valid regex with one capture group' },
  BAD_LAYER_INDEX: { meaning: 'a layer index is not a plain non-negative integer' },
  DUPLICATE_LAYER: { meaning: 'two children name the same layer index' },
  MISSING_LAYER: { meaning: 'layer indices are not 0..L-1' },
  LAYER_MISMATCH: { meaning: 'layers do not hold the same tensors, shapes and dtypes' },
  STACK_MISMATCH: { meaning: 'stacked tensors disagree on the layer count' },
  NO_LAYER_AXIS: { meaning: 'a stacked tensor has no axis --axis to unstack' },
  AXIS_OUT_OF_RANGE: { meaning: 'a tensor\'s rank allows no stacking on --axis' },
  BAD_AXIS: { meaning: '--axis is not an integer from 0 to 1024' },
  TOO_MANY_LAYERS: { meaning: 'a layer count over 65,536 (or --num-layers out of range)' },
  TOO_MANY_TENSORS: { meaning: 'a conversion would plan over 1,000,000 tensors' },
  NEED_NUM_LAYERS: { meaning: 'a shared checkpoint without a recorded layer count: pass --num-layers' },
  LAYERS_DISAGREE: { meaning: 'a group\'s depth differs from the one its metadata records' },
  LAYERS_DIFFER: { meaning: '--to shared with layers that are not bit-identical' },
  NAME_CLASH: { meaning: 'the converted checkpoint would hold one key twice (choose another --stack)' },
  OUTPUT_WOULD_NOT_READ_BACK: { meaning: 'the planned output would not read back as the layout it was planned as' },
  NAMES_NOT_RECOVERABLE: { meaning: 'a conversion would record layer names it could not give back exactly on the way back' },
  BAD_META_LAYOUT: { meaning: 'metadata scanconv.layout is not pyloop, scan or shared' },
  BAD_META_LAYERS: { meaning: 'metadata scanconv.layers is not a layer count (or a JSON object of them)' },
  BAD_META_AXIS: { meaning: 'metadata scanconv.axis is not a layer axis' },
  BAD_META_PATTERN: { meaning: 'metadata scanconv.layer_pattern is not in the shape scanconv writes' },
  BAD_META_STACK: { meaning: 'metadata scanconv.stack is not a node name' },
  BAD_META_SEP: { meaning: 'metadata scanconv.sep is not a key separator' },
  // Orbax, OCDBT, zarr, T5X (format/orbax/)
  NOT_ORBAX: { meaning: 'Orbax: the directory is not an Orbax, OCDBT, zarr or T5X checkpoint' },
  AMBIGUOUS_ITEM: { meaning: 'Orbax: a composite step directory holds several PyTree items; name one' },
  BAD_MAGIC: { meaning: 'OCDBT: a manifest or node does not start with its magic number' },
  BAD_LENGTH: { meaning: 'OCDBT: a manifest or node length does not match the file' },
  BAD_CRC: { meaning: 'OCDBT/zarr: a CRC-32C does not match (a manifest, a B+tree node, a shard index)' },
  BAD_VARINT: { meaning: 'OCDBT: an over-long or truncated varint' },
  UNSUPPORTED: { meaning: 'Orbax/zarr: a codec, compressor or feature scanconv does not read' },
  BAD_PATH: { meaning: 'OCDBT: a data file name outside the checkpoint (.., an absolute path)' },
  OUT_OF_FILE: { meaning: 'OCDBT: a value reference outside its data file' },
  BAD_TREE: { meaning: 'OCDBT: a B+tree that loops, nests without end or has keys out of order' },
  TOO_MANY_KEYS: { meaning: 'OCDBT: more keys than a checkpoint holds (a million)' },
  NODE_TOO_LARGE: { meaning: 'OCDBT: a node over the size scanconv reads' },
  BAD_ZSTD: { meaning: 'zstd: a frame that does not decode' },
  BAD_GZIP: { meaning: 'gzip: a chunk that does not decode' },
  DECODES_PAST_CHUNK: { meaning: 'zarr: a chunk decodes to more bytes than its shape holds' },
  CHUNK_SIZE: { meaning: 'zarr: a chunk of the wrong size' },
  MISSING_ARRAY: { meaning: 'Orbax: a tree leaf names an array the checkpoint does not hold' },
  BAD_SHARD_INDEX: { meaning: 'zarr v3: a sharding index that is malformed' },
  BAD_VALUE: { meaning: 'Orbax: a stored value of the wrong kind (an inline array, a scalar)' },
  ONLY_OPTIMIZER_STATE: { meaning: 'Orbax: only optimizer state was found; pass --optimizer-state to read it' },
  // Models (model/)
  UNKNOWN_MODEL: { meaning: 'no model family recognises the tree: pass --model, or use --params-only' },
  WRONG_MODEL: { meaning: 'the tree is not the family --model names (or config.json\'s model_type)' },
  MANY_GROUPS: { meaning: 'a model runs one repeated block, but the checkpoint has several groups' },
  NEED_CONFIG: { meaning: 'a Hugging Face family needs config.json beside the checkpoint, or --config' },
  BAD_CONFIG: { meaning: 'a config.json value is missing, of the wrong type, or outside the range real models use' },
  UNSUPPORTED_CONFIG: { meaning: 'a config.json setting scanconv does not compute (refused, not approximated)' },
  NEED_HEADS: { meaning: 'the llm model\'s head count is nowhere: pass --heads' },
  BAD_HEADS: { meaning: 'the head count does not divide the model width' },
  MISSING_PARAM: { meaning: 'a parameter the model needs is missing' },
  AMBIGUOUS_PARAM: { meaning: 'two parameters could be the one the model needs' },
  BAD_SHAPE: { meaning: 'a parameter\'s shape is not the one the model\'s sizes give' },
  BAD_PARAM_DTYPE: { meaning: 'a parameter\'s dtype is not one the models compute with (F32, BF16, F16, F64)' },
  OUT_OF_MEMORY: { meaning: 'a weight or activation does not fit WebAssembly memory' },
  // verify, generate, profile (verify/)
  SAME_LAYOUT: { meaning: 'verify was given two checkpoints in one layout' },
  TREES_DIFFER: { meaning: 'a verify pair is not the same model (names, depth, shapes)' },
  NEED_PAIR: { meaning: '--params-only needs two checkpoints' },
  EMPTY_INPUT: { meaning: 'an input of zero sequences or zero tokens (it would compare nothing)' },
  BAD_INPUT: { meaning: 'an input or prompt tensor is not what the model takes (dtype, shape, zero size)' },
  BAD_DTYPE: { meaning: 'a prompt, input or golden tensor of a dtype verify does not read' },
  BAD_TOKENS: { meaning: 'a token id outside [0, vocab)' },
  TOO_LONG: { meaning: 'the input passes the model\'s positions (max_position_embeddings)' },
  TOO_MANY_TOKENS: { meaning: 'an activation would pass the 256 MiB limit' },
  TOO_MANY_RUNS: { meaning: 'profile --runs or --warmup over its cap' },
  EXPECT_SHAPE: { meaning: 'a golden tensor\'s shape is not what the model gives for this input' },
  NO_PROMPT: { meaning: 'generate without a prompt' },
  PROMPT_TWICE: { meaning: 'both --prompt and --prompt-file' },
  BAD_PROMPT: { meaning: 'a prompt token outside the vocabulary' },
  NO_TOKENIZER: { meaning: 'a text prompt without a tokenizer.json beside the checkpoint' },
  BAD_TOKENIZER: { meaning: 'tokenizer.json is not a Hugging Face tokenizer scanconv can load' },
  BACKEND_UNAVAILABLE: { meaning: 'the tfjs backend asked for cannot start (package missing, no Vulkan loader, no device)' },
  NO_GPU_ADAPTER: { meaning: 'WebGPU found no adapter' },
  GPU_PROBE_FAILED: { meaning: 'the WebGPU adapter probe (a child process) failed' },
  // Outcomes that are not thrown: check's results and verify's errored reports.
  NONFINITE: { meaning: 'check: a tensor holds NaN or Inf (--allow-nonfinite to accept)', kind: 'check' },
  WRONG_LAYOUT: { meaning: 'check: the file is not in --expect-layout', kind: 'check' },
  USAGE: { meaning: 'verify\'s errored report: the command line was refused' },
  INTERRUPTED: { meaning: 'verify\'s errored report: a signal stopped the run', kind: 'interrupted' },
  INTERNAL: { meaning: 'a bug in scanconv (printed with its stack trace; please report it)', kind: 'internal' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
