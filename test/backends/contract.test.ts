// The backend contract on both backends recorded: no root, nothing runs; the plans must tell the same story.
import { describe, it } from 'vitest';
import { Engine } from '../../src/backends/linux/engine.js';
import { FreebsdEngine } from '../../src/backends/freebsd/engine.js';
import { contractStory, freebsdEvents, linuxEvents } from './contract.js';

describe('backend contract, recorded', () => {
  it('linux (recorded): create, join, leave, destroy, with teardown in reverse', async () => {
    await contractStory(async () => {
      const { engine, host } = Engine.recording('contract');
      return { e: engine, events: () => linuxEvents(host.steps.flatMap((s) => (s.op === 'run' ? [s] : []))) };
    }, 'vcctl');
  });
  it('freebsd (recorded): create, join, leave, destroy, with teardown in reverse', async () => {
    await contractStory(async () => {
      const { engine, host } = FreebsdEngine.recording('contract');
      return { e: engine, events: () => freebsdEvents(host.steps) };
    }, 'vcctf');
  });
});
