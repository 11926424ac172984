/**
 * MaxText's blocks of layers refused: blocks that cannot interleave (BLOCK_MISMATCH), a bad
 * block size (BAD_BLOCK_SIZE, BAD_META_BLOCK_SIZE), no shared form (BLOCKS_NOT_SHARED), an axis the
 * shapes cannot tell (AXIS_UNKNOWN); each with its exact message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeLayout } from '../src/layout/analyze.js';
import { blockLeafRefs, carriedOptions, planConversion } from '../src/layout/plan.js';
import { checkSameModel } from '../src/verify/paramCheck.js';
import type { TensorSpec } from './helpers.js';
import { maxtextBlocks, maxtextUnscanned, specsIndex, type MaxTextDims } from './maxtextTrees.js';

const DENSE: MaxTextDims = { E: 8, L: 8, H: 2, D: 4, KV: 1, M: 12, V: 10 };
const memoryIndex = specsIndex;

const blockRef = (J: number, rel: string, shape: number[]): [string, TensorSpec] => [`params.params.decoder.layers.layers_${J}.${rel}`, { dtype: 'BF16', shape }];

test('blocks that cannot interleave are refused, naming the tensors (BLOCK_MISMATCH)', () => {
  // Different lengths on the scan axis.
  const uneven = memoryIndex(
    'b.safetensors',
    Object.fromEntries([blockRef(0, 'mlp.wi.kernel', [8, 3, 12]), blockRef(0, 'mlp.wo.kernel', [12, 3, 8]), blockRef(1, 'mlp.wi.kernel', [8, 2, 12]), blockRef(1, 'mlp.wo.kernel', [12, 2, 8])]),
  );
  assert.throws(() => analyzeLayout(uneven), {
    code: 'BLOCK_MISMATCH',
    message:
      'params.params.decoder.layers.layers_1.mlp.wi.kernel: holds 2 layers on axis 1 but params.params.decoder.layers.layers_0.mlp.wi.kernel holds 3; the blocks of params.params.decoder.layers must be stacked over the same count to interleave',
  });
  const even = Object.fromEntries([blockRef(0, 'mlp.wi.kernel', [8, 3, 12]), blockRef(0, 'mlp.wo.kernel', [12, 3, 8]), blockRef(1, 'mlp.wi.kernel', [8, 3, 12]), blockRef(1, 'mlp.wo.kernel', [12, 3, 8])]);
  // A remainder as long as a block.
  const longRemainder = memoryIndex('b.safetensors', {
    ...even,
    'params.params.decoder.layers_remainder.layers_0.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 8] },
    'params.params.decoder.layers_remainder.layers_1.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 8] },
  });
  assert.throws(() => analyzeLayout(longRemainder), {
    code: 'BLOCK_MISMATCH',
    message: 'params.params.decoder.layers_remainder: holds 2 layers, but the remainder of blocks of 2 holds fewer than 2',
  });
  // A remainder layer unlike its block.
  const oddRemainder = memoryIndex('b.safetensors', {
    ...even,
    'params.params.decoder.layers_remainder.layers_0.mlp.wi.kernel': { dtype: 'BF16', shape: [8, 12] },
    'params.params.decoder.layers_remainder.layers_0.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 9] },
  });
  assert.throws(() => analyzeLayout(oddRemainder), {
    code: 'BLOCK_MISMATCH',
    message:
      'params.params.decoder.layers_remainder.layers_0.mlp.wo.kernel: [12, 9] BF16 is not one layer of params.params.decoder.layers.layers_0.mlp.wo.kernel [12, 3, 8] BF16 (remainder layer 0 must match block 0 without its axis 1)',
  });
  // A tensor in the stack beside its blocks.
  const stray = memoryIndex('b.safetensors', { ...even, 'params.params.decoder.layers.norm.scale': { dtype: 'BF16', shape: [6, 3] } });
  assert.throws(() => analyzeLayout(stray), {
    code: 'BLOCK_MISMATCH',
    message: "b.safetensors: params.params.decoder.layers.norm.scale lies in params.params.decoder.layers beside its blocks of layers (^layers_(\\d+)$); a stack of blocks holds blocks only",
  });
  // --block-size unlike the blocks.
  assert.throws(() => analyzeLayout(memoryIndex('b.safetensors', even), { blockSize: 3 }), {
    code: 'BLOCK_MISMATCH',
    message: 'b.safetensors: --block-size 3, but the stack under params.params.decoder holds 2 blocks of layers',
  });
  // --block-size on a plain scanned stack.
  const plain = memoryIndex('p.safetensors', { 'params.params.decoder.layers.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 3, 8] }, 'params.params.decoder.layers.mlp.wi.kernel': { dtype: 'BF16', shape: [8, 3, 12] } });
  assert.throws(() => analyzeLayout(plain, { blockSize: 3 }), {
    code: 'BLOCK_MISMATCH',
    message: 'p.safetensors: --block-size 3, but the "layers" node under params.params.decoder holds stacked tensors, not blocks of layers (^layers_(\\d+)$)',
  });
});

test('a bad --block-size or scanconv.block_size is refused (BAD_BLOCK_SIZE, BAD_META_BLOCK_SIZE); blocks have no shared form (BLOCKS_NOT_SHARED)', () => {
  const un = memoryIndex('u.safetensors', maxtextUnscanned({ ...DENSE, L: 4 }));
  for (const bad of [0, 1.5, 65_537]) {
    assert.throws(() => analyzeLayout(un, { blockSize: bad }), { code: 'BAD_BLOCK_SIZE', message: `--block-size ${bad} is not a block size (layers per block, an integer from 1 to 65536)` });
  }
  assert.throws(() => analyzeLayout(un, { blockSize: 5 }), { code: 'BAD_BLOCK_SIZE', message: '--block-size 5: the group under params.params.decoder has only 4 layers, fewer than one block' });
  const withMeta = memoryIndex('m.safetensors', maxtextUnscanned({ ...DENSE, L: 4 }), { 'scanconv.layout': 'pyloop', 'scanconv.block_size': '0x2' });
  assert.throws(() => analyzeLayout(withMeta), {
    code: 'BAD_META_BLOCK_SIZE',
    message: 'm.safetensors: metadata scanconv.block_size "0x2" is not a block size (an integer from 1 to 65536); pass --block-size K',
  });
  const blocks = analyzeLayout(memoryIndex('b.safetensors', maxtextBlocks(maxtextUnscanned(DENSE), DENSE.L, 4)));
  assert.throws(() => planConversion(blocks, 'shared'), {
    code: 'BLOCKS_NOT_SHARED',
    message: 'the shared layout holds one layer\'s weights, and params.params.decoder holds blocks of 4 different layers; convert to pyloop or scan',
  });
});

test('blocks whose shapes agree on axes 0 and 1 ask for --axis; --from pyloop on blocks is refused', () => {
  const square = memoryIndex('sq.safetensors', Object.fromEntries([blockRef(0, 'mlp.wo.kernel', [4, 4, 2]), blockRef(1, 'mlp.wo.kernel', [4, 4, 2])]));
  assert.throws(() => analyzeLayout(square), {
    code: 'AXIS_UNKNOWN',
    message:
      "sq.safetensors: cannot tell the layer axis of MaxText's scanned layers (params.params.decoder.layers.layers_0.mlp.wo…) from the shapes: every tensor has 4 on axis 0 and 4 on axis 1; pass --axis 1 (MaxText's param_scan_axis) or --axis 0",
  });
  assert.equal(analyzeLayout(square, { axis: 1 }).layers, 8);
  assert.throws(() => analyzeLayout(square, { axis: 1, from: 'pyloop' }), {
    code: 'NO_LAYOUT',
    message: "sq.safetensors: --from pyloop, but params.params.decoder holds MaxText's blocks of layers in the scan layout",
  });
});


test('blocks whose layer-named children sit below another layer-named node are refused, not named back wrongly (BLOCK_MISMATCH)', () => {
  const nested = memoryIndex('n.safetensors', {
    'params.layers_3.decoder.layers.layers_0.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 3, 8] },
    'params.layers_3.decoder.layers.layers_1.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 3, 8] },
  });
  assert.throws(() => analyzeLayout(nested, { layerPattern: '^layers_(\\d+)$', stack: 'layers', axis: 1 }), {
    code: 'BLOCK_MISMATCH',
    message: 'n.safetensors: the blocks of layers in params.layers_3.decoder.layers are not its direct children (^layers_(\\d+)$ matches above them); name them with --layers REGEX',
  });
});

test("a plain stack whose layers hold layer-named sub-modules is not read as blocks under another pattern: ambiguous, as before blocks existed", () => {
  // Three stacked layers, each with sub-modules layer_0 and layer_1: read as blocks of 2 they
  // would unscan into six layers.
  const tree = memoryIndex('s.safetensors', {
    'params.blocks.layer_0.kernel': { dtype: 'F32', shape: [3, 4, 4] },
    'params.blocks.layer_1.kernel': { dtype: 'F32', shape: [3, 4, 4] },
  });
  assert.throws(() => analyzeLayout(tree, { layerPattern: '^layer_(\\d+)$' }), { code: 'AMBIGUOUS_LAYOUT' });
});

test('stacks and blocks share one stacked-length check (groups.ts stackedLength), each refusing in its own words', () => {
  const refuses = (specs: Record<string, TensorSpec>, flags: { axis?: number }, code: string, message: string) => assert.throws(() => analyzeLayout(memoryIndex('z.safetensors', specs), flags), { code, message });
  const wo = (J: number, shape: number[]): Record<string, TensorSpec> => ({ [`params.params.decoder.layers.layers_${J}.mlp.wo.kernel`]: { dtype: 'BF16', shape } });
  refuses({ ...wo(0, [12, 0, 8]), ...wo(1, [12, 0, 8]) }, { axis: 1 }, 'BLOCK_MISMATCH', 'params.params.decoder.layers.layers_0.mlp.wo.kernel: the blocks of params.params.decoder.layers hold 0 layers on axis 1');
  refuses({ ...wo(0, [12]), ...wo(1, [12, 3, 8]) }, { axis: 1 }, 'NO_LAYER_AXIS', 'params.params.decoder.layers.layers_0.mlp.wo.kernel: shape [12] has no axis 1 to unstack (--axis)');
  const f32 = (shape: number[]): TensorSpec => ({ dtype: 'F32', shape });
  refuses({ 'params.blocks.w': f32([0, 4]), 'params.blocks.b': f32([0]) }, {}, 'STACK_MISMATCH', 'params.blocks.w: the stack has 0 layers on axis 0');
  refuses({ 'params.blocks.w': f32([3, 4]), 'params.blocks.b': f32([2]) }, {}, 'STACK_MISMATCH', 'params.blocks.b: has 2 layers on axis 0 but params.blocks.w has 3; every stacked tensor must agree');
  refuses({ 'params.blocks.w': f32([70_000, 1]) }, {}, 'TOO_MANY_LAYERS', 'params.blocks.w: claims 70000 layers on axis 0, more than the 65536 scanconv accepts in one group');
});

test('blocks with the same tensor names but other shapes per block are not uniform anywhere: --params-only sees block 1 differ (TREES_DIFFER)', () => {
  // K = 2 over S = 3 on axis 1; only block 1's mlp.wo differs between the two checkpoints.
  const pair = (width: number) => memoryIndex('w.safetensors', Object.fromEntries([blockRef(0, 'mlp.wo.kernel', [12, 3, 8]), blockRef(1, 'mlp.wo.kernel', [12, 3, width])]));
  const [a, b] = [analyzeLayout(pair(16), { axis: 1 }), analyzeLayout(pair(4), { axis: 1 })];
  // Per layer, both hold blocks unlike each other: no plain group, and the leaves keep their block.
  assert.deepEqual([a.layerGroups.length, [...blockLeafRefs(a).keys()]], [0, ['params.params.decoder.layers.layers_0.mlp.wo.kernel', 'params.params.decoder.layers.layers_1.mlp.wo.kernel']]);
  assert.throws(() => checkSameModel(a, b), {
    code: 'TREES_DIFFER',
    message: 'the first checkpoint and the second are not the same model: params.params.decoder.layers.layers_1.mlp.wo.kernel is [12, 16] per layer in the first checkpoint, [12, 4] in the second',
  });
});

test('block-size refusals name where K came from: --block-size, the file\'s scanconv.block_size, or the stored blocks', () => {
  const recorded = (K: number, layout: string) => ({ 'scanconv.layout': layout, 'scanconv.layer_pattern': '^layers_(\\d+)$', 'scanconv.stack': 'layers', 'scanconv.axis': '1', 'scanconv.block_size': String(K) });
  const even = Object.fromEntries([blockRef(0, 'mlp.wi.kernel', [8, 3, 12]), blockRef(0, 'mlp.wo.kernel', [12, 3, 8]), blockRef(1, 'mlp.wi.kernel', [8, 3, 12]), blockRef(1, 'mlp.wo.kernel', [12, 3, 8])]);
  const plain: Record<string, TensorSpec> = { 'params.params.decoder.layers.mlp.wo.kernel': { dtype: 'BF16', shape: [12, 3, 8] }, 'params.params.decoder.layers.mlp.wi.kernel': { dtype: 'BF16', shape: [8, 3, 12] } };
  const un = maxtextUnscanned({ ...DENSE, L: 4 });
  // K larger than the group (BAD_BLOCK_SIZE).
  assert.throws(() => analyzeLayout(memoryIndex('u.safetensors', un), { blockSize: 5 }), { code: 'BAD_BLOCK_SIZE', message: '--block-size 5: the group under params.params.decoder has only 4 layers, fewer than one block' });
  assert.throws(() => analyzeLayout(memoryIndex('u.safetensors', un, recorded(5, 'pyloop'))), {
    code: 'BAD_BLOCK_SIZE',
    message: "the file's scanconv.block_size 5: the group under params.params.decoder has only 4 layers, fewer than one block",
  });
  // K unlike the blocks (BLOCK_MISMATCH).
  assert.throws(() => analyzeLayout(memoryIndex('b.safetensors', even), { blockSize: 3 }), { code: 'BLOCK_MISMATCH', message: 'b.safetensors: --block-size 3, but the stack under params.params.decoder holds 2 blocks of layers' });
  assert.throws(() => analyzeLayout(memoryIndex('b.safetensors', even, recorded(3, 'scan'))), {
    code: 'BLOCK_MISMATCH',
    message: "b.safetensors: the file's scanconv.block_size 3, but the stack under params.params.decoder holds 2 blocks of layers",
  });
  // K on a plain stack (BLOCK_MISMATCH), including a K carried from another analysis's blocks.
  assert.throws(() => analyzeLayout(memoryIndex('p.safetensors', plain), { blockSize: 2 }), {
    code: 'BLOCK_MISMATCH',
    message: 'p.safetensors: --block-size 2, but the "layers" node under params.params.decoder holds stacked tensors, not blocks of layers (^layers_(\\d+)$)',
  });
  assert.throws(() => analyzeLayout(memoryIndex('p.safetensors', plain, recorded(2, 'scan'))), {
    code: 'BLOCK_MISMATCH',
    message: 'p.safetensors: the file\'s scanconv.block_size 2, but the "layers" node under params.params.decoder holds stacked tensors, not blocks of layers (^layers_(\\d+)$)',
  });
  const fromBlocks = carriedOptions(analyzeLayout(memoryIndex('b.safetensors', even)));
  assert.throws(() => analyzeLayout(memoryIndex('p.safetensors', plain), fromBlocks), {
    code: 'BLOCK_MISMATCH',
    message: 'p.safetensors: the block size 2 read from the stored blocks, but the "layers" node under params.params.decoder holds stacked tensors, not blocks of layers (^layers_(\\d+)$)',
  });
  // A flag beside the metadata is the flag.
  assert.throws(() => analyzeLayout(memoryIndex('p.safetensors', plain, recorded(3, 'scan')), { blockSize: 2 }), { code: 'BLOCK_MISMATCH', message: /^p\.safetensors: --block-size 2, but/ });
});
