import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Layout } from '../layout/analyze.js';
import { MODEL_KINDS, type ModelKind } from '../model/spec.js';
import { BACKENDS, type BackendChoice } from '../verify/backend.js';
import { errorChecks, paramsOnlyChecks, verifyChecks } from '../verify/checks.js';
import { DEFAULTS } from '../verify/defaults.js';
import { githubAnnotations } from '../verify/githubSummary.js';
import { renderParamsOnly, verifyParamsOnly } from '../verify/paramsOnly.js';
import { KEEP_TRACES } from '../verify/layerDiff.js';
import { renderReport, verdictLine, type DetailMode } from '../verify/render.js';
import { VerifyReportFiles, type ReportPaths, type ReportSink } from '../verify/reportFiles.js';
import { verify } from '../verify/verify.js';
import { modelInputFiles } from '../outputs.js';
import { reportStaleTemps } from './convert.js';
import { addBlockSizeOption, addLayoutOptions, BLOCK_SIZE_HELP, layoutOptionsFrom, parseNonNegInt, parseNonNegNumber, parsePositiveInt, type LayoutFlags } from './options.js';
import { err, out, writeModelNotes } from './style.js';
import { helpAfter } from './help.js';
import { ProgressBar } from './progress.js';
import { onInterrupt } from './interrupt.js';

interface VerifyFlags extends LayoutFlags {
  input?: string;
  expect?: string;
  threshold: number;
  expectThreshold: number;
  batch?: number;
  seq?: number;
  seed: number;
  backend: BackendChoice;
  model?: ModelKind;
  heads?: number;
  config?: string;
  detail: DetailMode;
  report?: string;
  junit?: string;
  html?: string;
  quiet?: boolean;
  workers: boolean;
  against?: Layout;
  paramsOnly?: boolean;
}

/** Options every model-running command shares (verify, generate, profile). */
export function addModelOptions(cmd: Command, kinds: readonly ModelKind[] = MODEL_KINDS): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'tfjs backend: auto = tensorflow if installed, else webgpu if a GPU adapter is found, else ort if onnxruntime-node loads, else wasm').choices([...BACKENDS]).default('auto'))
    .addOption(new Option('--model <family>', 'model family (default: config.json\'s model_type, else the parameter tree)').choices([...kinds]))
    .option('--heads <n>', 'attention heads of the llm model (default: metadata or config.json beside the checkpoint)', parsePositiveInt)
    .option('--config <file>', 'the model\'s Hugging Face config.json (default: config.json beside the checkpoint)');
}

export function registerVerify(program: Command): void {
  const cmd = program
    .command('verify')
    .summary('run both model forms and compare every layer (exit 1 when any check fails)')
    .description(
      'Run the pyloop form and the scan form of the model on the same input with TensorFlow.js (two worker ' +
        'threads) and compare the final output and every layer\'s intermediates. With one checkpoint, it is ' +
        'converted in memory; with two (one pyloop, one scan), their parameters are first compared bit for bit.',
    )
    .argument('<checkpoint>', 'checkpoint to verify: a file, a model directory or an Orbax/T5X checkpoint directory')
    .argument('[other]', 'the same model in the other layout (e.g. the output of convert)')
    .option('--input <file>', 'safetensors with "input" (B,T,D) for the block model or "prompt" (B,P) int32 for the llm')
    .option('--expect <file>', 'golden outputs of the real framework: Flax\'s ("output", "layer_{i}.<name>" or "blocks.<name>", "prefill_logits") or transformers\' ("logits", "hidden.{i}"; docs/HUGGING_FACE.md)')
    .option('--threshold <t>', 'max |diff| allowed between the two forms', parseNonNegNumber, DEFAULTS.threshold)
    .option('--expect-threshold <t>', 'max scale-aware error against --expect: max|diff| / max(1, max|expected|)', parseNonNegNumber, DEFAULTS.expectThreshold)
    .option('--batch <n>', 'batch size of the random input (default: 12 for block and llm, 1 for llama, gemma, gpt2)', parsePositiveInt)
    .option('--seq <n>', 'sequence length of the random input (default: 32)', parsePositiveInt)
    .option('--seed <n>', 'seed of the random input', parseNonNegInt, 0)
    .addOption(new Option('--detail <mode>', 'sampled-index detail tables: first = the layer where the forms start to diverge, failing = every failing layer').choices([...KEEP_TRACES]).default('first'))
    .option('--report <file>', 'write the JSON report here (- for standard output; everything else then goes to standard error)')
    .option('--junit <file>', 'write JUnit XML here (a testcase per layer, plus params, final, expect; - for standard output)')
    .option('--html <file>', 'write a self-contained HTML report here: the per-layer error plot and the tables')
    .option('-q, --quiet', 'print only the verdict line (PASSED in ... / FAILED: the cause)')
    .option('--no-workers', 'run the two forms one after the other in this thread')
    .option('--params-only', 'with two checkpoints of any layouts (the same one too): only the parameter check, tensor by tensor, for any tree (no model runs); a differing tensor gets its max |diff|, count, first index, and whether dtype rounding explains it')
    .addOption(new Option('--against <layout>', 'form to run against a shared checkpoint').choices(['pyloop', 'scan']));
  addModelOptions(cmd);
  addBlockSizeOption(cmd, `${BLOCK_SIZE_HELP}; with --params-only, compares such a tree layer for layer against blocks`);
  addLayoutOptions(cmd);
  cmd.addHelpText(
    'after',
    helpAfter(`Examples:
  $ scanconv verify fixtures/block_tiny/pyloop.safetensors
  $ scanconv verify pyloop.safetensors scan.safetensors --junit verify.xml --report verify.json
  $ scanconv verify fixtures/block_tiny/pyloop.safetensors --input fixtures/block_tiny/pyloop_io.safetensors \\
      --expect fixtures/block_tiny/pyloop_io.safetensors
  $ scanconv verify fixtures/llm_tiny/pyloop.safetensors --expect fixtures/llm_tiny/pyloop_io.safetensors
  $ scanconv verify fixtures/arch/llama/hf_pt.safetensors --expect fixtures/arch/llama/io.safetensors
  $ scanconv verify pyloop.safetensors scan.safetensors --params-only      # any architecture, no model run

Models: the notebook's block and llm, and Hugging Face llama (mistral, qwen2), gemma and gpt2, read from config.json beside the checkpoint (or --config).

Random input: --batch 12 --seq 32 for block and llm, --batch 1 --seq 32 for the Hugging Face families (a 1B model verifies in about 10 s on 2 cores).

In GitHub Actions: with GITHUB_STEP_SUMMARY set, a Markdown summary (verdict, root cause, per-layer chart, worst layers) is appended to it; with GITHUB_ACTIONS=true, each failure is also an ::error annotation on standard error. FORCE_COLOR and NO_COLOR are honoured.

Exit codes: 0 every comparison within its threshold, 1 any comparison failed, 2 bad input or usage, 3 internal error (--report, --junit, --html and the summary are written on every exit code).`),
  );
  cmd.action(async (checkpoint: string, other: string | undefined, flags: VerifyFlags) => {
    const toStdout = flags.report === '-' || flags.junit === '-';
    if (flags.report === '-' && flags.junit === '-') throw new UsageError('--report - and --junit - cannot both go to standard output; write one of them to a file', 'USAGE');
    // With a report on standard output, everything else goes to standard error.
    const human = toStdout ? process.stderr : process.stdout;
    const c = toStdout ? err : out;
    const run = { checkpoint, other, input: flags.input, expect: flags.expect, threshold: flags.threshold, expectThreshold: flags.expectThreshold, backend: flags.backend };
    // Fail before minutes of compute, not after, when a report cannot be written or would
    // replace a file this run reads; from here on every outcome writes the reports.
    const reports = VerifyReportFiles.open(reportPaths(flags), run, modelInputFiles([checkpoint, other], [flags.input, flags.expect], [flags.config]));
    reportStaleTemps(reports.staleTemps);
    const annotate = (lines: string[]) => {
      if (process.env.GITHUB_ACTIONS === 'true') for (const l of lines) process.stderr.write(`${l}\n`);
    };
    const failed = (e: unknown) => {
      const f = reports.failure(e);
      annotate(githubAnnotations(errorChecks(f.code, f.message, f.seconds), run));
    };
    if (flags.paramsOnly) {
      // An Orbax checkpoint is staged decoded in TMPDIR first: an interrupt removes the copy.
      const interrupted = onInterrupt((signal) => {
        const written = reports.writeFailure(new Error(`interrupted (${signal}) while comparing parameters`), 'INTERRUPTED');
        return `interrupted (${signal}) while comparing parameters; ${written.length ? `wrote ${written.join(' and ')} (errored)` : 'nothing written'}`;
      });
      const report = await reports
        .capture(() => {
          if (!other) throw new UsageError('--params-only compares two checkpoints: verify A B --params-only', 'NEED_PAIR');
          return verifyParamsOnly(checkpoint, other, layoutOptionsFrom(flags));
        })
        .catch((e: unknown) => {
          failed(e);
          throw e;
        })
        .finally(() => interrupted.remove());
      const text = renderParamsOnly(report, c);
      human.write(`${flags.quiet ? text.split('\n').at(-1) : text}\n`);
      annotate(githubAnnotations(paramsOnlyChecks(report), run));
      process.exitCode = report.passed ? 0 : 1;
      return;
    }
    const bar = flags.quiet ? new ProgressBar('running both forms', 'layers', SILENT) : new ProgressBar('running both forms', 'layers');
    const interrupted = onInterrupt((signal) => {
      bar.finish();
      const written = reports.writeFailure(new Error(`interrupted (${signal}) while running both forms${bar.state ? `, at ${bar.state}` : ''}`), 'INTERRUPTED');
      return `interrupted (${signal}) while running both forms${bar.state ? ` (${bar.state})` : ''}; ${written.length ? `wrote ${written.join(' and ')} (errored)` : 'nothing written'}`;
    });
    let outcome: Awaited<ReturnType<typeof verify>> | undefined;
    try {
      await reports.capture(async () => {
        outcome = await verify(checkpoint, {
          onProgress: bar.update,
          ...layoutOptionsFrom(flags),
          other,
          against: flags.against,
          input: flags.input,
          expect: flags.expect,
          threshold: flags.threshold,
          expectThreshold: flags.expectThreshold,
          batch: flags.batch,
          seq: flags.seq,
          seed: flags.seed,
          backend: flags.backend,
          model: flags.model,
          heads: flags.heads,
          config: flags.config,
          parallel: flags.workers,
          keepTraces: flags.detail,
        });
        return outcome.report;
      });
    } catch (e) {
      bar.finish();
      failed(e);
      throw e;
    } finally {
      interrupted.remove();
    }
    bar.finish();
    const { report, details } = outcome!;
    writeModelNotes(report.spec);
    human.write(`${flags.quiet ? c[report.passed ? 'green' : 'red'].bold(verdictLine(report)) : renderReport(report, details, c, flags.detail)}\n`);
    annotate(githubAnnotations(verifyChecks(report), run));
    process.exitCode = report.passed ? 0 : 1;
  });
}

/** A progress bar for --quiet: it keeps its state (for an interruption's message) and prints nothing. */
const SILENT = { write: () => true, isTTY: false, columns: 80 };

/** `-` is standard output (written whole, synchronously, so a signal handler can too). */
const STDOUT: ReportSink = { write: (text) => void process.stdout.write(text) };

/** verify's report targets from its flags and the environment (GitHub's job summary). */
export function reportPaths(flags: Pick<VerifyFlags, 'report' | 'junit' | 'html'>, env: NodeJS.ProcessEnv = process.env): ReportPaths {
  const target = (f: string | undefined) => (f === '-' ? STDOUT : f);
  return { json: target(flags.report), junit: target(flags.junit), html: flags.html, summary: env.GITHUB_STEP_SUMMARY || undefined };
}
