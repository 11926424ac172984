/** One build: its memory and a decode that returns the bytes written, or a negative zstd code. */
export interface ZstdModule {
    readonly memory: WebAssembly.Memory;
    malloc(size: number): number;
    free(ptr: number): void;
    /** Bytes written to `dst`; on failure -(zstd's error code), or -1 when the build cannot say. */
    decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
}
/**
 * @foxglove/wasm-zstd is an Emscripten module with minified export names: which one is malloc,
 * free, decompress and the memory is read from its JavaScript glue, as are the two functions it
 * imports (grow the memory, copy within it), written here as Emscripten writes them.
 */
export declare function loadFast(): ZstdModule;
/**
 * zstddec keeps its module as a base64 string inside its JavaScript and exports no way to
 * instantiate it synchronously, so the string is read from the package's file and compiled here.
 */
export declare function loadNamed(): ZstdModule;
