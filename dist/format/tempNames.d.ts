/** Host names go into file names: keep them short and plain. */
export declare const HOST: string;
export declare const TEMP_NAME: RegExp;
/**
 * `.NAME.scanconv-KIND-HOST-PID-N`; when that passes NAME_MAX (an output named with 242 bytes
 * failed with ENAMETOOLONG), NAME is cut and followed by `~` and a hash of the whole name, so
 * the temporary names of two long outputs still differ and TEMP_NAME still finds them.
 */
export declare function ownName(finalPath: string, kind: 'tmp' | 'old'): string;
