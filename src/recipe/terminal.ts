// Recipe prose for a terminal (pure): headings, emphasis, inline code and lists as ANSI text.
import MarkdownIt from 'markdown-it';

/** The escapes used; empty strings when colour is off. */
function styles(color: boolean) {
  const s = (open: string, close: string) => (color ? { open: `\x1b[${open}m`, close: `\x1b[${close}m` } : { open: '', close: '' });
  return { bold: s('1', '22'), italic: s('3', '23'), underline: s('4', '24'), code: s('36', '39'), dim: s('2', '22') };
}

/** How wide `s` shows on a terminal (its ANSI escapes take no room). */
export const visibleLength = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** Breaks `text` into lines of at most `width` columns at spaces (a longer word stands alone); later lines get `indent`. */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  for (const part of text.split('\n')) {
    const lead = /^ */.exec(part)![0];
    let line = lead;
    for (const w of part.slice(lead.length).split(' ')) {
      if (line.trim() && visibleLength(line) + 1 + visibleLength(w) > width) {
        out.push(line);
        line = indent + w;
      } else line = line.trim() ? `${line} ${w}` : line + w;
    }
    out.push(line);
  }
  return out;
}

/**
 * Renders Markdown for a terminal. Without colour, inline code keeps its backticks and headings their weight in capitals.
 * Given a width, a paragraph's lines are joined and broken again at spaces to fit it.
 */
export function renderTerminal(markdown: string, color: boolean, width?: number): string {
  const st = styles(color);
  const md = new MarkdownIt({ html: false });
  const tokens = md.parse(markdown, {});
  const out: string[] = [];
  let line = '';
  const lists: { ordered: boolean; n: number }[] = [];
  let heading = 0;
  let hang = '';
  const flush = () => {
    out.push(...(width ? wrapWords(line, width, hang) : [line]));
    line = '';
    hang = '';
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'heading_open':
        heading = Number(t.tag.slice(1));
        line += heading <= 2 ? st.bold.open + st.underline.open : st.bold.open;
        break;
      case 'heading_close':
        line += heading <= 2 ? st.underline.close + st.bold.close : st.bold.close;
        flush();
        out.push('');
        heading = 0;
        break;
      case 'paragraph_close':
        flush();
        if (lists.length === 0) out.push('');
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) out.push('');
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1]!;
        line += `${'  '.repeat(lists.length - 1)}  ${l.ordered ? `${l.n++}.` : '•'} `;
        hang = ' '.repeat(visibleLength(line));
        break;
      }
      case 'fence':
      case 'code_block':
        for (const l of t.content.replace(/\n$/, '').split('\n')) out.push(`    ${st.dim.open}${l}${st.dim.close}`);
        out.push('');
        break;
      case 'hr':
        out.push('─'.repeat(40), '');
        break;
      case 'inline':
        for (const c of t.children ?? []) {
          if (c.type === 'text') line += heading && !color ? c.content.toUpperCase() : c.content;
          else if (c.type === 'code_inline') line += color ? `${st.code.open}${c.content}${st.code.close}` : `\`${c.content}\``;
          else if (c.type === 'strong_open') line += st.bold.open;
          else if (c.type === 'strong_close') line += st.bold.close;
          else if (c.type === 'em_open') line += st.italic.open;
          else if (c.type === 'em_close') line += st.italic.close;
          else if (c.type === 'softbreak') line += width ? ' ' : '\n' + '  '.repeat(lists.length * 2);
          else if (c.type === 'hardbreak') line += '\n';
          else if (c.type === 'link_close') line += '';
        }
        break;
    }
  }
  if (line) flush();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** The prose that leads up to a step: the source lines after the previous step (or the front matter) up to its fence. */
export function proseBefore(source: string, fromLine: number, toLine: number): string {
  return source
    .split('\n')
    .slice(Math.max(0, fromLine - 1), Math.max(0, toLine - 1))
    .join('\n');
}
