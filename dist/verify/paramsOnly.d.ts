/**
 * `verify A B --params-only`: the bit-exact parameter check of a pair alone, for any tree,
 * known to a model family or not. No model runs, so nothing about the architecture is needed:
 * every slice of every stacked tensor against its layer's tensor, everything else byte for byte.
 */
import type { ChalkInstance } from 'chalk';
import { type Layout, type LayoutOptions } from '../layout/analyze.js';
import { type ParamCheck } from './paramCheck.js';
export interface ParamsOnlyReport {
    passed: boolean;
    paramsOnly: true;
    forms: {
        name: Layout;
        checkpoint: string;
    }[];
    layers: number;
    params: ParamCheck;
    seconds: number;
}
export interface ParamsOnlyOptions extends Partial<LayoutOptions> {
    sep?: string;
}
export declare function verifyParamsOnly(checkpoint: string, other: string, options?: ParamsOnlyOptions): ParamsOnlyReport;
export declare function renderParamsOnly(report: ParamsOnlyReport, c: ChalkInstance): string;
