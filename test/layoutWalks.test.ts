/**
 * What one analysis costs: every look for a stack (findStacks) walks every key of the index, and a
 * MaxText checkpoint was walked for the same stack up to four times (the framework's axis, the
 * blocks, the plain stacks, what lies beside the blocks). Counted here by the index itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeLayout, type LayoutOptions } from '../src/layout/analyze.js';
import type { TensorIndex, TensorRef } from '../src/format/types.js';
import { maxtextBlocks, maxtextScanned, maxtextUnscanned, specsIndex, type MaxTextDims } from './maxtextTrees.js';

const DENSE: MaxTextDims = { E: 8, L: 8, H: 2, D: 4, KV: 1, M: 12, V: 10 };

/** A tensor map that records, for each walk over its tensors, the function that walked it. */
class WalkedTensors extends Map<string, TensorRef> {
  readonly walkers: string[] = [];
  private walked(): void {
    // Frame 0 is this method, 1 the Map method overridden below, 2 the function that walks.
    const frame = new Error().stack!.split('\n').slice(1)[2] ?? '';
    this.walkers.push(/at (?:\w+\.)?(\w+) /.exec(frame)?.[1] ?? frame.trim());
  }
  override values(): MapIterator<TensorRef> {
    this.walked();
    return super.values();
  }
  override keys(): MapIterator<string> {
    this.walked();
    return super.keys();
  }
  override entries(): MapIterator<[string, TensorRef]> {
    this.walked();
    return super.entries();
  }
}

/** How often findStacks walked `index` in one analysis (which may refuse it). */
function stackWalks(index: TensorIndex, flags: Partial<LayoutOptions> = {}): number {
  const tensors = new WalkedTensors(index.tensors);
  try {
    analyzeLayout({ ...index, tensors }, flags);
  } catch {
    // A refusal costs the same walks: counted all the same.
  }
  assert.ok(tensors.walkers.length > 0, 'the analysis walked the index');
  return tensors.walkers.filter((w) => w === 'findStacks').length;
}

test('one analysis looks for its stack once: findStacks walks the index once, whatever the tree', () => {
  const cases: [string, TensorIndex, Partial<LayoutOptions>][] = [
    ['MaxText blocks, no flags', specsIndex('b.safetensors', maxtextBlocks(maxtextUnscanned(DENSE), 8, 4)), {}],
    ['MaxText blocks with a remainder', specsIndex('r.safetensors', maxtextBlocks(maxtextUnscanned({ ...DENSE, L: 10 }), 10, 4)), {}],
    ['MaxText per-layer, --block-size 4', specsIndex('u.safetensors', maxtextUnscanned(DENSE)), { blockSize: 4 }],
    ['MaxText scanned, no flags', specsIndex('s.safetensors', maxtextScanned(DENSE)), {}],
    // Refused (BLOCK_MISMATCH): a plain stack under --block-size was walked four times.
    ['MaxText scanned, --block-size 4', specsIndex('s.safetensors', maxtextScanned(DENSE)), { blockSize: 4 }],
  ];
  const walks = Object.fromEntries(cases.map(([label, index, flags]) => [label, stackWalks(index, flags)]));
  assert.deepEqual(walks, Object.fromEntries(cases.map(([label]) => [label, 1])));
});
