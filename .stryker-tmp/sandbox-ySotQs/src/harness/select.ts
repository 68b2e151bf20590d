// @ts-nocheck
// Picks recipes for a run: by tag and by shard (i/n, numbered from 1).
import type { Recipe } from '../recipe/model.js';

/** A shard: this is part `index` of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n`; returns an error message for anything else. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard "${text}" must look like i/n, e.g. 1/4`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return `--shard "${text}": n must be at least 1`;
  if (index < 1 || index > count) return `--shard "${text}": i must be from 1 to ${count} (shards are numbered from 1)`;
  return { index, count };
}

/** Recipes carrying at least one of `tags` (all recipes when `tags` is empty). */
export function byTags(recipes: Recipe[], tags: string[]): Recipe[] {
  if (tags.length === 0) return recipes;
  return recipes.filter((r) => r.meta.tags.some((t) => tags.includes(t)));
}

/** The recipes of one shard: round-robin over the list sorted by path, so shards are stable and balanced. */
export function byShard<T extends { path: string }>(items: T[], shard?: Shard): T[] {
  if (!shard) return items;
  const sorted = [...items].sort((a, b) => a.path.localeCompare(b.path));
  return sorted.filter((_, k) => k % shard.count === shard.index - 1);
}
