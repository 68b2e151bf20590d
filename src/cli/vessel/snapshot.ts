// `vessel snapshot`, `vessel rollback` and `vessel snapshots`: copies of a stopped thin jail's own files.
import type { Command } from 'commander';
import { formatSize } from '../../core/limits.js';
import { parseSnapshotRef } from '../../core/root.js';
import { usage } from '../../util/errors.js';
import { EXIT_HELP, jailName, table, type VesselCli } from './common.js';

/** NAME@SNAP with NAME resolved (a name or a UUID prefix). */
function ref(v: string): { jail: string; snap: string } {
  const r = parseSnapshotRef(v);
  if (typeof r === 'string') throw usage(r);
  return r;
}

/** Adds `vessel snapshot`, `vessel rollback` and `vessel snapshots` to the program. */
export function addSnapshots(p: Command, { out, withLab }: VesselCli): void {
  p.command('snapshot')
    .description("keep a copy of a stopped thin jail's own files (what it wrote over the host's) as NAME@SNAP")
    .argument('<name@snap>', 'jail (name or UUID prefix) and a snapshot name')
    .addHelpText('after', `\nExample:\n  vessel stop db && vessel snapshot db@fresh\n${EXIT_HELP}`)
    .action(async (v: string, _o: unknown, cmd: Command) => {
      const r = ref(v);
      await withLab(cmd, async (e, lab) => {
        const name = jailName(e, lab, r.jail);
        await e.snapshot(lab, name, r.snap);
        out(`${name}@${r.snap} taken\n`);
      });
    });
  p.command('rollback')
    .description("put a stopped thin jail's own files back as they were at NAME@SNAP")
    .argument('<name@snap>', 'jail (name or UUID prefix) and a snapshot name')
    .addHelpText('after', `\nExample:\n  vessel stop db && vessel rollback db@fresh && vessel start db\n${EXIT_HELP}`)
    .action(async (v: string, _o: unknown, cmd: Command) => {
      const r = ref(v);
      await withLab(cmd, async (e, lab) => {
        const name = jailName(e, lab, r.jail);
        await e.rollback(lab, name, r.snap);
        out(`${name} rolled back to ${name}@${r.snap}\n`);
      });
    });
  p.command('snapshots')
    .description("list a jail's snapshots, oldest first")
    .argument('<name>', 'jail (name or UUID prefix)')
    .addHelpText('after', `\nExample:\n  vessel snapshots db\n${EXIT_HELP}`)
    .action(async (v: string, _o: unknown, cmd: Command) => {
      await withLab(cmd, async (e, lab) => {
        const name = jailName(e, lab, v);
        const snaps = await e.snapshots(lab, name);
        out(
          snaps.length
            ? table([['SNAPSHOT', 'TAKEN', 'SIZE'], ...snaps.map((s) => [`${name}@${s.name}`, s.taken, s.bytes !== undefined ? formatSize(s.bytes) : '-'])])
            : `no snapshots of ${name}\n`,
        );
      });
    });
}
