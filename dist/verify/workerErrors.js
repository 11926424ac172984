/**
 * A typed error thrown where a form runs (a worker thread, or a child process on webgpu) arrives
 * in the main thread as the same class with the same code, message and fields: a caller's
 * `e instanceof SafetensorsError` and `e.code` mean the same whichever thread read the file.
 * postMessage and IPC copy an Error as a plain Error (its class and own fields lost), so it
 * crosses as data and is rebuilt here from a fixed list of classes (never from a name alone).
 */
import { isErrorCode } from '../errorCodes.js';
import { BlockSizeUnknownError, FormatError, LayoutError, ScanconvError, UsageError } from '../errors.js';
import { OutputRaceError } from '../format/atomic.js';
import { AbortedError } from '../format/unfinished.js';
import { JsonCheckpointError } from '../format/json.js';
import { MsgpackError } from '../format/msgpackParser.js';
import { SafetensorsError } from '../format/safetensors.js';
import { ShardedError } from '../format/sharded.js';
import { OrbaxError } from '../format/orbax/errors.js';
import { OutputExistsError } from '../outputs.js';
import { BackendError } from './backend.js';
/** Every ScanconvError class, by name. A new class is added here, or it crosses as its nearest listed base. */
const CLASSES = new Map([
    ['ScanconvError', ScanconvError],
    ['FormatError', FormatError],
    ['LayoutError', LayoutError],
    ['BlockSizeUnknownError', BlockSizeUnknownError],
    ['UsageError', UsageError],
    ['SafetensorsError', SafetensorsError],
    ['MsgpackError', MsgpackError],
    ['JsonCheckpointError', JsonCheckpointError],
    ['ShardedError', ShardedError],
    ['OrbaxError', OrbaxError],
    ['OutputRaceError', OutputRaceError],
    ['AbortedError', AbortedError],
    ['OutputExistsError', OutputExistsError],
    ['BackendError', BackendError],
]);
export function serializeError(e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const code = err.code;
    const out = { message: err.message, code: typeof code === 'string' ? code : 'INTERNAL', stack: err.stack };
    if (!(err instanceof ScanconvError))
        return out;
    out.classes = [];
    for (let p = Object.getPrototypeOf(err); p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
        out.classes.push(p.constructor.name);
    }
    out.fields = {};
    for (const [k, v] of Object.entries(err)) {
        if (k !== 'code' && k !== 'name' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
            out.fields[k] = v;
    }
    return out;
}
/** The ScanconvError it was (same class, code, message, fields), or undefined for any other error. */
export function reviveError(s) {
    if (!s.classes || !isErrorCode(s.code))
        return undefined;
    const name = s.classes.find((c) => CLASSES.has(c)) ?? 'ScanconvError';
    const cls = CLASSES.get(name);
    // Built as a ScanconvError (a real Error, with its code) and given the class's prototype: the
    // subclasses' constructors take other arguments and would reword the message.
    const err = new ScanconvError(s.message, s.code);
    Object.setPrototypeOf(err, cls.prototype);
    Object.defineProperty(err, 'name', { value: name, writable: true, configurable: true });
    for (const [k, v] of Object.entries(s.fields ?? {}))
        Object.defineProperty(err, k, { value: v, enumerable: true, writable: true, configurable: true });
    if (s.stack)
        err.stack = s.stack;
    return err;
}
