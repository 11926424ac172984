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
export declare const ERROR_CODES: {
    readonly NOT_FOUND: {
        readonly meaning: "an input file does not exist";
    };
    readonly NOT_A_FILE: {
        readonly meaning: "an input is not a regular file (a FIFO, a device, a directory)";
    };
    readonly IS_A_DIRECTORY: {
        readonly meaning: "a directory was given that holds neither model.safetensors.index.json nor model.safetensors";
    };
    readonly CANNOT_READ: {
        readonly meaning: "reading an input failed (permissions, I/O error)";
    };
    readonly INPUT_CHANGED: {
        readonly meaning: "a shard reopened during the run is no longer the same file (replaced or changed meanwhile)";
    };
    readonly FILE_TOO_LARGE: {
        readonly meaning: "an input is larger than scanconv reads for its kind (a JSON checkpoint, a config, an index)";
    };
    readonly LFS_POINTER: {
        readonly meaning: "the file is a Git LFS pointer, not the checkpoint: run git lfs pull";
    };
    readonly UNKNOWN_FORMAT: {
        readonly meaning: "the output format cannot be told from the extension: pass format";
    };
    readonly UNKNOWN_DTYPE: {
        readonly meaning: "a dtype the format or scanconv does not know, or one a format cannot hold";
    };
    readonly NAME_NOT_REPRESENTABLE: {
        readonly meaning: "a tensor name the output format cannot hold (__metadata__ in safetensors, too deep a nesting)";
    };
    readonly KEY_CONFLICT: {
        readonly meaning: "a name is both a tensor and a subtree, or two names give one key";
    };
    readonly DUPLICATE_KEY: {
        readonly meaning: "a key repeats in one JSON or msgpack object";
    };
    readonly TOO_LARGE: {
        readonly meaning: "a JSON checkpoint, or an activation, is over its size limit";
    };
    readonly HEADER_TOO_SMALL: {
        readonly meaning: "safetensors: the file is shorter than its 8-byte header length";
    };
    readonly HEADER_TOO_LARGE: {
        readonly meaning: "safetensors: the header length is over 100,000,000 bytes";
    };
    readonly HEADER_PAST_EOF: {
        readonly meaning: "safetensors: the header length points past the end of the file";
    };
    readonly HEADER_NOT_UTF8: {
        readonly meaning: "safetensors: the header is not UTF-8";
    };
    readonly HEADER_START: {
        readonly meaning: "safetensors: the header does not start with {";
    };
    readonly HEADER_NOT_JSON: {
        readonly meaning: "safetensors: the header is not valid JSON";
    };
    readonly HEADER_SCHEMA: {
        readonly meaning: "safetensors: a header entry is not {dtype, shape, data_offsets}";
    };
    readonly METADATA_NOT_STRINGS: {
        readonly meaning: "safetensors: __metadata__ is not an object of strings";
    };
    readonly DUPLICATE_TENSOR: {
        readonly meaning: "a tensor name appears twice";
    };
    readonly INVALID_SHAPE: {
        readonly meaning: "safetensors: a shape is not a list of non-negative integers";
    };
    readonly INVALID_OFFSETS: {
        readonly meaning: "safetensors: data_offsets are not [begin, end] with begin <= end";
    };
    readonly OFFSETS_OVERLAP: {
        readonly meaning: "safetensors: two tensors share bytes";
    };
    readonly OFFSETS_HOLE: {
        readonly meaning: "safetensors: bytes between tensors belong to none";
    };
    readonly TENSOR_SIZE_MISMATCH: {
        readonly meaning: "safetensors: a tensor's byte length is not numel x element size";
    };
    readonly FILE_LENGTH_MISMATCH: {
        readonly meaning: "safetensors: the file is longer or shorter than its header says";
    };
    readonly NOT_JSON: {
        readonly meaning: "a JSON checkpoint or shard index is not valid JSON";
    };
    readonly NOT_OBJECT: {
        readonly meaning: "a JSON checkpoint is not an object of named parameters";
    };
    readonly BAD_LEAF: {
        readonly meaning: "a JSON leaf is not a nested number array or a {dtype, shape, data|bytes} object";
    };
    readonly BAD_METADATA: {
        readonly meaning: "a JSON checkpoint's __metadata__ is not an object of strings";
    };
    readonly NOT_NUMBER: {
        readonly meaning: "a JSON value does not fit its dtype (or its count does not fit its shape)";
    };
    readonly RAGGED_ARRAY: {
        readonly meaning: "a nested JSON array is not rectangular";
    };
    readonly TRUNCATED: {
        readonly meaning: "msgpack: the file ends inside a value";
    };
    readonly TRAILING_BYTES: {
        readonly meaning: "msgpack: bytes follow the checkpoint";
    };
    readonly BAD_BYTE: {
        readonly meaning: "msgpack: a byte that starts no msgpack type";
    };
    readonly BAD_KEY: {
        readonly meaning: "msgpack: a key that is not a string or is too long";
    };
    readonly BAD_ARRAY: {
        readonly meaning: "msgpack: an ext value that is not a numpy array";
    };
    readonly BAD_CHUNKS: {
        readonly meaning: "msgpack: a chunked array (flax's large arrays) is malformed";
    };
    readonly NOT_A_MAP: {
        readonly meaning: "msgpack: the top level or a subtree is not a map";
    };
    readonly NOT_AN_ARRAY: {
        readonly meaning: "msgpack: a leaf is not an array";
    };
    readonly SIZE_MISMATCH: {
        readonly meaning: "msgpack: an array's bytes do not match its shape and dtype";
    };
    readonly TOO_DEEP: {
        readonly meaning: "msgpack: nesting deeper than a checkpoint has";
    };
    readonly TOO_MANY_ENTRIES: {
        readonly meaning: "msgpack: more entries than the file could hold";
    };
    readonly KEY_HOLDS_SEPARATOR: {
        readonly meaning: "msgpack: a key holds the key separator, so written back it would become two levels (read with --sep S)";
    };
    readonly BAD_INDEX: {
        readonly meaning: "a shard index (model.safetensors.index.json) is not {metadata, weight_map}";
    };
    readonly BAD_SHARD_NAME: {
        readonly meaning: "a weight_map entry names a shard that is not a file beside the index";
    };
    readonly MISSING_SHARD: {
        readonly meaning: "a shard the index names does not exist";
    };
    readonly MISSING_TENSOR: {
        readonly meaning: "a tensor the index (or verify) needs is not in its file";
    };
    readonly UNLISTED_TENSOR: {
        readonly meaning: "a shard holds a tensor the index does not list there";
    };
    readonly OUTPUT_EXISTS: {
        readonly meaning: "the output exists: pass --force (force: true)";
    };
    readonly OUTPUT_IS_INPUT: {
        readonly meaning: "an output is a file the command reads (by device and inode)";
    };
    readonly OUTPUT_TWICE: {
        readonly meaning: "two outputs are one file";
    };
    readonly NOT_REGULAR_OUTPUT: {
        readonly meaning: "an output path is a FIFO, a device, a directory or a dangling symlink";
    };
    readonly NO_OUTPUT_DIR: {
        readonly meaning: "the output's directory does not exist";
    };
    readonly CANNOT_WRITE: {
        readonly meaning: "writing an output failed (a full disk, permissions)";
    };
    readonly NO_SPACE: {
        readonly meaning: "Orbax output from Orbax input: the output's filesystem has no room to stage the arrays decoded";
    };
    readonly OUTPUT_CHANGED: {
        readonly meaning: "another process created, replaced or removed the output while this run wrote it";
    };
    readonly ABORTED: {
        readonly meaning: "the caller's AbortSignal stopped the write; nothing written";
    };
    readonly BAD_OPTION: {
        readonly meaning: "a library option is unknown or of the wrong kind (as a bad command-line flag)";
    };
    readonly SHARDS_NEED_SAFETENSORS: {
        readonly meaning: "shardSize (--shard-size) with an output format other than safetensors";
    };
    readonly OTHER_CHECKPOINT: {
        readonly meaning: "the output directory already holds another form of the checkpoint: pass --force to replace it (it is removed)";
    };
    readonly DIRECTORY_FORMAT: {
        readonly meaning: "a model directory output cannot hold the format asked for (JSON): name a file";
    };
    readonly ORBAX_OPTION: {
        readonly meaning: "--zstd-level or --chunk-size without --format orbax";
    };
    readonly BAD_ZSTD_LEVEL: {
        readonly meaning: "--zstd-level is not 0 (none) or a zstd level from 1 to 22";
    };
    readonly BAD_CHUNK_SIZE: {
        readonly meaning: "--chunk-size is not from 1 byte to 512 MiB";
    };
    readonly BAD_DECODE_THREADS: {
        readonly meaning: "--decode-threads is not a thread count from 0 to 64";
    };
    readonly BAD_COMPRESS_THREADS: {
        readonly meaning: "--compress-threads is not a thread count from 0 to 64";
    };
    readonly MISSING_CHUNK: {
        readonly meaning: "zarr: a chunk Orbax stored is missing (its metadata says every chunk was written)";
    };
    readonly BAD_ORBAX_NAME: {
        readonly meaning: "a tensor name an Orbax checkpoint cannot hold";
    };
    readonly BAD_ORBAX_SHAPE: {
        readonly meaning: "a tensor shape an Orbax checkpoint cannot hold (an entry that is not a non-negative integer up to 2^53, or bytes unlike the shape)";
    };
    readonly NO_LAYOUT: {
        readonly meaning: "no layer groups and no stack: nothing to convert";
    };
    readonly NEED_TARGET: {
        readonly meaning: "a shared checkpoint: say --to pyloop or --to scan";
    };
    readonly AMBIGUOUS_LAYOUT: {
        readonly meaning: "a checkpoint holds both layer children and a stack node";
    };
    readonly UNSURE_LAYERS: {
        readonly meaning: "numeric children that are not one repeated block (T5, DeepSeek): use --layers";
    };
    readonly BLOCK_SIZE_UNKNOWN: {
        readonly meaning: "layers that differ but repeat every K (MaxText's blocks of layers, unscanned): pass --block-size K";
    };
    readonly BLOCK_MISMATCH: {
        readonly meaning: "MaxText's blocks of layers that cannot interleave: blocks of different lengths, a remainder unlike its block, layers unlike the layer K before, or a block size (--block-size or the file's scanconv.block_size) unlike the blocks or given to a plain stack";
    };
    readonly BAD_BLOCK_SIZE: {
        readonly meaning: "--block-size is not an integer from 1 to 65,536, or a block size (--block-size or the file's scanconv.block_size) exceeds a group's layer count";
    };
    readonly BLOCKS_NOT_SHARED: {
        readonly meaning: "MaxText's blocks of layers hold K different layers: there is no shared form";
    };
    readonly AXIS_UNKNOWN: {
        readonly meaning: "the layer axis of scanned layers cannot be told from the shapes: pass --axis";
    };
    readonly MIXED_NAMING: {
        readonly meaning: "layer children named two ways in one checkpoint";
    };
    readonly BAD_PATTERN: {
        readonly meaning: "--layers is not a valid regex with one capture group";
    };
    readonly BAD_LAYER_INDEX: {
        readonly meaning: "a layer index is not a plain non-negative integer";
    };
    readonly DUPLICATE_LAYER: {
        readonly meaning: "two children name the same layer index";
    };
    readonly MISSING_LAYER: {
        readonly meaning: "layer indices are not 0..L-1";
    };
    readonly LAYER_MISMATCH: {
        readonly meaning: "layers do not hold the same tensors, shapes and dtypes";
    };
    readonly STACK_MISMATCH: {
        readonly meaning: "stacked tensors disagree on the layer count";
    };
    readonly NO_LAYER_AXIS: {
        readonly meaning: "a stacked tensor has no axis --axis to unstack";
    };
    readonly AXIS_OUT_OF_RANGE: {
        readonly meaning: "a tensor's rank allows no stacking on --axis";
    };
    readonly BAD_AXIS: {
        readonly meaning: "--axis is not an integer from 0 to 1024";
    };
    readonly TOO_MANY_LAYERS: {
        readonly meaning: "a layer count over 65,536 (or --num-layers out of range)";
    };
    readonly TOO_MANY_TENSORS: {
        readonly meaning: "a conversion would plan over 1,000,000 tensors";
    };
    readonly NEED_NUM_LAYERS: {
        readonly meaning: "a shared checkpoint without a recorded layer count: pass --num-layers";
    };
    readonly LAYERS_DISAGREE: {
        readonly meaning: "a group's depth differs from the one its metadata records";
    };
    readonly LAYERS_DIFFER: {
        readonly meaning: "--to shared with layers that are not bit-identical";
    };
    readonly NAME_CLASH: {
        readonly meaning: "the converted checkpoint would hold one key twice (choose another --stack)";
    };
    readonly OUTPUT_WOULD_NOT_READ_BACK: {
        readonly meaning: "the planned output would not read back as the layout it was planned as";
    };
    readonly NAMES_NOT_RECOVERABLE: {
        readonly meaning: "a conversion would record layer names it could not give back exactly on the way back";
    };
    readonly BAD_META_LAYOUT: {
        readonly meaning: "metadata scanconv.layout is not pyloop, scan or shared";
    };
    readonly BAD_META_LAYERS: {
        readonly meaning: "metadata scanconv.layers is not a layer count (or a JSON object of them)";
    };
    readonly BAD_META_AXIS: {
        readonly meaning: "metadata scanconv.axis is not a layer axis";
    };
    readonly BAD_META_BLOCK_SIZE: {
        readonly meaning: "metadata scanconv.block_size is not a block size";
    };
    readonly BAD_META_PATTERN: {
        readonly meaning: "metadata scanconv.layer_pattern is not in the shape scanconv writes";
    };
    readonly BAD_META_STACK: {
        readonly meaning: "metadata scanconv.stack is not a node name";
    };
    readonly BAD_STACK: {
        readonly meaning: "--stack is empty or holds the key separator";
    };
    readonly BAD_META_SEP: {
        readonly meaning: "metadata scanconv.sep is not a key separator";
    };
    readonly NOT_ORBAX: {
        readonly meaning: "Orbax: the directory is not an Orbax, OCDBT, zarr or T5X checkpoint";
    };
    readonly AMBIGUOUS_ITEM: {
        readonly meaning: "Orbax: a composite step directory holds several PyTree items; name one";
    };
    readonly BAD_MAGIC: {
        readonly meaning: "OCDBT: a manifest or node does not start with its magic number";
    };
    readonly BAD_LENGTH: {
        readonly meaning: "OCDBT: a manifest or node length does not match the file";
    };
    readonly BAD_CRC: {
        readonly meaning: "OCDBT/zarr: a CRC-32C does not match (a manifest, a B+tree node, a shard index)";
    };
    readonly BAD_VARINT: {
        readonly meaning: "OCDBT: an over-long or truncated varint";
    };
    readonly UNSUPPORTED: {
        readonly meaning: "Orbax/zarr: a codec, compressor or feature scanconv does not read";
    };
    readonly BAD_PATH: {
        readonly meaning: "OCDBT: a data file name outside the checkpoint (.., an absolute path)";
    };
    readonly OUT_OF_FILE: {
        readonly meaning: "OCDBT: a value reference outside its data file";
    };
    readonly BAD_TREE: {
        readonly meaning: "OCDBT: a B+tree that loops, nests without end or has keys out of order";
    };
    readonly TOO_MANY_KEYS: {
        readonly meaning: "more keys than a checkpoint holds (over 500,000 in OCDBT, entries in a plain zarr directory, or leaves in _METADATA)";
    };
    readonly NODE_TOO_LARGE: {
        readonly meaning: "OCDBT: a node over the size scanconv reads";
    };
    readonly BAD_ZSTD: {
        readonly meaning: "zstd: a frame that does not decode";
    };
    readonly BAD_GZIP: {
        readonly meaning: "gzip: a chunk that does not decode";
    };
    readonly DECODES_PAST_CHUNK: {
        readonly meaning: "zarr: a chunk decodes to more bytes than its shape holds";
    };
    readonly CHUNK_SIZE: {
        readonly meaning: "zarr: a chunk of the wrong size";
    };
    readonly MISSING_ARRAY: {
        readonly meaning: "Orbax: a tree leaf names an array the checkpoint does not hold";
    };
    readonly BAD_SHARD_INDEX: {
        readonly meaning: "zarr v3: a sharding index that is malformed";
    };
    readonly BAD_VALUE: {
        readonly meaning: "Orbax: a stored value of the wrong kind (an inline array, a scalar)";
    };
    readonly ONLY_OPTIMIZER_STATE: {
        readonly meaning: "Orbax: only optimizer state was found; pass --optimizer-state to read it";
    };
    readonly UNKNOWN_MODEL: {
        readonly meaning: "no model family recognises the tree: pass --model, or use --params-only";
    };
    readonly WRONG_MODEL: {
        readonly meaning: "the tree is not the family --model names (or config.json's model_type)";
    };
    readonly MANY_GROUPS: {
        readonly meaning: "a model runs one repeated block, but the checkpoint has several groups";
    };
    readonly NEED_CONFIG: {
        readonly meaning: "a Hugging Face family needs config.json beside the checkpoint, or --config";
    };
    readonly BAD_CONFIG: {
        readonly meaning: "a config.json value is missing, of the wrong type, or outside the range real models use";
    };
    readonly UNSUPPORTED_CONFIG: {
        readonly meaning: "a config.json setting scanconv does not compute (refused, not approximated)";
    };
    readonly UNSUPPORTED_PARAM: {
        readonly meaning: "a parameter the family's computation has no place for (a bias MaxText's Llama block does not have): refused, not ignored";
    };
    readonly NEED_HEADS: {
        readonly meaning: "the llm model's head count is nowhere: pass --heads";
    };
    readonly BAD_HEADS: {
        readonly meaning: "the head count does not divide the model width";
    };
    readonly MISSING_PARAM: {
        readonly meaning: "a parameter the model needs is missing";
    };
    readonly AMBIGUOUS_PARAM: {
        readonly meaning: "two parameters could be the one the model needs";
    };
    readonly BAD_SHAPE: {
        readonly meaning: "a parameter's shape is not the one the model's sizes give";
    };
    readonly BAD_PARAM_DTYPE: {
        readonly meaning: "a parameter's dtype is not one the models compute with (F32, BF16, F16, F64)";
    };
    readonly OUT_OF_MEMORY: {
        readonly meaning: "a weight or activation does not fit WebAssembly memory";
    };
    readonly SAME_LAYOUT: {
        readonly meaning: "verify was given two checkpoints in one layout";
    };
    readonly TREES_DIFFER: {
        readonly meaning: "a verify pair is not the same model (names, depth, shapes)";
    };
    readonly NEED_PAIR: {
        readonly meaning: "--params-only needs two checkpoints";
    };
    readonly EMPTY_INPUT: {
        readonly meaning: "an input of zero sequences or zero tokens (it would compare nothing)";
    };
    readonly BAD_INPUT: {
        readonly meaning: "an input or prompt tensor is not what the model takes (dtype, shape, zero size)";
    };
    readonly BAD_DTYPE: {
        readonly meaning: "a prompt, input or golden tensor of a dtype verify does not read";
    };
    readonly BAD_TOKENS: {
        readonly meaning: "a token id outside [0, vocab)";
    };
    readonly TOO_LONG: {
        readonly meaning: "the input passes the model's positions (max_position_embeddings)";
    };
    readonly TOO_MANY_TOKENS: {
        readonly meaning: "an activation would pass the 256 MiB limit";
    };
    readonly TOO_MANY_RUNS: {
        readonly meaning: "profile --runs or --warmup over its cap";
    };
    readonly BAD_WEIGHT_CACHE: {
        readonly meaning: "generate --weight-cache outside 0 to 3 GiB";
    };
    readonly EXPECT_SHAPE: {
        readonly meaning: "a golden tensor's shape is not what the model gives for this input";
    };
    readonly NO_PROMPT: {
        readonly meaning: "generate without a prompt";
    };
    readonly PROMPT_TWICE: {
        readonly meaning: "both --prompt and --prompt-file";
    };
    readonly BAD_PROMPT: {
        readonly meaning: "a prompt token outside the vocabulary";
    };
    readonly NO_TOKENIZER: {
        readonly meaning: "a text prompt without a tokenizer.json beside the checkpoint";
    };
    readonly BAD_TOKENIZER: {
        readonly meaning: "tokenizer.json is not a Hugging Face tokenizer scanconv can load";
    };
    readonly BACKEND_UNAVAILABLE: {
        readonly meaning: "the tfjs backend asked for cannot start (package missing, no Vulkan loader, no device)";
    };
    readonly NO_GPU_ADAPTER: {
        readonly meaning: "WebGPU found no adapter";
    };
    readonly GPU_PROBE_FAILED: {
        readonly meaning: "the WebGPU adapter probe (a child process) failed";
    };
    readonly NONFINITE: {
        readonly meaning: "check: a tensor holds NaN or Inf (--allow-nonfinite to accept)";
        readonly kind: "check";
    };
    readonly WRONG_LAYOUT: {
        readonly meaning: "check: the file is not in --expect-layout";
        readonly kind: "check";
    };
    readonly USAGE: {
        readonly meaning: "verify's errored report: the command line was refused";
    };
    readonly INTERRUPTED: {
        readonly meaning: "verify's errored report: a signal stopped the run";
        readonly kind: "interrupted";
    };
    readonly INTERNAL: {
        readonly meaning: "a bug in scanconv (printed with its stack trace; please report it)";
        readonly kind: "internal";
    };
};
export type ErrorCode = keyof typeof ERROR_CODES;
export declare function isErrorCode(code: string): code is ErrorCode;
