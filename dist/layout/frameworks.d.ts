import type { TensorRef } from '../format/types.js';
import type { LayoutOptions } from './analyze.js';
import { type StacksByName } from './groups.js';
export declare const MAXTEXT: {
    readonly layerPattern: "^layers_(\\d+)$";
    readonly stack: "layers";
    readonly axis: 1;
};
export declare const LEVANTER: {
    readonly stack: "stacked";
    readonly axis: 0;
};
type Implied = Pick<Partial<LayoutOptions>, 'layerPattern' | 'stack' | 'axis'>;
/** The options a framework's layout implies for this tree, or undefined when none is recognised. */
export declare function impliedOptions(tensors: ReadonlyMap<string, TensorRef>, sep: string, file: string, axisGiven: boolean, stacks: StacksByName): Implied | undefined;
export {};
