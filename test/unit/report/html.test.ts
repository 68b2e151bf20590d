// The HTML report and index (pure): escaping, no way to load anything, every step's state, output and failure.
import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../../src/recipe/parse.js';
import { recipeHtml } from '../../../src/report/html.js';
import { indexHtml, readEntry } from '../../../src/report/index-page.js';
import type { RecipeResult } from '../../../src/report/model.js';
import { topologyDot, topologyMermaid, type Topology } from '../../../src/report/topology.js';

const SRC = `---
title: T <i>x</i>
engines: [linux]
---
# Heading with <script>alert(1)</script>

[a link](https://198.51.100.80/) and [an anchor](#L9).

\`\`\`sh
echo '<script>bad()</script>'
\`\`\`

\`\`\`assert
reach a -> b
\`\`\`

\`\`\`ini
[not a step]
\`\`\`
`;

const recipe = parseRecipe('r.md', SRC).recipe!;
const topo: Topology = {
  lab: 'abc',
  engine: 'linux',
  uplink: 'simulated',
  inetNic: null,
  networks: [
    {
      name: 'lan',
      subnet: '10.0.0.0/24',
      bridge: 'br-lan',
      hostAddr: '10.0.0.254',
      domain: 'lan.test',
      nat: true,
      vlan: 10,
      trunk: 'trunk0',
      vlanMode: 'bridge-per-vlan',
      routeTo: [],
    },
  ],
  jails: [
    { name: 'lan-router', network: 'lan', addr: '10.0.0.1', role: 'router', dhcp: false, slot: null, aliasNic: null },
    { name: 'a', network: 'lan', addr: null, role: 'jail', dhcp: true, slot: null, aliasNic: null },
  ],
};
const result: RecipeResult = {
  path: 'r.md',
  name: 'r',
  tags: [],
  engine: 'linux',
  lab: 'abc',
  status: 'fail',
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 1234,
  topology: topo,
  steps: [
    { id: 'L9', line: 9, kind: 'sh', lang: 'sh', status: 'pass', durationMs: 12, attempts: 1, output: '<script>bad()</script>\n' },
    {
      id: 'L13',
      line: 13,
      kind: 'assert',
      lang: 'assert',
      status: 'fail',
      durationMs: 3000,
      attempts: 4,
      output: '',
      failure: {
        kind: 'assertion',
        line: 14,
        message: 'reach a -> b failed',
        details: ['reach a -> b: ICMP echo from a to b (10.0.0.3) with fping: 1 sent, 0 received'],
      },
    },
  ],
};

describe('recipeHtml', () => {
  const html = recipeHtml(recipe, result, { svg: '<svg id="topo"></svg>' });
  it('escapes every piece of user text and carries no script at all', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;bad()&lt;/script&gt;');
    expect(html).toContain('Heading with &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>T &lt;i&gt;x&lt;/i&gt; — vessel-cookbook</title>');
  });
  it('loads nothing: a CSP that forbids it, and no external links or sources', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\//);
    expect(html).toContain('href="#L9"');
  });
  it('shows each step with its state, time, output, and what a failed assertion tried', () => {
    expect(html).toMatch(/<section class="step pass" id="L9" data-status="pass">/);
    expect(html).toContain('<span class="time">12 ms</span>');
    expect(html).toMatch(/<section class="step fail" id="L13"/);
    expect(html).toContain('4 attempts');
    expect(html).toContain('<li><code>reach a -&gt; b: ICMP echo from a to b (10.0.0.3) with fping: 1 sent, 0 received</code></li>');
    // A fence that is not a step stays a plain code block.
    expect(html).toContain('<pre><code class="language-ini">[not a step]');
  });
  it('has a summary header with totals, the capability notes and the diagram', () => {
    expect(html).toContain('<p class="totals"><span>1 passed</span><span>1 failed</span><span>0 skipped</span><span>0 not run</span></p>');
    expect(html).toContain('VLANs: per-VLAN bridge fallback (this kernel has no 802.1Q; no tag was carried)');
    expect(html).toContain('<svg id="topo"></svg>');
    expect(recipeHtml(recipe, result, { error: 'graphviz is not installed' })).toContain('No topology diagram: graphviz is not installed.');
  });
});

describe('index page', () => {
  it('reads a report back and lists it with its status and duration', () => {
    const html = recipeHtml(recipe, result, undefined);
    const e = readEntry('r.html', html)!;
    expect(e).toEqual({
      file: 'r.html',
      title: 'T <i>x</i>',
      path: 'r.md',
      status: 'fail',
      durationMs: 1234,
      totals: '1 passed, 1 failed, 0 skipped, 0 not run',
      engine: 'linux',
    });
    const idx = indexHtml([e], 'now');
    expect(idx).toContain('<a href="r.html">T &lt;i&gt;x&lt;/i&gt;</a>');
    expect(idx).toContain('<span class="badge fail">fail</span>');
    expect(readEntry('x.html', '<html></html>')).toBeUndefined();
  });
});

describe('topology text', () => {
  it('DOT and mermaid name every network, bridge, jail and the uplink', () => {
    const dot = topologyDot(topo);
    expect(dot).toContain('label="bridge br-lan\\nhost 10.0.0.254\\nVLAN 10 on trunk0 (per-VLAN bridge)"');
    expect(dot).toContain('label="a\\naddress by DHCP"];');
    expect(dot).toContain('label="lan-router\\n10.0.0.1\\nrouter: DHCP, DNS, NAT"');
    expect(dot).toContain('j_lan_router -> x_upstream [label="NAT"');
    const mm = topologyMermaid(topo);
    expect(mm.split('\n')[0]).toBe('flowchart TB');
    expect(mm).toContain('subgraph net_lan["network lan 10.0.0.0/24 VLAN 10 on trunk0"]');
    expect(mm).toContain('j_lan_router -. NAT .- x_upstream');
  });

  it('a --no-nat router is not labelled NAT, and a leased DHCP jail says dhcp once', () => {
    const t = {
      ...topo,
      networks: topo.networks.map((n) => ({ ...n, nat: false })),
      jails: topo.jails.map((j) => (j.name === 'a' ? { ...j, addr: '10.0.0.130', slot: 4 } : j)),
    };
    const dot = topologyDot(t);
    expect(dot).toContain('label="lan-router\\n10.0.0.1\\nrouter: DHCP, DNS"');
    expect(dot).toContain('label="a\\n10.0.0.130\\ndhcp, slot 4"');
    expect(dot).toContain('j_lan_router -> x_upstream [label="no NAT"');
    expect(topologyMermaid(t)).toContain('router: DHCP, DNS"]');
  });

  it("shows a network's IPv6 /64 and the host's address in it, and each jail's IPv6 address and how it got it", () => {
    const t = {
      ...topo,
      networks: topo.networks.map((n) => ({ ...n, subnet6: 'fd00:1:2:3::/64', hostAddr6: 'fd00:1:2:3::ffff' })),
      jails: topo.jails.map((j) =>
        j.name === 'a'
          ? { ...j, addr6: null, addr6Mode: 'dhcp' }
          : j.role === 'router'
            ? { ...j, addr6: 'fd00:1:2:3::1', addr6Mode: 'static' }
            : { ...j, addr6: 'fd00:1:2:3:5f:e8ff:fead:3e77', addr6Mode: 'slaac' },
      ),
    };
    const dot = topologyDot(t);
    expect(dot).toContain('label="network lan  10.0.0.0/24  fd00:1:2:3::/64');
    expect(dot).toContain('label="bridge br-lan\\nhost 10.0.0.254\\nhost fd00:1:2:3::ffff\\nVLAN 10');
    expect(dot).toContain('label="lan-router\\n10.0.0.1\\nfd00:1:2:3::1 (static)\\nrouter: DHCP, DNS, NAT"');
    expect(dot).toContain('label="a\\naddress by DHCP\\nIPv6 by DHCPv6"');
    const mm = topologyMermaid(t);
    expect(mm).toContain('subgraph net_lan["network lan 10.0.0.0/24 fd00:1:2:3::/64 VLAN 10 on trunk0"]');
    expect(mm).toContain('host fd00:1:2:3::ffff');
    // Without IPv6, nothing of it shows.
    expect(topologyDot(topo)).not.toContain('fd00');
  });
});
