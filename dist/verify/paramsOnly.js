import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { analyzeLayout } from '../layout/analyze.js';
import { paramCheck } from './paramCheck.js';
import { renderParamLines } from './render.js';
export function verifyParamsOnly(checkpoint, other, options = {}) {
    const started = performance.now();
    const layout = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers, from: options.from };
    const indexA = openCheckpoint(checkpoint, { sep: options.sep });
    try {
        const indexB = openCheckpoint(other, { sep: options.sep });
        try {
            const a = analyzeLayout(indexA, layout);
            // --from describes the first checkpoint only.
            const b = analyzeLayout(indexB, { ...layout, from: undefined });
            if (a.layout === b.layout)
                throw new UsageError(`both checkpoints are in the ${a.layout} layout; verify compares one layout with another`, 'SAME_LAYOUT');
            const params = paramCheck(a, b, { first: checkpoint, second: other });
            return {
                passed: params.equal,
                paramsOnly: true,
                forms: [
                    { name: a.layout, checkpoint },
                    { name: b.layout, checkpoint: other },
                ],
                layers: a.layers,
                params,
                seconds: (performance.now() - started) / 1000,
            };
        }
        finally {
            indexB.close();
        }
    }
    finally {
        indexA.close();
    }
}
export function renderParamsOnly(report, c) {
    const [a, b] = report.forms;
    return [
        c.bold(`scanconv verify --params-only: ${a.name} ${a.checkpoint} vs ${b.name} ${b.checkpoint}, ${report.layers} layers (no model run)`),
        ...renderParamLines(report.params, c),
        '',
        report.passed ? c.green.bold(`PASSED in ${report.seconds.toFixed(2)} s`) : c.red.bold(`FAILED: params (${report.params.mismatches.length} mismatches)`),
    ].join('\n');
}
