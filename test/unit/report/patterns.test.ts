// Matching patterns in console blocks are told apart from expected output, in --step and in HTML.
import { describe, expect, it } from 'vitest';
import { isPatternLine, patternMeaning } from '../../../src/report/patterns.js';

describe('pattern lines', () => {
  it('are (re), (glob) and ..., never a command or plain output', () => {
    expect(['eth0@if* *UP * (glob)', 'inet 10\\.0\\.0\\.\\d+ (re)', '...'].map(isPatternLine)).toEqual([true, true, true]);
    expect(['$ echo (glob)', 'plain output', 'the glob (glob) is here', '....'].map(isPatternLine)).toEqual([false, false, false, false]);
    expect(patternMeaning('...')).toBe('any number of lines');
    expect(patternMeaning('x (re)')).toBe('a regular expression, matched against one line');
  });
});
