// Where the FreeBSD VM's sources, objects, stages and image live (outside git), and which source commit it is built from.
import path from 'node:path';

/** The commit of modular-os/zswap4BSD that is FreeBSD 13.2-RELEASE's source tree. */
export const FBVM_COMMIT = '314a92d5a';

/** The name the VM's host key is known by (ssh HostKeyAlias), whatever port QEMU forwards. */
export const HOST_KEY_ALIAS = 'vessel-fbvm';

/** The cache folder's parts; dir defaults to $VESSEL_FBVM_DIR or /var/cache/vessel-cookbook/freebsd-vm. */
export function fbvmPaths(dir) {
  const root = path.resolve(dir ?? process.env.VESSEL_FBVM_DIR ?? '/var/cache/vessel-cookbook/freebsd-vm');
  return {
    root,
    src: path.join(root, 'src'),
    obj: path.join(root, 'obj'),
    stage: path.join(root, 'stage'),
    stamps: path.join(root, 'stamps'),
    logs: path.join(root, 'logs'),
    image: path.join(root, 'freebsd-13.2-vessel.img'),
    key: path.join(root, 'id_ed25519'),
    knownHosts: path.join(root, 'known_hosts'),
    vm: path.join(root, 'vm'),
  };
}
