// The learning path of a folder of recipes: the order of the links in its README.md (pure).
import { basename } from 'node:path';

/** The recipe file names a README links to, in the order it links them (`](name.md)` or `](./name.md)`). */
export function linkedRecipes(readme: string): string[] {
  const out: string[] = [];
  for (const m of readme.matchAll(/\]\((?:\.\/)?([A-Za-z0-9._-]+\.md)\)/g)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** `items` in the README's order; what it does not link follows, in the order given. */
export function inLearningOrder<T extends { path: string }>(items: T[], readme: string | undefined): T[] {
  if (!readme) return items;
  const order = linkedRecipes(readme);
  const rank = (t: T) => {
    const i = order.indexOf(basename(t.path));
    return i < 0 ? order.length : i;
  };
  return items
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map((x) => x.t);
}
