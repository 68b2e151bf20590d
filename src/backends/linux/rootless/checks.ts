// What `doctor` says of the mode a run will use: root, or rootless with what that needs (user namespaces, subordinate
// ids through newuidmap, a delegated cgroup, per-user folders), each with why.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { delegatedCgroup, noCgroupNotice } from './cgroup.js';
import { userDirs } from './dirs.js';
import { userSubids } from './holder.js';
import { noSubidsAdvice } from './subids.js';

/** One doctor line: whether it holds, and what it says. */
export interface Check {
  ok: boolean;
  line: string;
}

/** The number in a /proc/sys file, or undefined. */
function sysctlNumber(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** The checks of the mode this process would run in. */
export function modeChecks(): Check[] {
  if (process.getuid?.() === 0) return [{ ok: true, line: "mode: root (labs in the machine's namespaces; an ordinary user gets a rootless lab)" }];
  const user = userInfo().username;
  const checks: Check[] = [{ ok: true, line: `mode: rootless, as ${user} (not root): labs are built in a user namespace of yours` }];
  const maxNs = sysctlNumber('/proc/sys/user/max_user_namespaces');
  const clone = sysctlNumber('/proc/sys/kernel/unprivileged_userns_clone');
  checks.push({
    ok: maxNs !== 0 && clone !== 0,
    line: `unprivileged user namespaces${maxNs === 0 ? ' (user.max_user_namespaces is 0)' : clone === 0 ? ' (kernel.unprivileged_userns_clone is 0)' : ''}`,
  });
  const subids = userSubids(user, process.getuid!());
  const tools = existsSync('/usr/bin/newuidmap') && existsSync('/usr/bin/newgidmap');
  checks.push(
    subids
      ? {
          ok: tools,
          line: `subordinate ids ${subids.uid.start}-${subids.uid.start + subids.uid.count - 1} through newuidmap${tools ? '' : ' (missing: apt-get install uidmap)'}`,
        }
      : { ok: true, line: `one uid only: ${noSubidsAdvice(user)}` },
  );
  const cg = delegatedCgroup();
  checks.push({ ok: true, line: cg.dir ? `cgroup: ${cg.why} (jails are grouped there; limits need its controllers)` : noCgroupNotice(cg.why) });
  const dirs = userDirs(process.env, process.getuid!(), homedir());
  const writable = (p: string) => {
    for (let d = p; d !== '/'; d = d.slice(0, d.lastIndexOf('/')) || '/') {
      if (!existsSync(d)) continue;
      try {
        accessSync(d, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    }
    return false;
  };
  checks.push({ ok: writable(dirs.state), line: `state in ${dirs.state}` });
  checks.push({ ok: writable(dirs.runtime), line: `runtime files in ${dirs.runtime}` });
  return checks;
}
