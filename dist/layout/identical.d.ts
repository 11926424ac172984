import { type TensorRef } from '../format/types.js';
/** Throw naming the first tensor whose bytes differ from refs[0]'s. */
export declare function assertIdentical(refs: readonly TensorRef[], label: (i: number) => string): void;
