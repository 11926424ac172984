/**
 * What every model-running command starts with: open the checkpoint, pick the two forms,
 * detect the model, and build form requests. Shared by verify, generate and profile.
 */
import { UsageError } from '../errors.js';
import { checkpointFile, openCheckpoint } from '../format/open.js';
import type { TensorIndex } from '../format/types.js';
import { analyzeLayout, type Layout, type LayoutAnalysis, type LayoutOptions } from '../layout/analyze.js';
import { modelTree } from '../model/tree.js';
import { HfConfig } from '../model/config.js';
import { detectModel } from '../model/detect.js';
import { takesTokens, type ModelKind, type ModelSpec } from '../model/spec.js';
import { resolveBackend, type BackendChoice, type BackendName } from './backend.js';
import type { FormRequest, FormTask, HostTensor } from './forms.js';
import { resolveHeads } from './inputs.js';
import { StagedCheckpoints } from '../format/orbax/stagedIndex.js';

export interface ModelOptions extends Partial<LayoutOptions> {
  /** Backend for both forms (default auto: tensorflow, else webgpu with a GPU, else wasm). */
  backend?: BackendChoice;
  model?: ModelKind;
  heads?: number;
  /** The model's config.json (default: config.json beside the checkpoint, when there is one). */
  config?: string;
  sep?: string;
  /** Form to run against a shared checkpoint (default pyloop). */
  against?: Layout;
  /** Layers reached over both forms, and by each form (`perForm`), for a progress bar. */
  onProgress?: (done: number, total: number, perForm: readonly number[]) => void;
}

export interface ModelSession {
  index: TensorIndex;
  analysis: LayoutAnalysis;
  spec: ModelSpec;
  /** The checkpoint's own form first, then the other one. */
  forms: [Layout, Layout];
  layout: Partial<LayoutOptions>;
  request(form: Layout, input: HostTensor, task: FormTask, checkpoint?: string): FormRequest;
  /** A second checkpoint (verify A B), staged like the first; the caller closes it. */
  openOther(file: string): Promise<TensorIndex>;
  /** Orbax checkpoints read by byte range instead of staged decoded, and why (stagedIndex.ts). */
  readonly staging: readonly string[];
  close(): void;
}

export function otherForm(layout: Layout, against?: Layout): Layout {
  if (layout === 'shared') return against ?? 'pyloop';
  return layout === 'pyloop' ? 'scan' : 'pyloop';
}

/** `tokens`: the command runs token models only (generate). */
export async function openModel(checkpoint: string, options: ModelOptions, need?: 'tokens'): Promise<ModelSession> {
  const backend: BackendName = await resolveBackend(options.backend);
  const layout: Partial<LayoutOptions> = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers, from: options.from };
  // An Orbax checkpoint is decoded once into a temporary safetensors file (stagedIndex.ts) that
  // the forms open: they read a scanned tensor layer by layer, which decodes each chunk once per
  // layer from the checkpoint itself.
  const staged = new StagedCheckpoints();
  let index = openCheckpoint(checkpoint, { sep: options.sep });
  try {
    let analysis = analyzeLayout(index, layout);
    // A model directory's config.json is inside it, beside its model file.
    const file = checkpointFile(checkpoint);
    const heads = resolveHeads(file, index.metadata, options.heads);
    const config = HfConfig.find(file, options.config);
    const spec = detectModel(modelTree(index, analysis.layout, layout), { model: options.model, heads, config });
    if (need && !takesTokens(spec)) throw new UsageError(`this command decodes tokens, but ${checkpoint} holds the ${spec.kind} model, which takes hidden states`, 'WRONG_MODEL');
    // Staged only once the model is known: a checkpoint that cannot run is refused before minutes of decoding.
    const original = index;
    index = await staged.open(checkpoint, index);
    if (index !== original) analysis = analyzeLayout(index, layout);
    const opened = index;
    return {
      index,
      analysis,
      spec,
      forms: [analysis.layout, otherForm(analysis.layout, options.against)],
      layout,
      // --from describes the first checkpoint only; a second one is analysed on its own.
      request: (form, input, task, file = checkpoint) => ({ checkpoint: staged.fileFor(file), sep: options.sep, layout: file === checkpoint ? layout : { ...layout, from: undefined }, form, backend, spec, input, task }),
      openOther: async (other) => {
        const second = openCheckpoint(other, { sep: options.sep });
        try {
          return await staged.open(other, second);
        } catch (e) {
          second.close();
          throw e;
        }
      },
      staging: staged.notes,
      close: () => {
        opened.close();
        staged.removeAll();
      },
    };
  } catch (e) {
    index.close();
    staged.removeAll();
    throw e;
  }
}
