// What getent prints (pure): the same on Linux and FreeBSD.

/** Reads `getent ahostsv4` output into unique addresses. */
export function parseGetent(stdout: string): string[] {
  return [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.split(/\s+/)[0]!)
        .filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)),
    ),
  ];
}
