// Writes a file= block into the work directory, exactly as written.
import { constants } from 'node:fs';
import { lstat, mkdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import type { FileStep } from '../../recipe/model.js';
import type { RunContext } from '../context.js';
import type { Attempt } from './attempt.js';

/** Writes the block's text to its path under the work directory, refusing paths that escape it. */
export async function writeFileStep(ctx: RunContext, step: FileStep): Promise<Attempt> {
  const target = join(ctx.workdir, step.path);
  try {
    await mkdir(dirname(target), { recursive: true });
    const realDir = await realpath(dirname(target));
    const rel = relative(await realpath(ctx.workdir), realDir);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      return {
        ok: false,
        output: '',
        retryable: false,
        failure: { kind: 'write', line: step.line, message: `file=${step.path} resolves outside the work directory (through a symlink)` },
      };
    }
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isSymbolicLink()) {
      return {
        ok: false,
        output: '',
        retryable: false,
        failure: { kind: 'write', line: step.line, message: `file=${step.path} is a symbolic link; refusing to write through it` },
      };
    }
    // A link made after the check is not followed either (a jail with a thin root can write the work directory).
    await writeFile(target, step.body, { flag: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW });
  } catch (e) {
    return {
      ok: false,
      output: '',
      retryable: false,
      failure: { kind: 'write', line: step.line, message: `cannot write file=${step.path}: ${(e as Error).message}` },
    };
  }
  return { ok: true, output: `wrote ${step.path} (${Buffer.byteLength(step.body)} bytes)` };
}
