// Where a logged Linux engine command runs (pure): the jail or lab an entry (enter.sh, nsenter) goes into, and the
// command inside it, so reports name the place instead of showing the raw entry.
import type { CommandEntry } from '../../core/run-lab.js';

/** Where an entry runs, and the command inside it; or undefined for a plain host command. */
export function linuxEntryOf(args: string[]): CommandEntry | undefined {
  // sh <lab>/lib/enter.sh CGROUP PRIVATEDIR USERNS NETNS UTS MNT WD CAPS HOW CMD...
  if (args[0] === 'sh' && args[1]?.endsWith('/lib/enter.sh') && args.length > 11) {
    const jail = args[3]!.split('/').pop()!;
    return { where: `in jail ${jail}${args[10] === 'join' ? ', a probe' : ''}${args[8] && args[8] !== '/' ? `, in ${args[8]}` : ''}`, rest: args.slice(11) };
  }
  // sh -c 'echo $$ > ... && exec "$@"' vessel-enter CGROUP nsenter --net=... -- CMD (the engine's helpers in a jail)
  const base = args[0] === 'sh' && args[1] === '-c' && args[3] === 'vessel-enter' ? args.slice(5) : args;
  if (base[0] === 'nsenter') {
    const net = base.find((a) => a.startsWith('--net=/run/netns/'))?.slice('--net=/run/netns/'.length);
    const dash = base.indexOf('--');
    if (net && dash > 0) {
      const m = /^vc-[a-z0-9]+-(.+)$/.exec(net);
      const who = !m
        ? net
        : m[1] === 'host'
          ? 'the lab host'
          : m[1]!.startsWith('_') || m[1]!.startsWith('_up')
            ? `the simulated outside (${m[1]})`
            : `jail ${m[1]}`;
      return { where: `in ${who}${base === args ? '' : ', as the engine'}`, rest: base.slice(dash + 1) };
    }
  }
  return undefined;
}
