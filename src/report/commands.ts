// Engine commands as a learner reads them (pure): a long command broken into one argument per line, after the
// `[where] ` its backend put before an entry (the reporters know no backend's tools).
import { displayArg } from '../util/display-arg.js';
import { splitWords } from '../util/words.js';

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
  const where = /^\[([^\]]*)\] /.exec(head);
  const args = splitWords(where ? head.slice(where[0].length) : head);
  if (!args) return entry;
  if (first.length <= width) return entry;
  const cmd = args;
  const prefix = where ? where[0] : '';
  const tail = sfx ? sfx[0] : '';
  const one = `${prefix}${cmd.map(displayArg).join(' ')}${tail}`;
  if (one.length <= width || cmd.length < 3) return [one, ...input].join('\n');
  const [name, ...rest] = [displayArg(cmd[0]!), ...grouped(cmd.slice(1))];
  const lines = [`${prefix}${name} \\`, ...rest.map((l, i) => `    ${l}${i < rest.length - 1 ? ' \\' : tail}`)];
  return [...lines, ...input].join('\n');
}
