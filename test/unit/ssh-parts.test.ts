// The SSH host's pure parts: quoting argv for the remote sh, reading ps output, and parsing --host.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBsdPs, parseSshUrl } from '../../src/host/ssh-parse.js';
import { quoteForSh } from '../../src/util/sh-quote.js';

describe('quoteForSh', () => {
  it('gives back any NUL-free argument unchanged through a real sh', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
          { maxLength: 4 },
        ),
        (args) => {
          const line = `printf '%s\\0' ${args.map(quoteForSh).join(' ')}`;
          const out = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
          expect(out).toBe(args.map((a) => `${a}\0`).join('') || '\0');
        },
      ),
      { numRuns: 60 },
    );
  });
  it('quotes the dangerous characters and refuses NUL', () => {
    expect(quoteForSh("it's")).toBe("'it'\\''s'");
    expect(quoteForSh('$(x)')).toBe("'$(x)'");
    expect(quoteForSh('')).toBe("''");
    expect(() => quoteForSh('a\0b')).toThrow(/NUL/);
  });
});

describe('parseBsdPs', () => {
  it('reads state, start time and name from FreeBSD and Linux ps', () => {
    expect(parseBsdPs('Ss   Mon Dec  7 00:01:02 2026     dnsmasq\n')).toEqual({ zombie: false, start: 'Mon Dec 7 00:01:02 2026', name: 'dnsmasq' });
    expect(parseBsdPs('Z+ Sun Dec  6 23:59:59 2026 sleep')).toEqual({ zombie: true, start: 'Sun Dec 6 23:59:59 2026', name: 'sleep' });
    expect(parseBsdPs('')).toBeUndefined();
    expect(parseBsdPs('S Mon Dec 7')).toBeUndefined();
  });
});

describe('parseSshUrl', () => {
  it('reads ssh://[USER@]HOST[:PORT]', () => {
    expect(parseSshUrl('ssh://admin@box.example:2222', '/run/x')).toEqual({
      user: 'admin',
      host: 'box.example',
      port: 2222,
      controlPath: '/run/x/ssh-box.example-2222.ctl',
    });
    expect(parseSshUrl('ssh://10.0.0.5', '/r')).toMatchObject({ user: 'root', host: '10.0.0.5', port: 22 });
    expect(parseSshUrl('ssh://[fd00::5]:22', '/r')).toMatchObject({ host: 'fd00::5' });
  });
  it('refuses what is not one, in one line', () => {
    for (const bad of ['box', 'http://box', 'ssh://-oProxyCommand=x', 'ssh://a b', 'ssh://box:0', 'ssh://box:70000', 'ssh://Root;x@box']) {
      expect(() => parseSshUrl(bad, '/r'), bad).toThrow(/^--host=/);
    }
  });
});
