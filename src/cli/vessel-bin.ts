// Entry point of the `vessel` bin.
import { main } from './vessel.js';
import { finishInside } from '../backends/registry.js';

// A closed pipe (`vessel list | head -1`) ends output quietly instead of crashing.
for (const s of [process.stdout, process.stderr]) {
  s.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
process.exitCode = await main(process.argv);
await finishInside();
