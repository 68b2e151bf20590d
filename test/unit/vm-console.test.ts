// The FreeBSD VM tier reads the VM's console for kernel trouble: these are the lines it must see, and must not.
import { describe, expect, it } from 'vitest';
import { troubleLines } from '../freebsd-vm/vm.js';

describe('troubleLines', () => {
  it("picks a panic's lines out of the console, and nothing from an ordinary boot", () => {
    const console = [
      'Starting sshd.',
      'login: [fib_algo] inet.0 (bsearch4#462) rebuild_fd_flm: switching algo to radix4_lockless',
      'Freed UMA keg (rtentry) was not empty (66 items).  Lost 4 pages of memory.',
      '',
      'Fatal trap 12: page fault while in kernel mode',
      'fault virtual address\t= 0x80000000a',
      'current process\t\t= 4063 (sh)',
      'panic: page fault',
      'Uptime: 5m8s',
    ].join('\n');
    expect(troubleLines(console)).toEqual([
      'Freed UMA keg (rtentry) was not empty (66 items).  Lost 4 pages of memory.',
      'Fatal trap 12: page fault while in kernel mode',
      'fault virtual address\t= 0x80000000a',
      'current process\t\t= 4063 (sh)',
      'panic: page fault',
    ]);
    expect(troubleLines('Starting Network: lo0 em0.\nem0: link state changed to UP\nlogin:')).toEqual([]);
  });
});
