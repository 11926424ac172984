/**
 * docs/ERRORS.md is written from the typed list of error codes (src/errorCodes.ts) and the CLI's
 * exit codes (src/cli/exitCodes.ts), so the documentation cannot drift from the code:
 *
 *   node --import tsx scripts/errorsDoc.ts   # (npm run docs:errors) rewrite docs/ERRORS.md
 *
 * test/errors.test.ts fails while the file differs from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, type ErrorKind } from '../src/errorCodes.js';
import { EXIT, EXIT_BY_KIND } from '../src/cli/exitCodes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function errorsMarkdown(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, info]) => {
    const kind: ErrorKind = 'kind' in info ? info.kind : 'error';
    return `| \`${code}\` | ${info.meaning.replace(/\|/g, '\\|')} | ${EXIT_BY_KIND[kind]} |`;
  });
  return `# Error codes

Every failure scanconv reports has a stable code naming the rule that was broken. The library
throws a \`ScanconvError\` (\`import { ScanconvError } from 'scanconv'\`) whose \`code\` is one of
these; every format reader and writer throws a \`FormatError\` (its subclasses
\`SafetensorsError\`, \`MsgpackError\`, \`JsonCheckpointError\`, \`ShardedError\`), and an error
thrown where a model form runs (a worker thread, or a child process on webgpu) arrives as the
same class with the same code. \`scanconv check --json\` reports the code as \`error\`, and
verify's errored JSON report as \`error.code\`.

The library never exits: the exit code is the command line's. Every thrown error exits
${EXIT.BAD_INPUT} (one line on stderr, nothing written); any other exception is a bug and exits
${EXIT.INTERNAL} with its stack trace. Codes are never renamed or reused.

This file is written from \`src/errorCodes.ts\` by \`npm run docs:errors\`; a test fails while it
differs.

| code | meaning | exit code |
| --- | --- | --- |
${rows.join('\n')}
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(path.join(ROOT, 'docs', 'ERRORS.md'), errorsMarkdown());
}
