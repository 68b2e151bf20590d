// --show-commands for people: the jail or lab an entry runs in is named, and long commands get one argument a line.
import { describe, expect, it } from 'vitest';
import { readableCommand } from '../../../src/report/commands.js';
import { splitWords } from '../../../src/util/words.js';
import { displayArg } from '../../../src/util/display-arg.js';

const enter = (jail: string, how: string, ...cmd: string[]) =>
  [
    'sh',
    '/run/vessel/ab12/lib/enter.sh',
    `/sys/fs/cgroup/vessel/ab12/${jail}`,
    `/run/vessel/ab12/jails/${jail}`,
    '/run/vessel/ab12/lib',
    `/run/netns/vc-ab12-${jail}`,
    `/run/vessel/ab12/ns/${jail}.uts`,
    `/run/vessel/ab12/ns/${jail}.mnt`,
    '/',
    '-all,+net_admin',
    how,
    ...cmd,
  ]
    .map(displayArg)
    .join(' ');

describe('readable engine commands', () => {
  it('splits what displayArg quoted', () => {
    expect(splitWords(`sh -c 'echo "$1" it'\\''s' x`)).toEqual(['sh', '-c', `echo "$1" it's`, 'x']);
  });
  it('names the jail of an entry, and says when it is a probe', () => {
    expect(readableCommand(enter('web', 'join', 'fping', '-q', '10.0.0.2'))).toBe('[in jail web, a probe] fping -q 10.0.0.2');
    expect(readableCommand(enter('web', 'start', 'hostname'))).toBe('[in jail web] hostname');
    expect(readableCommand('nsenter --net=/run/netns/vc-ab12-host -- ip addr')).toBe('[in the lab host] ip addr');
  });
  it('puts one argument a line past the width, keeping a service start suffix and a batch input', () => {
    const long = `${enter('r', 'start', 'dnsmasq', '--keep-in-foreground', '--conf-file=/run/vessel/ab12/jails/r/dnsmasq.conf')} >>/run/vessel/ab12/jails/r/service.log 2>&1 &   # in cgroup /sys/fs/cgroup/vessel/ab12/r`;
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
