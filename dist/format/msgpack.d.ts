import { type DType } from './dtype.js';
import { type TensorIndex, type TensorRef } from './types.js';
export declare function fileRef(file: string, fd: number, name: string, dtype: DType, shape: number[], runs: {
    offset: number;
    length: number;
}[]): TensorRef;
export declare function openMsgpack(file: string, sep?: string): TensorIndex;
