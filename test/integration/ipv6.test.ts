// IPv6 on the linux backend for real (root): a dual-stack lab (SLAAC, DHCPv6, static, AAAA, NAT66 to the outside),
// and two negative controls that must fail: the router's firewall flushed lets the outside in on IPv6, and a
// partition with its IPv6 rules taken out leaks on IPv6 while it holds on IPv4.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './cli.js';
import { useCensus } from './census.js';

const fx = (name: string) => join(ROOT, 'test/fixtures/ipv6', name);

useCensus();

describe('IPv6, dual-stack', () => {
  it('addresses jails by SLAAC, DHCPv6 and by hand, names them by AAAA, and reaches the outside by NAT66', async () => {
    const r = await cli(['run', fx('dual-stack.md')], { timeoutMs: 120_000 });
    expect(r.stdout, r.stdout + r.stderr).toMatch(/^recipes: 1 passed, 0 failed$/m);
    expect(r.code).toBe(0);
  }, 120_000);

  it('fails isolation from the outside when the router has no firewall, on IPv6 as on IPv4', async () => {
    const r = await cli(['run', fx('firewall-off.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    // Both lines fail: the first is named with its line, the second counted, and each probe's answer is shown.
    expect(r.stdout).toMatch(/firewall-off\.md:\d+: isolated -4 upstream -> s: .*\(and 1 more failing assertion\)/);
    expect(r.stdout).toMatch(/^\s+ICMP echo from upstream to s \(10\.76\.1\.\d+\) with fping: 2 sent, 2 received \(expected no reply\)$/m);
    expect(r.stdout).toMatch(/^\s+ICMPv6 echo from upstream to s \(fd76:1:2:3:[0-9a-f:]+\) with fping: 2 sent, 2 received \(expected no reply\)$/m);
  }, 60_000);

  it('fails an isolation that holds on IPv4 and leaks on IPv6', async () => {
    const r = await cli(['run', fx('partition-v4-only.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    // The IPv4 half of the cut still holds; the same line without -4 probes IPv6 too, and fails on it alone.
    expect(r.stdout).not.toMatch(/partition-v4-only\.md:\d+: isolated -4 a -> b/);
    expect(r.stdout).toMatch(
      /partition-v4-only\.md:\d+: isolated a -> b: ICMPv6 echo from a to b \(fd76:1:2:3:[0-9a-f:]+\) with fping: 2 sent, 2 received \(expected no reply\)/,
    );
    expect(r.stdout).not.toMatch(/isolated a -> b: ICMP echo/);
  }, 60_000);
});
