#!/usr/bin/env -S npx zx
// bench/expose: how fast an exposed port's rotation follows its jails. Three web jails behind the router's haproxy;
// one is stopped, then started again, while a client asks through the router every 20 ms. Prints figures next to
// the target (issue 16: out of the rotation within 2 s, back when it listens); asserts nothing.
// Needs root, haproxy and a built dist/. Usage: bench/expose.mjs [ROUNDS]   (default 3)
import fs from 'node:fs';
import os from 'node:os';
import { argv, path } from 'zx';
import { dist, requireRoot, secs } from './lib.mjs';

const { Engine } = await dist('backends/linux/engine.js');
const { wwwNetns } = await dist('backends/linux/names.js');
const { routerPaths } = await dist('backends/linux/dhcp.js');
const { UPSTREAM } = await dist('core/upstream.js');
const { HEALTH } = await dist('core/haproxy.js');

requireRoot('bench/expose');
const rounds = Number(argv._[0] ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vc-bench-expose-'));
fs.writeFileSync(
  path.join(dir, 'name.py'),
  'import http.server, socket\nB = (socket.gethostname() + "\\n").encode()\nclass H(http.server.BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200); self.send_header("Content-Length", str(len(B))); self.end_headers(); self.wfile.write(B)\n    def log_message(self, *a): pass\nhttp.server.HTTPServer(("", 80), H).serve_forever()\n',
);

const engine = await Engine.open();
const lab = 'bexpose';
if (engine.getLab(lab)) await engine.destroyLab(lab);
await engine.createLab(lab, { kind: 'run', pid: process.pid, simulatedUplink: true });
try {
  await engine.createNetwork(lab, 'lan', '10.97.0.0/24');
  await engine.run(lab, {
    name: 'web',
    count: 3,
    network: 'lan',
    wd: dir,
    command: ['python3', 'name.py'],
    expose: [{ port: 8080, jailPort: 80, proto: 'tcp' }],
  });
  const log = routerPaths(engine.ctx.runDir, lab, 'lan-router').haproxyLog;
  // One request through the router, from the simulated internet: the name that answered, or the error.
  const ask = async () => {
    const r = await engine.ctx.host.run(
      [
        'nsenter',
        `--net=/run/netns/${wwwNetns(lab)}`,
        '--',
        'python3',
        '-c',
        `import urllib.request;print(urllib.request.urlopen("http://${UPSTREAM.dhcpFirst}:8080/",timeout=5).read().decode().strip())`,
      ],
      { allowFail: true },
    );
    return r.code === 0 ? r.stdout.trim() : 'ERROR';
  };
  const sinceLog = (re) => {
    const t = fs.readFileSync(log, 'utf8');
    return re.test(t);
  };
  const down = [];
  const back = [];
  const errors = [];
  const slowest = [];
  for (let i = 0; i < rounds; i++) {
    fs.writeFileSync(log, '');
    let errs = 0;
    let worst = 0;
    const timed = async () => {
      const t = performance.now();
      const a = await ask();
      worst = Math.max(worst, performance.now() - t);
      if (a === 'ERROR') errs++;
      return a;
    };
    const t0 = performance.now();
    await engine.stop(lab, 'web-2');
    // haproxy says when its checks take a member out ("Server expose_8080/web-2 is DOWN").
    while (!sinceLog(/web-2 is DOWN/) && performance.now() - t0 < 10_000) {
      await timed();
      await new Promise((r) => setTimeout(r, 20));
    }
    down.push(performance.now() - t0);
    const t1 = performance.now();
    await engine.start(lab, 'web-2');
    // Back: web-2 answers a request through the router again.
    for (let seen = false; !seen && performance.now() - t1 < 10_000; ) seen = (await timed()) === 'web-2';
    back.push(performance.now() - t1);
    errors.push(errs);
    slowest.push(worst);
  }
  console.log(
    `haproxy checks: every ${HEALTH.interMs} ms, down after ${HEALTH.fall} failures, up after ${HEALTH.rise}; target: out within 2 s, back when listening`,
  );
  console.log(
    '| rounds | stop -> out of rotation (haproxy log), median | start -> answering again, median | failed requests during failover | slowest request |',
  );
  console.log('|---|---|---|---|---|');
  console.log(`| ${rounds} | ${secs(median(down))} s | ${secs(median(back))} s | ${errors.reduce((a, b) => a + b, 0)} | ${secs(Math.max(...slowest))} s |`);
} finally {
  await engine.destroyLab(lab);
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
