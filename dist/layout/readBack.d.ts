import type { TensorIndex } from '../format/types.js';
import { type LayoutAnalysis, type LayoutPlan } from './plan.js';
export declare function assertReadsBack(index: TensorIndex, analysis: LayoutAnalysis, plan: LayoutPlan): void;
