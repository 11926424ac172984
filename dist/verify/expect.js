/**
 * `verify --expect`: the form that matches the checkpoint's own layout against Flax's golden
 * outputs (`output` or `prefill_logits`, and per layer `layer_{i}.<name>` or slice i of a
 * stacked `blocks.<name>`), layer by layer as the traces arrive, with a scale-aware error:
 * max|diff| / max(1, max|expected|). Only one golden layer is in memory at a time.
 */
import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { takesTokens } from '../model/spec.js';
import { firstNonfinite, relativeError } from './diff.js';
import { floatValues, readHostTensor } from './inputs.js';
export class ExpectComparer {
    file;
    spec;
    traceShape;
    threshold;
    golden;
    compared = 0;
    maxAbsDiff = 0;
    relError = 0;
    /** The first golden tensor holding a NaN or an infinity. */
    nonfinite;
    /** Each layer's own error (the layers the golden file has), for the plots. */
    layers = new Map();
    /** Opens `file` now, so a missing golden file fails before any compute. */
    constructor(file, spec, traceShape, threshold) {
        this.file = file;
        this.spec = spec;
        this.traceShape = traceShape;
        this.threshold = threshold;
        this.golden = openCheckpoint(file);
    }
    /** Layer i of the form under test; intermediates the golden file lacks are skipped. */
    layer(i, trace) {
        for (const [name, actual] of Object.entries(trace)) {
            const golden = this.goldenLayer(i, name);
            if (!golden)
                continue;
            const r = this.add(actual, golden.data, golden.name);
            const seen = this.layers.get(i) ?? { maxAbsDiff: 0, relError: 0 };
            this.layers.set(i, { maxAbsDiff: Math.max(seen.maxAbsDiff, r.maxAbsDiff), relError: Math.max(seen.relError, r.relError) });
        }
    }
    /** The final output: `output` (block), `prefill_logits` (Flax fixtures) or `logits` (transformers' golden files). */
    final(actual, shape) {
        const name = !takesTokens(this.spec) ? 'output' : this.golden.tensors.has('prefill_logits') ? 'prefill_logits' : 'logits';
        this.add(actual, this.checked(name, shape), name);
    }
    /** `embed_out` and `final_norm_out`, when the golden file has them (transformers' hidden states 0 and L). */
    extras(actual) {
        for (const [name, data] of Object.entries(actual))
            if (this.golden.tensors.has(name))
                this.add(data, this.checked(name, this.traceShape), name);
    }
    result(form) {
        const { file, compared, maxAbsDiff, relError, threshold, nonfinite } = this;
        const perLayer = [...this.layers].sort(([a], [b]) => a - b).map(([layer, e]) => ({ layer, ...e }));
        const result = { file, form, compared, maxAbsDiff, relError, threshold, passed: relError <= threshold && !nonfinite, perLayer };
        if (nonfinite)
            result.nonfinite = nonfinite;
        return result;
    }
    close() {
        this.golden.close();
    }
    add(actual, expected, name) {
        // A golden NaN or infinity is a broken golden file, never a value to agree with.
        if (this.nonfinite === undefined && firstNonfinite(expected) >= 0)
            this.nonfinite = name;
        const r = relativeError(actual, expected);
        this.compared++;
        this.maxAbsDiff = Math.max(this.maxAbsDiff, r.maxAbsDiff);
        this.relError = Math.max(this.relError, r.relError);
        return r;
    }
    goldenLayer(i, name) {
        const named = (key) => ({ name: key, data: this.checked(key, this.traceShape) });
        if (this.golden.tensors.has(`layer_${i}.${name}`))
            return named(`layer_${i}.${name}`);
        // transformers' hidden_states: `hidden.{i}` is layer i's output (before the final norm for the last).
        if (name === '+mlp' && this.golden.tensors.has(`hidden.${i}`))
            return named(`hidden.${i}`);
        const stacked = this.golden.tensors.get(`blocks.${name}`);
        if (!stacked)
            return undefined;
        this.checkShape(`blocks.${name}`, stacked.shape, [this.spec.layers, ...this.traceShape]);
        const size = stacked.byteLength / this.spec.layers;
        const bytes = new Uint8Array(size);
        stacked.readInto(bytes, 0, i * size, size);
        return { name: `blocks.${name}[${i}]`, data: floatValues(this.golden.path, `blocks.${name}`, stacked.dtype, bytes) };
    }
    checked(name, shape) {
        const t = readHostTensor(this.golden, name, 'values');
        this.checkShape(name, t.shape, shape);
        return t.data;
    }
    checkShape(name, found, want) {
        if (found.join() !== want.join()) {
            throw new UsageError(`${this.golden.path}: "${name}" has shape [${found.join(', ')}] but the model gives [${want.join(', ')}]; was it made with this input?`, 'EXPECT_SHAPE');
        }
    }
}
