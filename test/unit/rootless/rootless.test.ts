// Rootless parts that are pure: subordinate id ranges, the maps made from them, per-user folders, the user namespace test.
import { describe, expect, it } from 'vitest';
import { ownCgroupPath } from '../../../src/backends/linux/rootless/cgroup.js';
import { userDirs } from '../../../src/backends/linux/rootless/dirs.js';
import { isInitialUserns } from '../../../src/backends/linux/rootless/mode.js';
import { identityMapOf, mapTriples, noSubidsAdvice, subidRange } from '../../../src/backends/linux/rootless/subids.js';

describe('subordinate ids', () => {
  const text = '# comment\nalice:100000:65536\n1002:300000:1000\nbob:x:5\ncarol:200000:0\ncarol:210000:10\n';
  it('finds a range by name or uid, the first usable one', () => {
    expect(subidRange(text, 'alice', 1001)).toEqual({ start: 100000, count: 65536 });
    expect(subidRange(text, 'dave', 1002)).toEqual({ start: 300000, count: 1000 });
    expect(subidRange(text, 'carol', 1003)).toEqual({ start: 210000, count: 10 });
  });
  it('has none for an unknown user or a malformed line', () => {
    expect(subidRange(text, 'bob', 1004)).toBeUndefined();
    expect(subidRange('', 'alice', 1001)).toBeUndefined();
  });
  it('maps the user to 0 and the range from 1', () => {
    expect(mapTriples(1001, { start: 100000, count: 65536 })).toEqual(['0', '1001', '1', '1', '100000', '65536']);
    expect(mapTriples(1001, undefined)).toEqual(['0', '1001', '1']);
  });
  it('says in one line what to add', () => {
    const l = noSubidsAdvice('alice');
    expect(l).not.toContain('\n');
    expect(l).toMatch(/usermod --add-subuids 100000-165535 --add-subgids 100000-165535 alice$/);
  });
  it("maps a jail's ids to themselves, one line per range of the lab host's", () => {
    expect(identityMapOf('         0       1001          1\n         1     100000      65536\n')).toBe('0 0 1\n1 1 65536');
    expect(identityMapOf('0 1001 1\n')).toBe('0 0 1');
    expect(identityMapOf('garbage\n')).toBe('');
  });
});

describe('per-user folders', () => {
  it('takes the XDG folders when they are absolute', () => {
    expect(userDirs({ XDG_STATE_HOME: '/s', XDG_RUNTIME_DIR: '/run/user/7' }, 7, '/home/a')).toEqual({ state: '/s/vessel', runtime: '/run/user/7/vessel' });
  });
  it('falls back to ~/.local/state and /tmp/vessel-UID, ignoring relative values', () => {
    expect(userDirs({ XDG_STATE_HOME: 'rel', XDG_RUNTIME_DIR: '' }, 7, '/home/a')).toEqual({ state: '/home/a/.local/state/vessel', runtime: '/tmp/vessel-7' });
  });
});

describe('modes', () => {
  it("tells the machine's user namespace from another", () => {
    expect(isInitialUserns('         0          0 4294967295\n')).toBe(true);
    expect(isInitialUserns('         0       1001          1\n')).toBe(false);
  });
  it("reads a process's cgroup v2 path", () => {
    expect(ownCgroupPath('12:pids:/x\n0::/user.slice/user-1000.slice/user@1000.service/app.slice\n')).toBe(
      '/user.slice/user-1000.slice/user@1000.service/app.slice',
    );
    expect(ownCgroupPath('12:pids:/x\n')).toBeUndefined();
  });
});
