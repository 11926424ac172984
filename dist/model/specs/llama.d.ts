import type { HfConfig } from '../config.js';
import type { Family, DetectContext } from '../registry.js';
import type { Naming } from '../spec.js';
import { type TreeView } from './check.js';
export declare function needConfig(ctx: DetectContext, kind: string): HfConfig;
/** Which naming the tree uses, from one leaf that each naming spells differently. */
export declare function namingOf(tree: TreeView, pt: string, flax: string): Naming;
export declare const llamaFamily: Family;
export declare const gemmaFamily: Family;
