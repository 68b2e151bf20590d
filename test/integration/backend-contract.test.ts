// The backend contract on the linux backend for real (root): the same story as the recorded runs in test/backends,
// with every command the real host ran remembered.
import { describe, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import type { CommandResult, RunOptions } from '../../src/core/host.js';
import { LocalHost } from '../../src/host/local.js';
import { contractStory, linuxEvents } from '../backends/contract.js';
import { useCensus } from './census.js';

useCensus();

/** The local host, remembering every command it runs. */
class TeeHost extends LocalHost {
  readonly commands: { argv: string[]; input?: string }[] = [];
  override run(argv: string[], opts: RunOptions = {}): Promise<CommandResult> {
    this.commands.push({ argv, ...(opts.input !== undefined ? { input: opts.input } : {}) });
    return super.run(argv, opts);
  }
}

describe('backend contract', () => {
  it('linux (real): create, join, leave, destroy, with teardown in reverse', async () => {
    await contractStory(async () => {
      const tee = new TeeHost();
      const e = await Engine.open({ host: tee, noReconcile: true });
      return { e, events: () => linuxEvents(tee.commands) };
    }, 'vcctl');
  }, 60_000);
});
