// Learning mode's pure parts: what a step creates, the plan sections of a step, and where "Next:" leads.
import { describe, expect, it } from 'vitest';
import { creates, nextRecipes, planSections } from '../../src/harness/step-mode.js';
import type { Step } from '../../src/recipe/model.js';

const step = (body: string) => ({ body }) as Step;

describe('creates', () => {
  it('names the jails and networks a step makes with vessel', () => {
    expect(creates(step('vessel network --create --name=blue --subnet=10.0.0.0/24\nvessel run --name blue-1 --network=blue\n'))).toEqual(['blue', 'blue-1']);
    expect(creates(step('vessel exec blue-1 -- true\nvessel destroy --name=blue-1\n'))).toEqual([]);
  });
});

describe('planSections', () => {
  const plan = [
    '# plan',
    '## lab setup',
    'ip link add x',
    '## L12 $ vessel run --name=a',
    'jail -c a',
    '## L14 $ vessel run --name=b',
    'jail -c b',
    '## L40 $ vessel destroy',
    'jail -r a',
    '## teardown',
    'rm -rf x',
  ].join('\n');
  it('keeps the sections whose line is inside the step, and nothing else', () => {
    expect(planSections(plan, 11, 16)).toEqual(['## L12 $ vessel run --name=a', 'jail -c a', '## L14 $ vessel run --name=b', 'jail -c b']);
    expect(planSections(plan, 20, 30)).toEqual([]);
  });
});

describe('nextRecipes', () => {
  it('turns the links of a "Next:" paragraph into paths beside the recipe, leaving the map out', () => {
    const closing =
      '## What you learned\n\n- a\n\nNext: [IP-aliased jails](aliased-jails.md): jails on extra addresses.\nThe whole path is in [the map](README.md).\n';
    expect(nextRecipes('cookbook/vlan.md', closing)).toEqual(['cookbook/aliased-jails.md']);
    expect(nextRecipes('vlan.md', closing)).toEqual(['aliased-jails.md']);
    expect(nextRecipes('cookbook/vlan.md', 'The end.\n')).toEqual([]);
  });
});
