/**
 * A verify run as a list of checks (params, final, one per layer, expect), each passed, failed,
 * skipped or errored: the one model that JUnit, the JSON report, the GitHub summary and the HTML
 * report all render, so they all count the same faults.
 *
 * One fault counts once. The layer where the forms start to diverge is the failure; the layers
 * after it, and the final output, got an input that already differed and are skipped as
 * "downstream of layer N". Parameters that differ at a layer that diverges are part of that
 * layer's failure (its body lists them), so the params check is skipped when every differing
 * parameter is explained that way; a parameter difference no divergence explains is its own
 * failure.
 */
import { type Divergence } from './divergence.js';
import type { ParamCheck } from './paramCheck.js';
import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'errored';
/** Failure types: what kind of fault a failed check is (JUnit's `type`, the JSON's `type`). */
export declare const FAILURE_TYPES: {
    /** The forms disagree at this layer while its input still agreed: the cause. */
    readonly diverge: "FORMS_DIVERGE";
    /** Parameters differ between the two checkpoints where no layer diverges because of it. */
    readonly params: "PARAMS_DIFFER";
    /** The final output differs, not downstream of a layer that diverges. */
    readonly final: "FINAL_DIFFERS";
    /** The checkpoint's own form differs from the golden outputs (--expect). */
    readonly expect: "EXPECT_DIFFERS";
    /** A checkpoint holds NaN or infinity (--params-only): never agreement. */
    readonly nonfinite: "NONFINITE";
};
export interface Check {
    /** `params`, `final`, `layer_N`, `expect`; `verify` for a run that ended without a report. */
    name: string;
    status: CheckStatus;
    seconds: number;
    /** A failure's type (FAILURE_TYPES) or an error's code. */
    type?: string;
    /** One line: why it failed, errored or was skipped. */
    message?: string;
    /** A failure's evidence: the rows of the tables that failed, one line each. */
    rows?: string[];
}
export interface CheckCounts {
    tests: number;
    failures: number;
    errors: number;
    skipped: number;
}
export declare function countChecks(checks: readonly Check[]): CheckCounts;
/**
 * The parameter check. A parameter that differs inside a run of failing layers is reported with
 * that run's cause (its failure lists it); the check fails only for the others.
 */
export declare function paramsCheck(p: ParamCheck, seconds: number, divergences?: readonly Divergence[]): Check;
/** The checks of `verify --params-only`: the parameters, and no NaN or infinity in either checkpoint. */
export declare function paramsOnlyChecks(report: ParamsOnlyReport): Check[];
/** The checks of a finished run, in report order: params, final, each layer, expect. */
export declare function verifyChecks(report: VerifyReport): Check[];
/** The one check of a run that ended without a report: errored with the reason. */
export declare function errorChecks(code: string, message: string, seconds: number): Check[];
