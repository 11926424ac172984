/** transformers' loading order for a directory (see above). */
export declare const MODEL_DIR_FILES: readonly ["model.safetensors", "model.safetensors.index.json", "flax_model.msgpack"];
export interface ModelDirCheckpoint {
    dir: string;
    /** The checkpoint file read: the first of MODEL_DIR_FILES present. */
    file: string;
    /** The other forms present, by name, which are not read. */
    notRead: string[];
}
export declare function modelDirCheckpoint(dir: string): ModelDirCheckpoint;
/** One line saying which file of a directory was read, and what was not; undefined for a file. */
export declare function describeRead(input: string): string | undefined;
/**
 * The files of every checkpoint form in `dir` other than the one being written (`writing`, full
 * paths): what a write there must remove (or refuse), so the directory holds one checkpoint.
 * Empty when the output is not named like a model directory's checkpoint.
 */
export declare function otherForms(dir: string, writing: readonly string[]): string[];
/** Files of checkpoint forms for a message: `model.safetensors.index.json and its 5 shards`. */
export declare function describeForms(files: readonly string[]): string;
/** A "small file" of a model directory: tokenizers are a few MB (Llama 3's tokenizer.json: 9 MB). */
export declare const MAX_COMPANION_BYTES: number;
export interface Companions {
    /** Regular files to copy unchanged, full paths, in name order. */
    copy: string[];
    /** What is not copied, and why. */
    skipped: {
        file: string;
        why: string;
    }[];
}
/** The small files of a model directory that travel with its weights (config, tokenizer, README...). */
export declare function companionFiles(dir: string): Companions;
/** The bytes of a small file, read without trusting the path (no FIFO hang, size cap). */
export declare function readSmallFile(file: string): Buffer;
