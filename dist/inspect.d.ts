import type { FormatName } from './format/types.js';
import { type Layout, type LayoutOptions } from './layout/analyze.js';
export interface GroupSummary {
    /** Where the repeated block sits, e.g. `params.layer_{0..11}` or `params.blocks`. */
    where: string;
    kind: 'layers' | 'stack';
    layers: number;
    tensorsPerLayer: number;
}
export interface InspectReport {
    path: string;
    format: FormatName;
    fileBytes: number;
    sep: string;
    layout: Layout | 'unknown';
    /** Why no layout was recognised, when layout is 'unknown'. */
    layoutProblem?: string;
    /** Layers over all groups (each group's are in `groups`). */
    layers: number;
    axis?: number;
    groups: GroupSummary[];
    tensors: number;
    parameters: Record<string, number>;
    tensorBytes: number;
    metadata: Record<string, string>;
}
export declare function inspect(file: string, options?: Partial<LayoutOptions> & {
    sep?: string;
}): InspectReport;
