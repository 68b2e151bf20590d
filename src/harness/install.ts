// Installs missing logical needs with the host's package manager (apt-get on Debian, pkg on FreeBSD).
import { execa } from 'execa';
import { NEEDS } from '../recipe/needs.js';
import { missingNeeds } from '../host/needs.js';

/** Installs what `needs` lacks; returns what is still missing afterwards (or why nothing could be done). */
export async function installNeeds(needs: string[]): Promise<{ missing: string[]; problem?: string }> {
  const missing = await missingNeeds(needs);
  if (missing.length === 0) return { missing };
  const freebsd = process.platform === 'freebsd';
  const pkgs = [...new Set(missing.flatMap((n) => (freebsd ? NEEDS[n]!.freebsd : NEEDS[n]!.debian)))];
  if (process.getuid?.() !== 0) return { missing, problem: `installing ${pkgs.join(' ')} needs root; run this again as root` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = async (file: string, args: string[]) => (await execa(file, args, { stdio: ['ignore', 'inherit', 'inherit'], reject: false, env })).exitCode ?? 1;
  if (freebsd) await run('pkg', ['install', '-y', ...pkgs]);
  else if ((await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs])) !== 0) {
    await run('apt-get', ['update']);
    await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs]);
  }
  return { missing: await missingNeeds(needs) };
}
