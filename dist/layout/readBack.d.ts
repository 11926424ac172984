import type { TensorIndex } from '../format/types.js';
import { type LayoutPlan } from './plan.js';
import { type LayoutAnalysis } from './analyze.js';
export declare function assertReadsBack(index: TensorIndex, analysis: LayoutAnalysis, plan: LayoutPlan): void;
