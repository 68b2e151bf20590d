// --show-commands for people: the jail or lab an entry runs in is named (by its backend), and long commands get one
// argument a line.
import { describe, expect, it } from 'vitest';
import { readableCommand } from '../../../src/report/commands.js';
import { linuxEntryOf } from '../../../src/backends/linux/labels.js';
import { freebsdEntryOf } from '../../../src/backends/freebsd/labels.js';
import { splitWords } from '../../../src/util/words.js';
import { displayArg } from '../../../src/util/display-arg.js';

const enter = (jail: string, how: string, ...cmd: string[]) => [
  'sh',
  '/run/vessel/ab12/lib/enter.sh',
  `/sys/fs/cgroup/vessel/ab12/${jail}`,
  `/run/vessel/ab12/private/${jail}`,
  `/run/vessel/ab12/ns/${jail}.user`,
  `/run/netns/vc-ab12-${jail}`,
  `/run/vessel/ab12/ns/${jail}.uts`,
  `/run/vessel/ab12/ns/${jail}.mnt`,
  '/',
  '-all,+net_admin',
  how,
  ...cmd,
];

/** What the harness logs for an entry: `[where] CMD`, as the backend names it. */
const labeled = (args: string[], suffix = '') => {
  const e = linuxEntryOf(args);
  return e ? `[${e.where}] ${e.rest.map(displayArg).join(' ')}${suffix}` : args.map(displayArg).join(' ') + suffix;
};

describe('readable engine commands', () => {
  it('splits what displayArg quoted', () => {
    expect(splitWords(`sh -c 'echo "$1" it'\\''s' x`)).toEqual(['sh', '-c', `echo "$1" it's`, 'x']);
  });
  it('names the jail of an entry, and says when it is a probe', () => {
    expect(readableCommand(labeled(enter('web', 'join', 'fping', '-q', '10.0.0.2')))).toBe('[in jail web, a probe] fping -q 10.0.0.2');
    expect(readableCommand(labeled(enter('web', 'start', 'hostname')))).toBe('[in jail web] hostname');
    expect(readableCommand(labeled(['nsenter', '--net=/run/netns/vc-ab12-host', '--', 'ip', 'addr']))).toBe('[in the lab host] ip addr');
    expect(freebsdEntryOf(['jexec', 'vc-ab12-web', 'hostname'])).toEqual({ where: 'in jail web', rest: ['hostname'] });
    expect(freebsdEntryOf(['ifconfig', 'bridge0'])).toBeUndefined();
  });
  it('puts one argument a line past the width, keeping a service start suffix and a batch input', () => {
    const long = labeled(
      enter('r', 'start', 'dnsmasq', '--keep-in-foreground', '--conf-file=/run/vessel/ab12/jails/r/dnsmasq.conf'),
      ' >>/run/vessel/ab12/jails/r/service.log 2>&1 &   # in cgroup /sys/fs/cgroup/vessel/ab12/r',
    );
    expect(readableCommand(long, 60).split('\n')).toEqual([
      '[in jail r] dnsmasq \\',
      '    --keep-in-foreground \\',
      '    --conf-file=/run/vessel/ab12/jails/r/dnsmasq.conf >>/run/vessel/ab12/jails/r/service.log 2>&1 &   # in cgroup /sys/fs/cgroup/vessel/ab12/r',
    ]);
    expect(readableCommand('ip -n vc-ab12-host -batch -\n    link add br type bridge\nEOF')).toBe(
      'ip -n vc-ab12-host -batch -\n    link add br type bridge\nEOF',
    );
  });
});

describe('batches', () => {
  it('keep their here-document marker as written', () => {
    expect(readableCommand('ip -n vc-ab12-host -batch - <<EOF\n    link add br type bridge\nEOF')).toBe(
      'ip -n vc-ab12-host -batch - <<EOF\n    link add br type bridge\nEOF',
    );
  });
});
