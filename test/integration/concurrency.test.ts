// Concurrency and isolation: `run --jobs 4` with four labs that share subnets and jail names, two-way proof that no
// lab sees another; 100 state-writing `vessel` processes at once; and --shard on run and list.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const scratch = mkdtempSync(join(tmpdir(), 'vc-conc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lab k: the same network and jail names as every other lab, plus one jail only it has, at 10.81.0.(10+k). */
function twin(k: number): string {
  const others = [1, 2, 3, 4].filter((j) => j !== k);
  return `---
title: Twin lab ${k}
engines: [linux]
timeout: 2m
---
\`\`\`sh
vessel network --create --name=lan --subnet=10.81.0.0/24 > /dev/null
vessel run --name=a --network=lan > /dev/null
vessel run --name=b --network=lan > /dev/null
vessel run --name=only-${k} --network=lan --addr=10.81.0.${10 + k} > /dev/null
\`\`\`

b answers every connection with its lab's id:

\`\`\`sh {jail=b background}
exec python3 -c 'import socket, os
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", 8080)); s.listen()
while True:
    c, _ = s.accept(); c.sendall((os.environ["VESSEL_LAB"] + "\\n").encode()); c.close()'
\`\`\`

\`\`\`assert
reach a -> b:8080
\`\`\`

The b that a reaches is this lab's b:

\`\`\`sh {jail=a}
exec 3<>/dev/tcp/10.81.0.3/8080
read -r who <&3
test "$who" = "$VESSEL_LAB"
\`\`\`

The other labs' own jails exist, at addresses this lab does not use, and are out of reach:

\`\`\`assert
reach a -> 10.81.0.${10 + k}
mesh *
${others.map((j) => `isolated a -> 10.81.0.${10 + j}`).join('\n')}
${others.map((j) => `isolated b -> 10.81.0.${10 + j}:8080`).join('\n')}
\`\`\`
`;
}

describe('run --jobs', () => {
  it('runs 4 labs with identical subnets and names at once: each sees only itself, and output stays in blocks', async () => {
    const dir = join(scratch, 'twins');
    (await import('node:fs')).mkdirSync(dir);
    for (const k of [1, 2, 3, 4]) writeFileSync(join(dir, `twin-${k}.md`), twin(k));
    const r = await cli(['run', '--jobs', '4', dir], { timeoutMs: 180_000 });
    expect(r.stdout).toMatch(/^recipes: 4 passed, 0 failed$/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^running 4 recipe\(s\), 4 at a time, each in its own lab$/m);
    // All four started before the first finished: they really ran at the same time.
    const lines = r.stdout.split('\n');
    const firstPass = lines.findIndex((l) => l.startsWith('PASS '));
    expect(lines.slice(0, firstPass).filter((l) => l.startsWith('▶ '))).toHaveLength(4);
    // Each recipe's block is whole: from its header to its PASS line, no line of another recipe.
    for (const k of [1, 2, 3, 4]) {
      const path = join(dir, `twin-${k}.md`);
      const start = lines.findIndex((l) => l.startsWith(`${path} — Twin lab ${k}`));
      const end = lines.findIndex((l) => l.startsWith(`PASS ${path}`));
      expect(start).toBeGreaterThan(-1);
      expect(end).toBeGreaterThan(start);
      for (const l of lines.slice(start + 1, end)) expect(l, l).toMatch(/^ {2,}\S/);
    }
  }, 200_000);

  it('refuses a bad --jobs', async () => {
    const r = await cli(['run', '--jobs', '0', 'cookbook']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs=0: expected a whole number from 1 to 64');
  });

  it('refuses --jobs above 1 on the freebsd engine, saying why (its labs share one network stack)', async () => {
    const r = await cli(['run', '--engine=freebsd', '--jobs', '2', 'cookbook/slots.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vessel-cookbook: --jobs=2 with --engine=freebsd: FreeBSD labs share the host's one network stack: .*; leave out --jobs$/m);
  });
});

describe('state under concurrent writers', () => {
  it('100 `vessel run` processes on one lab, 10 at a time: every row is there, addresses are unique, the database is intact', async () => {
    const env = { VESSEL_LAB: 'vcconc100', NO_COLOR: '1' };
    const vessel = (args: string[]) => execa(process.execPath, [join(ROOT, 'bin/vessel'), ...args], { reject: false, env });
    try {
      expect((await vessel(['network', '--create', '--name=p', '--subnet=10.82.0.0/24'])).exitCode).toBe(0);
      const names = Array.from({ length: 100 }, (_, i) => `p${i}`);
      const results: { name: string; code: number | undefined; stderr: string }[] = [];
      for (let i = 0; i < names.length; i += 10) {
        results.push(
          ...(await Promise.all(
            names.slice(i, i + 10).map(async (n) => {
              const r = await vessel(['run', `--name=${n}`, '--network=p']);
              return { name: n, code: r.exitCode, stderr: String(r.stderr) };
            }),
          )),
        );
      }
      for (const r of results) expect(r.code, `${r.name}: ${r.stderr}`).toBe(0);
      const list = JSON.parse(String((await vessel(['list', '--json'])).stdout)) as { name: string; addr: string }[];
      const jails = list.filter((j) => j.name !== 'p-router');
      expect(jails.map((j) => j.name).sort()).toEqual([...names].sort());
      expect(new Set(jails.map((j) => j.addr)).size).toBe(100);
      const db = new Database(process.env.VESSEL_DB ?? '/var/db/vessel/vessel.db', { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((db.prepare("SELECT count(*) AS n FROM jails WHERE lab = 'vcconc100'").get() as { n: number }).n).toBe(101);
      } finally {
        db.close();
      }
    } finally {
      await vessel(['destroy', '--lab', 'vcconc100']);
    }
  }, 240_000);
});

describe('--shard', () => {
  it('list: the shards of 1..4 ways cover the cookbook exactly once', async () => {
    const all = JSON.parse((await cli(['list', '--json', 'cookbook'])).stdout)
      .map((r: { path: string }) => r.path)
      .sort();
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const n of [1, 2, 3, 4]) {
      const parts = await Promise.all(
        Array.from({ length: n }, async (_, i) =>
          JSON.parse((await cli(['list', '--json', '--shard', `${i + 1}/${n}`, 'cookbook'])).stdout).map((r: { path: string }) => r.path),
        ),
      );
      const union = parts.flat();
      expect([...union].sort(), `${n} shards`).toEqual(all);
      expect(new Set(union).size, `${n} shards overlap`).toBe(union.length);
    }
  }, 60_000);

  it('run: the shards of 3 ways run every recipe exactly once', async () => {
    const dir = join(scratch, 'shards');
    (await import('node:fs')).mkdirSync(dir);
    for (let i = 1; i <= 7; i++) writeFileSync(join(dir, `r${i}.md`), `---\ntitle: r${i}\n---\n\`\`\`sh\necho ran r${i}\n\`\`\`\n`);
    const ran: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await cli(['run', '--reporter', 'json', '--shard', `${i}/3`, dir], { timeoutMs: 60_000 });
      expect(r.code).toBe(0);
      ran.push(...JSON.parse(r.stdout).recipes.map((x: { name: string }) => x.name));
    }
    expect([...ran].sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
  }, 120_000);
});
