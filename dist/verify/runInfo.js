/** What a verify run was asked to do, and why one ended without a report: every report's header. */
import path from 'node:path';
/** "a.safetensors vs b.safetensors", or the one checkpoint. */
export function runFiles(run) {
    return run.other ? `${run.checkpoint} vs ${run.other}` : run.checkpoint;
}
/** A name for the run made of the checkpoint's file name: CI views tell runs apart by it. */
export function runSlug(run) {
    return path.basename(run.checkpoint).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
}
