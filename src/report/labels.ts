// Short human labels for steps and statuses, shared by the text reporters.
import { exerciseWords, type StepResult } from './model.js';

/** `L12 sh "name"` style label for a step, with its exercise and how it was solved. */
export function stepLabel(s: Pick<StepResult, 'id' | 'line' | 'kind' | 'lang' | 'jail' | 'exercise'>): string {
  const named = s.id !== `L${s.line}` ? ` ${s.id}` : '';
  const where = s.jail ? ` jail=${s.jail}` : '';
  return `L${s.line} ${s.kind === 'file' ? 'file' : s.lang}${named}${where}${s.exercise ? ` [${exerciseWords(s.exercise)}]` : ''}`;
}

/** The last `n` lines of some output, for failure messages. */
export function tailLines(output: string, n: number): string[] {
  const lines = output.replace(/\n$/, '').split('\n');
  return output === '' ? [] : lines.slice(-n);
}
