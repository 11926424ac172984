import { type Command } from 'commander';
import type { Layout } from '../layout/analyze.js';
import { type ModelKind } from '../model/spec.js';
import { type BackendChoice } from '../verify/backend.js';
import { type DetailMode } from '../verify/render.js';
import { type ReportPaths } from '../verify/reportFiles.js';
import { type LayoutFlags } from './options.js';
interface VerifyFlags extends LayoutFlags {
    input?: string;
    expect?: string;
    threshold: number;
    expectThreshold: number;
    batch?: number;
    seq?: number;
    seed: number;
    backend: BackendChoice;
    model?: ModelKind;
    heads?: number;
    config?: string;
    detail: DetailMode;
    report?: string;
    junit?: string;
    html?: string;
    quiet?: boolean;
    workers: boolean;
    against?: Layout;
    paramsOnly?: boolean;
}
/** Options every model-running command shares (verify, generate, profile). */
export declare function addModelOptions(cmd: Command, kinds?: readonly ModelKind[]): Command;
export declare function registerVerify(program: Command): void;
/** verify's report targets from its flags and the environment (GitHub's job summary). */
export declare function reportPaths(flags: Pick<VerifyFlags, 'report' | 'junit' | 'html'>, env?: NodeJS.ProcessEnv): ReportPaths;
export {};
