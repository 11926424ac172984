import path from 'node:path';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { inspect, type InspectReport } from '../inspect.js';
import { layerCount } from '../layout/analyze.js';
import { addBlockSizeOption, addLayoutOptions, BLOCK_SIZE_HELP, layoutOptionsFrom, type LayoutFlags } from './options.js';
import { formatBytes, out } from './style.js';

export function renderInspect(r: InspectReport): string {
  const lines = [
    `${out.bold(r.read)} (${r.format}, ${formatBytes(r.fileBytes)}${r.files.length > 1 ? ` in ${r.files.length} files` : ''})`,
    `layout:     ${r.layout === 'unknown' ? out.yellow('unknown') : out.green(r.layout)}${r.layout !== 'unknown' ? `, ${r.groups.length > 1 ? layerCount(r.groups.map((g) => g.layers)) : r.layers} layers` : ''}${r.axis !== undefined ? `, layer axis ${r.axis}` : ''}${r.repeatsEvery !== undefined ? `, repeating every ${r.repeatsEvery} (--block-size K scans them)` : ''}`,
  ];
  if (r.notRead.length) lines.push(`not read:   ${r.notRead.join(', ')} (also in ${r.path}; transformers' from_pretrained loads ${path.basename(r.read)} first)`);
  if (r.layoutProblem) lines.push(`            ${r.layoutProblem}`);
  for (const g of r.groups) lines.push(`group:      ${g.where} (${groupShape(g)}, ${g.tensorsPerLayer} tensors per layer)`);
  lines.push(`tensors:    ${r.tensors} (${formatBytes(r.tensorBytes)})`);
  const t = new Table({ head: ['dtype', 'parameters'], style: { head: [], border: [] } });
  for (const [dtype, n] of Object.entries(r.parameters)) t.push([dtype, n.toLocaleString('en-US')]);
  lines.push(t.toString());
  for (const [k, v] of Object.entries(r.storage ?? {})) lines.push(`${`${k}:`.padEnd(11)} ${v}`);
  const meta = Object.entries(r.metadata);
  if (meta.length) lines.push('metadata:', ...meta.map(([k, v]) => `  ${k} = ${v}`));
  return lines.join('\n');
}

export function registerInspect(program: Command): void {
  const cmd = program
    .command('inspect')
    .summary('show the layout, layer groups, dtypes and metadata of a checkpoint')
    .argument('<checkpoint>', 'checkpoint to describe: .safetensors, .safetensors.index.json, .msgpack, .json, a model directory, or an Orbax/T5X checkpoint directory')
    .option('--json', 'print the report as one JSON object');
  addBlockSizeOption(cmd, `${BLOCK_SIZE_HELP}; lists them as blocks of K`);
  addLayoutOptions(cmd);
  cmd.addHelpText('after', `\nExamples:\n  $ scanconv inspect fixtures/block_tiny/pyloop.safetensors\n  $ scanconv inspect scan.safetensors --json | jq .layers`);
  cmd.action((file: string, flags: LayoutFlags & { json?: boolean }) => {
    const report = inspect(file, layoutOptionsFrom(flags));
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderInspect(report)}\n`);
  });
}

function groupShape(g: InspectReport['groups'][number]): string {
  const blocks = g.blockSize === undefined ? '' : `, blocks of ${g.blockSize}`;
  if (g.kind === 'layers') return `${g.layers} layer subtrees${blocks}`;
  if (g.kind === 'stack') return `${g.layers} layers stacked`;
  const S = Math.floor(g.layers / g.blockSize!);
  const rest = g.layers - S * g.blockSize!;
  return `${g.layers} layers: ${g.blockSize} blocks each stacked over ${S}${rest ? `, ${rest} in the remainder` : ''}`;
}
