import { forwardCost } from '../model/flops.js';
import { defaultInput } from '../model/spec.js';
import { checkPositions, randomInput } from './inputs.js';
import { checkProfileRuns } from './limits.js';
import { expectKind, runForms } from './run.js';
import { openModel } from './session.js';
const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export async function profile(checkpoint, options = {}) {
    checkProfileRuns(options.runs ?? 5, options.warmup ?? 1);
    const session = await openModel(checkpoint, options);
    try {
        const { spec, forms } = session;
        const batch = options.batch ?? defaultInput(spec).batch;
        const seq = options.seq ?? defaultInput(spec).seq;
        const runs = options.runs ?? 5;
        const warmup = options.warmup ?? 1;
        const input = randomInput(spec, batch, seq, options.seed ?? 0);
        checkPositions(spec, seq, '--seq');
        const cost = forwardCost(spec, batch, seq);
        const paramBytes = [...session.index.tensors.values()].reduce((s, t) => s + t.byteLength, 0);
        const results = await runForms(forms.map((f) => session.request(f, input, { kind: 'profile', runs, warmup })), 'sequential', options.onProgress);
        const profiles = results.map((r) => {
            const p = expectKind(r, 'profile');
            const med = median(p.timesMs);
            return {
                name: p.form,
                firstCallMs: p.firstCallMs,
                medianMs: med,
                timesMs: p.timesMs,
                flops: cost.flops,
                transcendentals: cost.transcendentals,
                paramBytes,
                activationBytes: cost.activationBytes,
                peakBytes: p.peakBytes,
                gflopsPerSecond: cost.flops / (med / 1000) / 1e9,
            };
        });
        return {
            spec,
            backend: results[0].backend,
            batch,
            seq,
            runs,
            warmup,
            forms: profiles,
            ratio: { firstCall: profiles[1].firstCallMs / profiles[0].firstCallMs, median: profiles[1].medianMs / profiles[0].medianMs },
        };
    }
    finally {
        session.close();
    }
}
