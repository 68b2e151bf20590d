// Golden files for TAP, JUnit and JSON, plus the pretty reporter's text and the exit status rules.
import { Writable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { tapForRecipe, tapForRun } from '../../../src/report/tap.js';
import { junitXml } from '../../../src/report/junit.js';
import { jsonForRecipe, jsonForRun } from '../../../src/report/json.js';
import { PrettyReporter } from '../../../src/report/pretty.js';
import { exitStatus } from '../../../src/report/model.js';
import { makeReporters } from '../../../src/report/index.js';
import { VesselError } from '../../../src/util/errors.js';
import { parseRecipe } from '../../../src/recipe/parse.js';
import { sampleResults } from './sample.js';

const results = sampleResults();

describe('TAP', () => {
  it('matches the golden file for one recipe', async () => {
    await expect(tapForRecipe(results[0]!)).toMatchFileSnapshot('__golden__/demo.tap');
  });
  it('matches the golden file for a run', async () => {
    await expect(tapForRun(results)).toMatchFileSnapshot('__golden__/run.tap');
  });
  it('has a plan that matches its test points', () => {
    const text = tapForRecipe(results[0]!);
    expect(text).toContain('1..6');
    expect(text.match(/^(not )?ok \d+/gm)).toHaveLength(6);
  });
});

describe('JUnit', () => {
  const xml = junitXml(results);
  it('matches the golden file', async () => {
    await expect(xml).toMatchFileSnapshot('__golden__/run.xml');
  });
  it('is well-formed XML with a testsuite per recipe and a testcase per step', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml);
    const suites = doc.testsuites.testsuite;
    expect(suites).toHaveLength(3);
    expect(suites[0].testcase).toHaveLength(6);
    expect(suites[0]['@_failures']).toBe('1');
    expect(suites[1]['@_errors']).toBe('1');
    expect(doc.testsuites['@_tests']).toBe('8');
  });
});

describe('JSON', () => {
  it('matches the golden files', async () => {
    await expect(jsonForRecipe(results[0]!)).toMatchFileSnapshot('__golden__/demo.json');
    await expect(jsonForRun(results, 1)).toMatchFileSnapshot('__golden__/run.json');
  });
  it('round-trips the results', () => {
    expect(JSON.parse(jsonForRun(results, 1)).recipes).toEqual(results);
  });
});

describe('pretty', () => {
  it('prints step results, failures with diffs, and totals', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk, _e, cb) {
        text += String(chunk);
        cb();
      },
    });
    const p = new PrettyReporter({ stream, live: false, color: false });
    const recipe = parseRecipe('cookbook/demo.md', '---\ntitle: Demo\n---\n```sh\ntrue\n```\n').recipe;
    p.onRecipeStart(recipe, { engine: 'linux', lab: 'abc123' });
    for (const s of results[0]!.steps) if (s.status !== 'notrun') p.onStepEnd(recipe, s);
    p.onRecipeEnd(recipe, results[0]!);
    p.onRunEnd(results, 1);
    await expect(text).toMatchFileSnapshot('__golden__/pretty.txt');
    expect(text).toContain('cookbook/demo.md:26: output of the command on line 26 does not match');
    expect(text).toMatch(/^steps: 2 passed, 2 failed, 1 skipped, 3 not run$/m);
  });
});

describe('pretty keeps recipe text on its line', () => {
  it('a title with a line break cannot start a CI log line of its own (`::error::`)', () => {
    let text = '';
    const stream = new Writable({
      write(chunk, _e, cb) {
        text += String(chunk);
        cb();
      },
    });
    const p = new PrettyReporter({ stream, live: false, color: false });
    const recipe = parseRecipe('cookbook/t.md', '---\ntitle: "Demo\\r\\n::error::forged\\u001b[2J"\n---\n```sh\ntrue\n```\n').recipe;
    expect(recipe.meta.title).toBe('Demo\r\n::error::forged\u001b[2J');
    p.onRecipeStart(recipe, { engine: 'linux', lab: 'abc123' });
    expect(text.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    expect(text).toContain('Demo\\r\\n::error::forged\\u001b[2J');
    expect(text).not.toContain('\u001b');
  });
});

describe('reporter selection', () => {
  const out = process.stdout;
  it('refuses unknown names with a suggestion, and file reporters without --out', () => {
    expect(() => makeReporters(['junt'], undefined, out, false)).toThrow(/unknown reporter "junt" \(did you mean "junit"\?\)/);
    expect(() => makeReporters(['junit'], undefined, out, false)).toThrow(VesselError);
    expect(() => makeReporters(['html'], undefined, out, false)).toThrow(/needs --out/);
    expect(() => makeReporters(['tap', 'json'], undefined, out, false)).toThrow(/both write to stdout/);
  });
  it('replaces pretty with tap on stdout, and keeps pretty with --out', () => {
    expect(makeReporters(['tap'], undefined, out, false).map((r) => r.constructor.name)).toEqual(['DocumentReporter']);
    expect(makeReporters(['tap', 'junit'], '/tmp/x', out, false).map((r) => r.constructor.name)).toEqual([
      'PrettyReporter',
      'DocumentReporter',
      'DocumentReporter',
    ]);
  });
});

describe('exit status', () => {
  it('follows the contract', () => {
    const r = (status: (typeof results)[number]['status']) => ({ ...results[0]!, status });
    expect(exitStatus([r('pass'), r('skip')])).toBe(0);
    expect(exitStatus([r('pass'), r('fail'), r('unrunnable')])).toBe(1);
    expect(exitStatus([r('pass'), r('unrunnable')])).toBe(3);
    expect(exitStatus([r('fail')], 'SIGINT')).toBe(130);
    expect(exitStatus([r('pass')], 'SIGTERM')).toBe(143);
  });
});
