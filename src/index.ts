/** scanconv's library API. The CLI (src/cli) is one user of it. */
export { ScanconvError, LayoutError, UsageError } from './errors.js';
export { DTYPE_SIZES, dtypeSize, numel, type DType } from './format/dtype.js';
export type { TensorRef, TensorIndex, FormatName } from './format/types.js';
export { readAll, memoryRef } from './format/types.js';
export type { OutputTensor, Piece } from './format/stream.js';
export { SafetensorsError, openSafetensors, writeSafetensors, MAX_HEADER_SIZE } from './format/safetensors.js';
export { JsonCheckpointError, openJson, writeJson } from './format/json.js';
export { openCheckpoint, writeCheckpoint } from './format/open.js';
export { groupLayers, findStacks, type LayerGroup, type StackGroup } from './layout/groups.js';
export { analyzeLayout, planConversion, type Layout, type LayoutOptions, type LayoutPlan, type LayoutAnalysis } from './layout/plan.js';
export { stackTensors, unstackTensor } from './layout/pieces.js';
export { convert, type ConvertOptions, type ConvertResult } from './convert.js';
export { inspect, type InspectReport } from './inspect.js';
export { VERSION } from './version.js';
