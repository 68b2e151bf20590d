// Recipe prose in a terminal: headings, emphasis, inline code and lists.
import { describe, expect, it } from 'vitest';
import { proseBefore, renderTerminal, wrapWords } from '../../src/recipe/terminal.js';

describe('renderTerminal', () => {
  const md = '## Two networks\n\nA **router** at `.1` serves *DHCP*.\n\n- one\n- two `x`\n';
  it('without colour: capital headings, backticks kept, bullets', () => {
    expect(renderTerminal(md, false)).toBe('TWO NETWORKS\n\nA router at `.1` serves DHCP.\n\n  • one\n  • two `x`');
  });
  it('with colour: bold underlined headings, bold, italic and cyan code', () => {
    const t = renderTerminal(md, true);
    expect(t).toContain('\x1b[1m\x1b[4mTwo networks\x1b[24m\x1b[22m');
    expect(t).toContain('A \x1b[1mrouter\x1b[22m at \x1b[36m.1\x1b[39m serves \x1b[3mDHCP\x1b[23m.');
  });
  it('raw HTML stays text', () => {
    expect(renderTerminal('a <b>c</b>', false)).toBe('a <b>c</b>');
  });
  it('takes the lines between two steps', () => {
    expect(proseBefore('a\nb\nc\nd\n', 2, 4)).toBe('b\nc');
  });
});

describe('renderTerminal with a width', () => {
  it('joins a paragraph and breaks it at spaces to fit, list items hanging under their text', () => {
    const md = 'One two three four\nfive six seven.\n\n- alpha beta gamma delta epsilon\n';
    expect(renderTerminal(md, false, 12)).toBe('One two\nthree four\nfive six\nseven.\n\n  • alpha\n    beta\n    gamma\n    delta\n    epsilon');
  });
  it('leaves a word longer than the width whole, and escapes take no room', () => {
    expect(wrapWords('a verylongword b', 5)).toEqual(['a', 'verylongword', 'b']);
    expect(wrapWords('\x1b[1mab\x1b[22m cd', 5)).toEqual(['\x1b[1mab\x1b[22m cd']);
  });
});
