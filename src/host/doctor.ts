// The doctor's report, for any backend: its own checks, the tools it runs and the recipes' needs, found on this
// machine's PATH, with the command that installs what is missing on this system.
import { NEEDS } from '../recipe/needs.js';
import { missingNeeds, probe } from './needs.js';

/** A tool a backend runs, with the package that has it (null: part of the base system). */
export interface Tool {
  tool: string;
  pkg: string | null;
  why: string;
}

/** What the doctor found. */
export interface DoctorReport {
  ok: boolean;
  text: string;
  /** The packages to install on this system, by its own names. */
  missingPackages: string[];
  /** The system those names are for. */
  system: 'Debian' | 'FreeBSD';
}

/** Checks the backend's own findings, its tools, and the recipes' needs; says how to install what is missing. */
export async function doctorReport(o: {
  system: 'Debian' | 'FreeBSD';
  checks: { ok: boolean; line: string }[];
  tools: Tool[];
  needs: string[];
  footer?: string;
}): Promise<DoctorReport> {
  const lines: string[] = [];
  let ok = true;
  const mark = (good: boolean) => (good ? 'ok     ' : 'missing');
  for (const c of o.checks) {
    lines.push(`${mark(c.ok)}  ${c.line}`);
    ok &&= c.ok;
  }
  const pkgs = new Set<string>();
  for (const t of o.tools) {
    const found = await probe(t.tool);
    lines.push(`${mark(found)}  ${t.tool} (${t.why}${t.pkg === null ? '; part of the base system' : ''})`);
    if (!found) {
      ok = false;
      if (t.pkg !== null) pkgs.add(t.pkg);
    }
  }
  const missing = await missingNeeds(o.needs);
  for (const n of o.needs) lines.push(`${mark(!missing.includes(n))}  ${n} (recipe need)`);
  for (const n of missing) {
    ok = false;
    for (const p of (o.system === 'Debian' ? NEEDS[n]?.debian : NEEDS[n]?.freebsd) ?? []) pkgs.add(p);
  }
  if (pkgs.size)
    lines.push(
      o.system === 'Debian' ? `Debian:  apt-get install -y --no-install-recommends ${[...pkgs].join(' ')}` : `FreeBSD: pkg install -y ${[...pkgs].join(' ')}`,
    );
  if (o.footer && !ok) lines.push(o.footer);
  return { ok, text: lines.join('\n') + '\n', missingPackages: [...pkgs], system: o.system };
}
