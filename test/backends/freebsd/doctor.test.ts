// The freebsd doctor, read on this Linux machine: base-system tools it lacks are named, never offered as packages.
import { describe, expect, it } from 'vitest';
import { freebsdDoctor } from '../../../src/backends/freebsd/doctor.js';

describe('freebsd doctor', () => {
  it('names the missing base tools, and installs only packages, by FreeBSD names', async () => {
    const r = await freebsdDoctor(['dig']);
    expect(r.system).toBe('FreeBSD');
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/^missing {2}pfctl \(NAT in routers, routes between networks, partitions; part of the base system\)$/m);
    expect(r.missingPackages).not.toContain('pfctl');
    expect(r.missingPackages).not.toContain('jail');
    // A recipe need maps to FreeBSD's package name, not Debian's (bind9-dnsutils).
    if (r.text.includes('missing  dig (recipe need)')) expect(r.missingPackages).toContain('bind-tools');
    expect(r.text).not.toMatch(/apt-get/);
  });
});
