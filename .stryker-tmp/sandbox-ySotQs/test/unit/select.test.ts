// @ts-nocheck
// Recipe selection by tag and shard, and durations.
import { describe, expect, it } from 'vitest';
import { byShard, byTags, parseShard } from '../../src/harness/select.js';
import { parseRecipe } from '../../src/recipe/parse.js';
import { formatDuration, parseDuration } from '../../src/recipe/duration.js';

const r = (path: string, tags: string[]) => parseRecipe(path, `---\ntags: [${tags.join(', ')}]\n---\n\`\`\`sh\ntrue\n\`\`\`\n`).recipe;

describe('selection', () => {
  const all = [r('c.md', ['dns']), r('a.md', ['dhcp']), r('b.md', ['dns', 'vlan']), r('d.md', [])];
  it('selects by any of the tags', () => {
    expect(byTags(all, ['dns']).map((x) => x.path)).toEqual(['c.md', 'b.md']);
    expect(byTags(all, ['vlan', 'dhcp']).map((x) => x.path)).toEqual(['a.md', 'b.md']);
    expect(byTags(all, [])).toHaveLength(4);
  });
  it('splits into disjoint, covering shards numbered from 1', () => {
    const s1 = byShard(all, { index: 1, count: 3 }).map((x) => x.path);
    const s2 = byShard(all, { index: 2, count: 3 }).map((x) => x.path);
    const s3 = byShard(all, { index: 3, count: 3 }).map((x) => x.path);
    expect(s1).toEqual(['a.md', 'd.md']);
    expect([...s1, ...s2, ...s3].sort()).toEqual(['a.md', 'b.md', 'c.md', 'd.md']);
  });
  it('validates shard syntax', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toMatch(/numbered from 1/);
    expect(parseShard('5/4')).toMatch(/from 1 to 4/);
    expect(parseShard('x')).toMatch(/i\/n/);
  });
});

describe('durations', () => {
  it('parses the contract forms', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1h')).toBe(3_600_000);
    for (const bad of ['', '5', 's', '5 s', '-1s', '0s', '5min', '1m30s']) expect(parseDuration(bad), bad).toBeUndefined();
  });
  it('formats', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
