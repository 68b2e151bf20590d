// Engine commands as a learner reads them (pure): the jail or lab a command runs in named instead of the raw
// entry (enter.sh, nsenter), and a long command broken into one argument per line.
import { displayArg } from '../util/display-arg.js';
import { splitWords } from '../util/words.js';

/** Where an entry runs, and the command inside it; or undefined for a plain host command. */
function unwrap(args: string[]): { where: string; rest: string[] } | undefined {
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

/** Arguments grouped one option a line: `-i eth1` stays together. */
function grouped(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = displayArg(args[i]!);
    const next = args[i + 1];
    if (args[i]!.startsWith('-') && !args[i]!.includes('=') && next !== undefined && !next.startsWith('-')) {
      out.push(`${a} ${displayArg(next)}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** One logged command, readable: `[in jail web] CMD`, one option a line when longer than `width`. File actions pass as they are. */
export function readableCommand(entry: string, width = 100): string {
  const [first = '', ...input] = entry.split('\n');
  if (/^(write|append|mkdir|rm|rmdir|signal|kill) /.test(first)) return entry;
  // A service start keeps its redirection and cgroup note as a suffix, a batch its here-document marker.
  const sfx = / >>\S+ 2>&1 &( {3}# .*)?$| <<EOF$/.exec(first);
  const head = sfx ? first.slice(0, sfx.index) : first;
  // displayArg's quoting reads back as sh words; anything else is shown as it was logged.
  const args = splitWords(head);
  if (!args) return entry;
  const u = unwrap(args);
  if (!u && first.length <= width) return entry;
  const cmd = u ? u.rest : args;
  const prefix = u ? `[${u.where}] ` : '';
  const tail = sfx ? sfx[0] : '';
  const one = `${prefix}${cmd.map(displayArg).join(' ')}${tail}`;
  if (one.length <= width || cmd.length < 3) return [one, ...input].join('\n');
  const [name, ...rest] = [displayArg(cmd[0]!), ...grouped(cmd.slice(1))];
  const lines = [`${prefix}${name} \\`, ...rest.map((l, i) => `    ${l}${i < rest.length - 1 ? ' \\' : tail}`)];
  return [...lines, ...input].join('\n');
}
