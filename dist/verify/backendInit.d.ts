import { type BackendName } from './backend.js';
/** Load and activate a backend in this thread; returns a description naming the device. */
export declare function initBackend(name: BackendName): Promise<string>;
