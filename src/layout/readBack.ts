/**
 * A conversion's output must read back as the layout it was planned as, with the same groups and
 * depths. A node inside a block named like the stack (`blocks.norm.blocks`) or like a layer
 * (`0.attn.query.0` under `--layers '^(\d+)$'`) would otherwise be written, exit 0, as a tree
 * that scanconv itself then calls ambiguous or reads with other depths. Checked on the plan,
 * before a byte is written: the analysis is pure and reads no tensor data.
 */
import { LayoutError } from '../errors.js';
import type { TensorIndex } from '../format/types.js';
import { carriedOptions, plannedIndex, type LayoutPlan } from './plan.js';
import { analyzeLayout, layerCount, type LayoutAnalysis } from './analyze.js';

export function assertReadsBack(index: TensorIndex, analysis: LayoutAnalysis, plan: LayoutPlan): void {
  const output = plannedIndex(index, plan);
  const refuse = (why: string) =>
    new LayoutError(`${index.path}: its ${plan.to} form would not read back as written (${why}); a node inside a layer is named like the stack or like a layer: rename it, or choose other names with --stack NAME / --layers REGEX`, 'OUTPUT_WOULD_NOT_READ_BACK');
  let back: LayoutAnalysis;
  try {
    back = analyzeLayout(output, { ...carriedOptions(analysis), from: plan.to === 'shared' ? 'shared' : undefined });
  } catch (e) {
    if (e instanceof LayoutError) throw refuse(e.message.replace(`${index.path}: `, ''));
    throw e;
  }
  const same = back.layout === plan.to && back.depths.size === plan.depths.size && [...plan.depths].every(([k, d]) => back.depths.get(k) === d);
  if (!same) {
    throw refuse(`it would read as ${back.layout} with ${layerCount(back.depths.values())} layers in ${[...back.depths.keys()].map((k) => k || '(root)').join(', ')}, not ${plan.to} with ${layerCount(plan.depths.values())}`);
  }
}
