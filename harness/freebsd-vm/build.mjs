#!/usr/bin/env -S npx zx
// Builds a bootable FreeBSD 13.2 image (kernel, world, dnsmasq, lighttpd, dhcpcd, bash) from source on this Debian machine, stage by stage.
// Usage: harness/freebsd-vm/build.mjs [--src=TREE|GITDIR] [--dnsmasq=TREE] [--lighttpd=TREE] [--dhcpcd=TREE] [--bash=TREE] [--dir=CACHE] [--jobs=N] [--only=STAGE]
// Each stage leaves a stamp in CACHE/stamps holding a hash of its inputs; a stage whose stamp matches is skipped,
// so a second run rebuilds only what is missing or changed. Logs: CACHE/logs/STAGE.log.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { $, argv, fs, path } from 'zx';
import { FBVM_COMMIT, HOST_KEY_ALIAS, fbvmPaths } from './paths.mjs';

$.verbose = false;
const here = path.dirname(new URL(import.meta.url).pathname);
const p = fbvmPaths(argv.dir);
const jobs = String(argv.jobs ?? 2);
const say = (s) => console.log(`freebsd-vm: ${s}`);
const die = (s, code = 3) => {
  console.error(`freebsd-vm: ${s}`);
  process.exit(code);
};

// The cross-build flags: Debian's clang as the cross compiler, no LLVM of FreeBSD's own (that alone takes hours).
const CROSS = [
  '--cross-bindir=/usr/lib/llvm-14/bin',
  'TARGET=amd64',
  'TARGET_ARCH=amd64',
  `SRCCONF=${path.join(here, 'src.conf')}`,
  '-DWITHOUT_CLANG',
  '-DWITHOUT_LLD',
  '-DWITHOUT_LLDB',
  '-DWITHOUT_CLANG_BOOTSTRAP',
  '-DWITHOUT_LLD_BOOTSTRAP',
  '-DWITHOUT_TESTS',
];
const KERNCONF = 'VESSEL';
const HOST_PACKAGES = 'qemu-system-x86 qemu-utils clang lld llvm libarchive-dev libbz2-dev makefs gdisk autoconf automake libtool';

for (const tool of ['clang-14:/usr/lib/llvm-14/bin/clang', 'makefs', 'sgdisk', 'qemu-system-x86_64', 'python3']) {
  const [name, bin = name] = tool.split(':');
  if (!(await $`command -v ${bin}`.nothrow()).stdout.trim() && !existsSync(bin))
    die(`${name} is missing: install the Debian packages: apt-get install ${HOST_PACKAGES}`);
}

/** Hashes files' contents and extra strings: a stage's inputs. */
function inputsHash(files, extra = []) {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0${readFileSync(f)}\0`);
  for (const e of extra) h.update(`${e}\0`);
  return h.digest('hex').slice(0, 16);
}

/** Runs a stage unless its stamp matches; prints its time. */
async function stage(name, hash, body) {
  const stamp = path.join(p.stamps, name);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').split(' ')[0] === hash && !argv.force?.split?.(',').includes(name)) {
    say(`${name}: up to date (${readFileSync(stamp, 'utf8').split(' ')[1]?.trim()} s when built)`);
    return;
  }
  if (argv.only && argv.only !== name) die(`${name} must be built first (--only=${argv.only} needs it)`);
  const t0 = Date.now();
  writeFileSync(path.join(p.logs, `${name}.log`), '');
  say(`${name}: building (log: ${path.join(p.logs, `${name}.log`)})`);
  try {
    await body(path.join(p.logs, `${name}.log`));
  } catch (e) {
    const log = path.join(p.logs, `${name}.log`);
    const tail = existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n') : '';
    console.error(tail);
    die(`${name} failed after ${Math.round((Date.now() - t0) / 1000)} s: ${String(e.message ?? e).split('\n')[0]} (log: ${log})`, 1);
  }
  const secs = Math.round((Date.now() - t0) / 1000);
  writeFileSync(stamp, `${hash} ${secs}\n`);
  say(`${name}: done in ${secs} s`);
}

/** Runs argv with its output appended to log; throws on failure. */
async function logged(log, argv0, opts = {}) {
  const fd = fs.openSync(log, 'a');
  try {
    await $({ cwd: opts.cwd ?? p.src, env: { ...process.env, ...opts.env }, stdio: ['ignore', fd, fd] })`nice -n 10 ${argv0}`;
  } finally {
    fs.closeSync(fd);
  }
}

for (const d of [p.root, p.stamps, p.logs]) mkdirSync(d, { recursive: true });

// 1. The source tree: a checked-out tree, or the git directory of modular-os/zswap4BSD checked out at FBVM_COMMIT.
await stage('src', FBVM_COMMIT, async (log) => {
  const given = argv.src;
  if (!given) {
    if (existsSync(path.join(p.src, 'sys/conf/newvers.sh'))) return;
    die(`needs the FreeBSD 13.2 source tree: the repository modular-os/zswap4BSD at commit ${FBVM_COMMIT}; pass --src=ITS_GIT_DIR_OR_TREE`);
  }
  if (existsSync(path.join(given, 'sys/conf/newvers.sh'))) {
    if (path.resolve(given) !== p.src) await logged(log, ['cp', '-a', `${given}/.`, p.src], { cwd: '/' });
    return;
  }
  const gitDir = existsSync(path.join(given, '.git')) ? path.join(given, '.git') : given;
  const has = await $`git --git-dir=${gitDir} cat-file -t ${FBVM_COMMIT}`.nothrow();
  if (has.exitCode !== 0) die(`${given} is neither a FreeBSD source tree nor a git directory holding commit ${FBVM_COMMIT}`);
  // Snapshots leave out files of 4 MiB and more (git ls-tree -l shows no size for them): check out everything else.
  const lsTree = await $`git --git-dir=${gitDir} ls-tree -r -l ${FBVM_COMMIT}`;
  const missing = lsTree.stdout
    .split('\n')
    .filter((l) => /^\S+ blob \S+\s+(BAD|-)\t/.test(l))
    .map((l) => l.split('\t')[1]);
  mkdirSync(p.src, { recursive: true });
  const index = path.join(p.root, 'src.index');
  const env = { GIT_DIR: gitDir, GIT_INDEX_FILE: index, GIT_WORK_TREE: p.src };
  await $({ env: { ...process.env, ...env } })`git read-tree ${FBVM_COMMIT}`;
  const files = (await $({ env: { ...process.env, ...env } })`git ls-files -z`).stdout.split('\0').filter(Boolean);
  const skip = new Set(missing);
  await $({ env: { ...process.env, ...env }, input: files.filter((f) => !skip.has(f)).join('\0') })`git checkout-index -f -z --stdin`;
  fs.rmSync(index, { force: true });
  writeFileSync(log, `checked out ${FBVM_COMMIT}; left out (absent from the snapshot): ${missing.join(' ')}\n`);
  // contrib/sqlite3/sqlite3.c is one of them; only svnlite (left out by src.conf) links libsqlite3.
  const libMk = path.join(p.src, 'lib/Makefile');
  writeFileSync(libMk, readFileSync(libMk, 'utf8').replace(/^\tlibsqlite3 \\\n/m, ''));
});

const env = { MAKEOBJDIRPREFIX: p.obj };
const make = (log, args) => logged(log, ['python3', './tools/build/make.py', ...CROSS, `-j${jobs}`, ...args], { env });
const conf = [path.join(here, 'src.conf'), path.join(here, 'VESSEL')];
// The world and its tools depend on src.conf only; the kernel on both.
const worldConf = [path.join(here, 'src.conf')];

// 2. bmake for the host, built as make.py would but without its unit tests (one of them, opt-debug-x-trace, expects
// a shell that quotes `set -x` output; Debian's /bin/sh is dash), then installed where make.py looks for it.
await stage('bmake', FBVM_COMMIT, async (log) => {
  const build = path.join(p.obj, 'bmake-build');
  const inst = path.join(p.obj, 'bmake-install');
  for (const d of [build, inst]) fs.rmSync(d, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  const src = path.join(p.src, 'contrib/bmake');
  const args = [`--with-default-sys-path=${inst}/share/mk`, '--with-machine=amd64', '--without-filemon', `--prefix=${inst}`];
  const cflags = `-I${p.src}/tools/build/cross-build/include/common -I${p.src}/tools/build/cross-build/include/linux -D_GNU_SOURCE=1`;
  await logged(log, ['sh', `${src}/boot-strap`, 'op=configure', ...args], { cwd: build, env: { CFLAGS: cflags } });
  const objdir = (await $`find ${build} -name make-bootstrap.sh`).stdout.trim().split('\n')[0];
  if (!objdir) throw new Error('boot-strap made no make-bootstrap.sh');
  await logged(log, ['sh', './make-bootstrap.sh'], { cwd: path.dirname(objdir), env: { CFLAGS: cflags } });
  mkdirSync(path.join(inst, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(path.dirname(objdir), 'bmake'), path.join(inst, 'bin/bmake'));
  fs.chmodSync(path.join(inst, 'bin/bmake'), 0o755);
  await logged(log, ['sh', `${src}/mk/install-mk`, '-v', '-m', '644', `${inst}/share/mk`], { cwd: src });
});

// 3. The kernel: kernel-toolchain, then buildkernel with everything built in (-DNO_MODULES).
await stage('kernel-toolchain', inputsHash(worldConf, [FBVM_COMMIT]), (log) => make(log, ['kernel-toolchain']));
await stage('kernel', inputsHash(conf, [FBVM_COMMIT]), (log) => {
  // config(8) finds `include GENERIC` beside the configuration, so it goes into the tree's conf folder.
  fs.copyFileSync(path.join(here, KERNCONF), path.join(p.src, 'sys/amd64/conf', KERNCONF));
  return make(log, [`KERNCONF=${KERNCONF}`, '-DNO_MODULES', 'buildkernel']);
});

// 4. The world (userland), trimmed by src.conf.
// The snapshot lacks crypto/openssh/config.h (FreeBSD generates it on FreeBSD with freebsd-configure.sh and commits
// it). When the first pass stops at libssh for want of it, it is generated here the same way, by OpenSSH's own
// configure with freebsd-configure.sh's options, cross, against the libraries the pass built; then the build goes on.
await stage('world', inputsHash(worldConf, [FBVM_COMMIT]), async (log) => {
  const cfg = path.join(p.src, 'crypto/openssh/config.h');
  try {
    await make(log, ['buildworld']);
    return;
  } catch (e) {
    if (existsSync(cfg) || !/crypto\/openssh\/includes\.h.*'config\.h' file not found/.test(readFileSync(log, 'utf8'))) throw e;
  }
  await opensshConfig(log, cfg);
  await make(log, ['buildworld']);
});

/** Generates OpenSSH's config.h for FreeBSD 13.2: autoheader and autoconf, then configure, cross, in a copy of its tree. */
async function opensshConfig(log, cfg) {
  const sysroot = path.join(p.obj, p.src, 'amd64.amd64/tmp');
  const work = path.join(p.root, 'openssh-config');
  fs.rmSync(work, { recursive: true, force: true });
  await logged(log, ['cp', '-a', path.join(p.src, 'crypto/openssh'), work], { cwd: p.root });
  await logged(log, ['sh', '-c', 'libtoolize --copy && aclocal -I m4 && autoheader && autoconf'], { cwd: work });
  const args = [
    '--prefix=/usr',
    '--sysconfdir=/etc/ssh',
    '--with-pam',
    `--with-ssl-dir=${sysroot}/usr`,
    '--without-tcp-wrappers',
    '--without-libedit',
    '--with-ssl-engine',
    '--without-xauth',
    '--without-kerberos5',
    '--without-security-key-builtin',
  ];
  await logged(
    log,
    [
      'sh',
      'configure',
      '--host=x86_64-unknown-freebsd13.2',
      `CC=/usr/lib/llvm-14/bin/clang --target=x86_64-unknown-freebsd13.2 --sysroot=${sysroot} -fuse-ld=lld`,
      ...args,
    ],
    { cwd: work },
  );
  fs.copyFileSync(path.join(work, 'config.h'), cfg);
}

// 5. The installed system, without root's ownership (-DNO_ROOT): owners and modes go to METALOG for makefs.
const installHash = inputsHash(conf, [FBVM_COMMIT, 'install-2']);
await stage('install', installHash, async (log) => {
  fs.rmSync(p.stage, { recursive: true, force: true });
  mkdirSync(p.stage, { recursive: true });
  const dest = [`DESTDIR=${p.stage}`, '-DNO_ROOT', `METALOG=${p.stage}/METALOG`];
  await make(log, [...dest, 'installworld']);
  await make(log, [...dest, 'distribution']);
  await make(log, [...dest, `KERNCONF=${KERNCONF}`, '-DNO_MODULES', 'installkernel']);
});

/** Debian's source of a package, unpacked in work (apt's own configuration, with deb-src added in a private list). */
async function aptSource(log, pkg, work, dirName = pkg) {
  const apt = path.join(work, 'apt');
  for (const d of ['parts', 'lists/partial']) mkdirSync(path.join(apt, d), { recursive: true });
  const sources = readFileSync('/etc/apt/sources.list.d/debian.sources', 'utf8').replace(/^Types: deb$/gm, 'Types: deb-src');
  writeFileSync(path.join(apt, 'parts/debian-src.sources'), sources);
  const o = ['-o', 'Dir::Etc::SourceList=/dev/null', '-o', `Dir::Etc::SourceParts=${apt}/parts`, '-o', `Dir::State::Lists=${apt}/lists`];
  await logged(log, ['apt-get', ...o, 'update'], { cwd: work });
  await logged(log, ['apt-get', ...o, 'source', '--download-only', pkg], { cwd: work });
  const orig = fs.readdirSync(work).find((f) => f.startsWith(`${pkg}_`) && /\.orig\.tar\.(xz|gz)$/.test(f));
  if (!orig) throw new Error(`apt-get source ${pkg} gave no .orig tarball`);
  await logged(log, ['tar', '-xf', orig], { cwd: work });
  const dir = fs.readdirSync(work).find((f) => new RegExp(`^${dirName}-[\\d.]+$`).test(f));
  if (!dir) throw new Error(`${orig} unpacked no ${pkg}-VERSION folder`);
  return path.join(work, dir);
}

/** Debian's clang as a FreeBSD 13.2 cross compiler, against the installed world. */
const crossCc = () => `/usr/lib/llvm-14/bin/clang --target=x86_64-unknown-freebsd13.2 --sysroot=${p.stage} -fuse-ld=lld`;

/** Checks that a built program is a FreeBSD binary. */
async function isFreebsd(bin) {
  const file = (await $`file ${bin}`).stdout;
  if (!/FreeBSD/.test(file)) throw new Error(`${bin} is not a FreeBSD binary: ${file.trim()}`);
}

// 6. dnsmasq for the routers, cross-compiled against the installed world with Debian's clang.
await stage('dnsmasq', inputsHash([], [installHash, String(argv.dnsmasq ?? 'apt')]), async (log) => {
  const work = path.join(p.root, 'dnsmasq');
  fs.rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tree = argv.dnsmasq ?? (await aptSource(log, 'dnsmasq', work));
  await logged(log, ['make', '-C', tree, `CC=${crossCc()}`, 'COPTS=-O2', 'PKG_CONFIG=/bin/false', `BUILDDIR=${work}/build`, '-j', jobs], { cwd: tree });
  mkdirSync(path.join(p.stage, 'usr/local/sbin'), { recursive: true });
  fs.copyFileSync(path.join(work, 'build/dnsmasq'), path.join(p.stage, 'usr/local/sbin/dnsmasq'));
  fs.chmodSync(path.join(p.stage, 'usr/local/sbin/dnsmasq'), 0o555);
  await isFreebsd(path.join(p.stage, 'usr/local/sbin/dnsmasq'));
});

// 6b. lighttpd, www.example's server in the simulated outside (the backend uses python3's http.server where it
// exists; this VM has no Python). Static, with no optional libraries.
await stage('lighttpd', inputsHash([], [installHash, String(argv.lighttpd ?? 'apt'), 'accesslog']), async (log) => {
  const work = path.join(p.root, 'lighttpd');
  fs.rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tree = argv.lighttpd ?? (await aptSource(log, 'lighttpd', work));
  const build = path.join(work, 'build');
  mkdirSync(build, { recursive: true });
  const without = [
    'pcre2',
    'zlib',
    'bzip2',
    'brotli',
    'zstd',
    'openssl',
    'lua',
    'mysql',
    'pgsql',
    'ldap',
    'pam',
    'dbi',
    'sasl',
    'krb5',
    'maxminddb',
    'xxhash',
    'libev',
    'libunwind',
    'webdav-props',
    'webdav-locks',
    'nettle',
    'gnutls',
    'mbedtls',
    'nss',
    'wolfssl',
  ];
  await logged(
    log,
    [
      path.join(tree, 'configure'),
      '--host=x86_64-unknown-freebsd13.2',
      '--prefix=/usr/local',
      '--disable-shared',
      '--enable-static',
      ...without.map((w) => `--without-${w}`),
      `CC=${crossCc()}`,
      'CFLAGS=-O2',
      'LIGHTTPD_STATIC=yes',
    ],
    { cwd: build },
  );
  // A static lighttpd holds the modules plugin-static.h names: the three its configuration loads by default, and
  // mod_accesslog, which logs each request to the upstream's log as the recipes read it.
  writeFileSync(
    path.join(build, 'src/plugin-static.h'),
    ['mod_accesslog', 'mod_indexfile', 'mod_dirlisting', 'mod_staticfile'].map((m) => `PLUGIN_INIT(${m})\n`).join(''),
  );
  await logged(log, ['make', '-j', jobs, 'LIGHTTPD_STATIC=yes'], { cwd: build });
  fs.copyFileSync(path.join(build, 'src/lighttpd'), path.join(p.stage, 'usr/local/sbin/lighttpd'));
  fs.chmodSync(path.join(p.stage, 'usr/local/sbin/lighttpd'), 0o555);
  await isFreebsd(path.join(p.stage, 'usr/local/sbin/lighttpd'));
});

// 6d. dhcpcd, the DHCPv6 client of DHCPv6 jails (FreeBSD's dhclient speaks DHCPv4 only; the Vagrant box takes the
// dhcpcd package). Debian's source (dhcpcd5, which unpacks as dhcpcd-VERSION), without privilege separation: its
// privsep user would be one more account in the image. Installed with its hook script, as the port installs it.
await stage('dhcpcd', inputsHash([], [installHash, String(argv.dhcpcd ?? 'apt')]), async (log) => {
  const work = path.join(p.root, 'dhcpcd');
  fs.rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tree = argv.dhcpcd ?? (await aptSource(log, 'dhcpcd5', work, 'dhcpcd'));
  const configure = [
    './configure',
    '--host=x86_64-unknown-freebsd13.2',
    '--prefix=/usr/local',
    '--sysconfdir=/usr/local/etc',
    '--libexecdir=/usr/local/libexec',
    '--dbdir=/var/db/dhcpcd',
    '--rundir=/var/run/dhcpcd',
    '--disable-privsep',
    '--without-udev',
  ];
  // Its configure takes CC as one program (`type "$CC"`): the cross compiler's flags go in a wrapper.
  const cc = path.join(work, 'cc');
  writeFileSync(cc, `#!/bin/sh\nexec ${crossCc()} "$@"\n`, { mode: 0o755 });
  await logged(log, configure, { cwd: tree, env: { CC: cc, CFLAGS: '-O2' } });
  await logged(log, ['make', '-j', jobs], { cwd: tree });
  await logged(log, ['make', 'install', `DESTDIR=${p.stage}`], { cwd: tree });
  await isFreebsd(path.join(p.stage, 'usr/local/sbin/dhcpcd'));
});

// 6c. bash: recipe blocks are bash scripts (recipe-format.md), and the runner's wrappers are bash. Debian's source,
// cross-configured; its own readline and termcap-from-world. bash's signal names are read at run time (signames.c),
// so they are FreeBSD's, not the build machine's.
await stage('bash', inputsHash([], [installHash, String(argv.bash ?? 'apt')]), async (log) => {
  const work = path.join(p.root, 'bash');
  fs.rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tree = argv.bash ?? (await aptSource(log, 'bash', work));
  const build = path.join(work, 'build');
  mkdirSync(build, { recursive: true });
  const configure = [path.join(tree, 'configure'), '--host=x86_64-unknown-freebsd13.2', '--prefix=/usr/local', '--without-bash-malloc', '--disable-nls'];
  await logged(log, [...configure, `CC=${crossCc()}`, 'CFLAGS=-O2', 'CC_FOR_BUILD=cc'], { cwd: build });
  await logged(log, ['make', '-j', jobs, 'bash'], { cwd: build });
  mkdirSync(path.join(p.stage, 'usr/local/bin'), { recursive: true });
  fs.copyFileSync(path.join(build, 'bash'), path.join(p.stage, 'usr/local/bin/bash'));
  fs.chmodSync(path.join(p.stage, 'usr/local/bin/bash'), 0o555);
  await isFreebsd(path.join(p.stage, 'usr/local/bin/bash'));
});

// 7. The VM's own settings: serial console, root on ada0p2, FIBs at boot, sshd with keys made here.
const etcHash = inputsHash([path.join(here, 'build.mjs')], [installHash, 'etc-1']);
await stage('etc', etcHash, async (log) => {
  const s = (rel) => path.join(p.stage, rel);
  const put = (rel, text, mode = 0o644) => {
    mkdirSync(path.dirname(s(rel)), { recursive: true });
    writeFileSync(s(rel), text, { mode });
  };
  put('etc/fstab', '/dev/ada0p2\t/\tufs\trw\t1\t1\ntmpfs\t/tmp\ttmpfs\trw,mode=1777\t0\t0\n');
  put(
    'boot/loader.conf',
    [
      'console="comconsole"',
      'autoboot_delay="0"',
      'beastie_disable="YES"',
      'vfs.root.mountfrom="ufs:/dev/ada0p2"',
      'net.fibs="16"',
      'kern.racct.enable="1"',
      'kern.hz="100"',
      '',
    ].join('\n'),
  );
  put('boot.config', '-h -S115200\n');
  // The host setup harness/freebsd-provision.sh gives the Vagrant VM: bridged frames pass pf, forwarding, and a
  // host pf.conf that passes everything but the labs' anchors.
  put('etc/sysctl.conf', 'net.link.bridge.pfil_member=1\nnet.link.bridge.pfil_bridge=0\nnet.inet.ip.forwarding=1\n');
  put('etc/pf.conf', 'set skip on lo0\nanchor "vessel/*"\npass all\n');
  put(
    'etc/rc.conf',
    [
      'hostname="vessel-fbvm"',
      // QEMU's user network (restricted: no packet leaves this machine) is 10.0.2.0/24, as VirtualBox's NAT.
      'ifconfig_em0="inet 10.0.2.15/24"',
      'sshd_enable="YES"',
      'pf_enable="YES"',
      'sshd_rsa_enable="NO"',
      'sshd_ecdsa_enable="NO"',
      'sshd_dsa_enable="NO"',
      'sendmail_enable="NONE"',
      'cron_enable="NO"',
      'devd_enable="NO"',
      'dumpdev="NO"',
      'syslogd_flags="-ss"',
      'clear_tmp_enable="YES"',
      '',
    ].join('\n'),
  );
  // root's shell is sh, as on 14 (13.2 gives csh): the SSH host sends POSIX sh command lines.
  const mp = readFileSync(s('etc/master.passwd'), 'utf8').replace(/^(root|toor)(:[^\n]*:)\/bin\/csh$/gm, '$1$2/bin/sh');
  writeFileSync(s('etc/master.passwd'), mp, { mode: 0o600 });
  const pwdMkdb = path.join(p.obj, p.src, 'amd64.amd64/tmp/legacy/usr/sbin/pwd_mkdb');
  await logged(log, [pwdMkdb, '-i', '-p', '-d', s('etc'), s('etc/master.passwd')], { cwd: p.stage });
  const sshd = readFileSync(s('etc/ssh/sshd_config'), 'utf8');
  put('etc/ssh/sshd_config', `${sshd}\nPermitRootLogin prohibit-password\nUseDNS no\nHostKey /etc/ssh/ssh_host_ed25519_key\nMaxSessions 64\nMaxStartups 64\n`);
  for (const f of [p.key, `${p.key}.pub`, path.join(p.root, 'host_ed25519'), path.join(p.root, 'host_ed25519.pub')]) fs.rmSync(f, { force: true });
  await logged(log, ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'vessel-cookbook', '-f', p.key], { cwd: p.root });
  await logged(log, ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'vessel-fbvm', '-f', path.join(p.root, 'host_ed25519')], { cwd: p.root });
  put('etc/ssh/ssh_host_ed25519_key', readFileSync(path.join(p.root, 'host_ed25519'), 'utf8'), 0o600);
  put('etc/ssh/ssh_host_ed25519_key.pub', readFileSync(path.join(p.root, 'host_ed25519.pub'), 'utf8'));
  put('root/.ssh/authorized_keys', readFileSync(`${p.key}.pub`, 'utf8'), 0o600);
  fs.chmodSync(s('root/.ssh'), 0o700);
  mkdirSync(path.dirname(p.knownHosts), { recursive: true });
  writeFileSync(p.knownHosts, `${HOST_KEY_ALIAS} ${readFileSync(path.join(p.root, 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
});

// 8. The disk image: GPT with gptboot, and a UFS1 root (Debian's makefs writes a UFS2 superblock 13.2 does not mount).
await stage(
  'image',
  inputsHash(
    [path.join(here, 'build.mjs')],
    ['install', 'dnsmasq', 'lighttpd', 'dhcpcd', 'bash', 'etc'].map((s) =>
      existsSync(path.join(p.stamps, s)) ? readFileSync(path.join(p.stamps, s), 'utf8') : '',
    ),
  ),
  async (log) => {
    // Files go in as staged (root:wheel, their modes): Debian's makefs reads no mtree 2.0 METALOG (-F fails on
    // FreeBSD's full-path entries), so the owners and groups METALOG records are not applied.
    const ufs = path.join(p.root, 'root.ufs');
    const used = Number((await $`du -sm ${p.stage}`).stdout.split('\t')[0]);
    const sizeMb = used + 1536; // room for jails' roots and logs
    fs.rmSync(ufs, { force: true });
    await logged(log, ['makefs', '-t', 'ffs', '-B', 'little', '-o', 'version=1', '-s', `${sizeMb}m`, '-f', '200000', ufs, p.stage], { cwd: p.stage });
    const img = `${p.image}.new`;
    fs.rmSync(img, { force: true });
    await logged(log, ['truncate', '-s', `${sizeMb + 4}M`, img], { cwd: p.root });
    await logged(log, ['sgdisk', '-a', '1', '-n', '1:40:+512K', '-t', '1:a501', '-n', `2:2048:+${sizeMb}M`, '-t', '2:a503', img], { cwd: p.root });
    await logged(log, ['dd', `if=${p.stage}/boot/pmbr`, `of=${img}`, 'bs=446', 'count=1', 'conv=notrunc', 'status=none'], { cwd: p.root });
    await logged(log, ['dd', `if=${p.stage}/boot/gptboot`, `of=${img}`, 'bs=512', 'seek=40', 'conv=notrunc', 'status=none'], { cwd: p.root });
    await logged(log, ['dd', `if=${ufs}`, `of=${img}`, 'bs=1M', 'seek=1', 'conv=notrunc,sparse', 'status=none'], { cwd: p.root });
    fs.rmSync(ufs, { force: true });
    fs.renameSync(img, p.image);
  },
);
say(`image: ${p.image} (boot it with harness/freebsd-vm/vm.mjs start)`);
