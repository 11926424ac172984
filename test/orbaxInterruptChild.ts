/**
 * Child of orbaxWriter.test.ts: writes a slow Orbax checkpoint to argv[2] until it is interrupted.
 * The library installs no signal handler; like the CLI, this host removes what is unfinished from
 * its own handler.
 */
import { removeUnfinishedFiles } from '../src/format/unfinished.js';
import { writeOrbax } from '../src/format/orbax/orbaxWriter.js';
import { copyOf } from '../src/format/stream.js';
import type { TensorRef } from '../src/format/types.js';

const slow: TensorRef = {
  name: 'w',
  dtype: 'F32',
  shape: [1 << 20, 64],
  byteLength: (1 << 20) * 64 * 4,
  readInto(target, targetOffset, _offset, length) {
    const until = Date.now() + 20;
    while (Date.now() < until) {
      /* a slow disk */
    }
    target.fill(1, targetOffset, targetOffset + length);
  },
};
process.once('SIGINT', () => {
  removeUnfinishedFiles();
  process.exit(130);
});
process.stdout.write('writing\n');
await writeOrbax(process.argv[2], [copyOf(slow)], {}, '.', { chunkBytes: 1 << 20 });
