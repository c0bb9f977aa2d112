// `kubectl cp <file-spec-src> <file-spec-dest> [-c container]` (kubectl pkg/cmd/cp/cp.go, v1.32),
// built on exec and tar as kubectl builds it:
// * pod → local: `exec tar cf - <src>` in the container; the tar stream on stdout is unpacked
//   into the local filesystem (Invocation.fs), each member's path after the source prefix joined
//   to the destination (a file lands at dest itself; a directory's contents go under dest).
//   The exec's stderr is wired to kubectl's *stdout* (TarPipe.initReadFrom: ErrOut: o.Out), so
//   busybox tar's `tar: removing leading '/' from member names` appears on stdout, as in the
//   kiamol ch02 notes that show it (paulkaefer, ndukwon).
// * local → pod: `exec test -d <dest>` (a directory: copy into it under the source's base name),
//   then `exec tar -xmf - -C <dest dir>` with a tar of the local file or directory on stdin.
// * Errors are kubectl's: `<src> doesn't exist in local filesystem`, `one of src or dest must be
//   a local file specification`, `filespec must match the canonical format: [[namespace/]pod:]file/path`,
//   `open <dest>: is a directory`.

import { durationMs } from '../cmdline';
import { KubectlError, printError } from '../invocation';
import type { Invocation, LocalFs, Verb } from '../invocation';
import { notSupportedMessage } from './unsupported';
import { defaultContainer, podForArg } from './exec';

interface FileSpec {
  namespace?: string;
  pod?: string;
  file: string;
}

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new KubectlError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i < 0) return { file: arg };
  const pod = arg.slice(0, i);
  const file = arg.slice(i + 1);
  const pieces = pod.split('/');
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw new KubectlError('filespec must match the canonical format: [[namespace/]pod:]file/path');
}

/** path.Clean for the remote side. */
function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
    } else parts.push(seg);
  }
  const s = parts.join('/');
  return abs ? '/' + s : s || '.';
}

/** stripPathShortcuts: leading `../` and `./` go. */
function stripPathShortcuts(p: string): string {
  let s = p;
  for (;;) {
    if (s.startsWith('../')) s = s.slice(3);
    else if (s.startsWith('./')) s = s.slice(2);
    else break;
  }
  return s === '..' || s === '.' ? '' : s;
}

function joinLocal(dir: string, rest: string): string {
  if (rest === '') return dir;
  return `${dir.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

function dirOf(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : p.slice(0, i);
}

function baseOf(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

// --- a ustar stream, for local → pod (the container side has its own tar) ---------------------

function utf8Bytes(s: string): string {
  return unescape(encodeURIComponent(s));
}

function utf8Text(b: string): string {
  try {
    return decodeURIComponent(escape(b));
  } catch {
    return b;
  }
}

function tarHeader(name: string, size: number, type: '0' | '5', mtimeSec: number): string {
  const field = (s: string, w: number) => {
    const b = utf8Bytes(s).slice(0, w);
    return b + '\0'.repeat(w - b.length);
  };
  const octal = (n: number, w: number) => n.toString(8).padStart(w - 1, '0') + '\0';
  let h = field(name, 100) + octal(type === '5' ? 0o755 : 0o644, 8) + octal(0, 8) + octal(0, 8) + octal(size, 12) + octal(mtimeSec, 12) + '        ' + type + field('', 100) + 'ustar\0' + '00' + field('', 32) + field('', 32) + field('', 8) + field('', 8) + field('', 155);
  h += '\0'.repeat(512 - h.length);
  let sum = 0;
  for (let i = 0; i < h.length; i++) sum += h.charCodeAt(i);
  return h.slice(0, 148) + sum.toString(8).padStart(6, '0') + '\0 ' + h.slice(156);
}

function tarLocal(fs: LocalFs, src: string, name: string, mtimeSec: number): string {
  let s = '';
  if (fs.isDir?.(src)) {
    s += tarHeader(name + '/', 0, '5', mtimeSec);
    for (const e of fs.list?.(src) ?? []) s += tarLocal(fs, joinLocal(src, e), `${name}/${e}`, mtimeSec);
    return s;
  }
  const data = utf8Bytes(fs.read(src) ?? '');
  s += tarHeader(name, data.length, '0', mtimeSec) + data + '\0'.repeat((512 - (data.length % 512)) % 512);
  return s;
}

interface Member {
  name: string;
  dir: boolean;
  data: string;
}

function readTar(s: string): Member[] | undefined {
  const out: Member[] = [];
  let off = 0;
  while (off + 512 <= s.length) {
    const h = s.slice(off, off + 512);
    if (/^\0*$/.test(h)) return out;
    const str = (a: number, b: number) => {
      const f = h.slice(a, b);
      const z = f.indexOf('\0');
      return utf8Text(z < 0 ? f : f.slice(0, z));
    };
    if (str(257, 263) !== 'ustar' && str(257, 262) !== 'ustar') return undefined;
    const prefix = str(345, 500);
    const name = (prefix ? prefix + '/' : '') + str(0, 100);
    const size = parseInt(str(124, 136).trim() || '0', 8);
    off += 512;
    out.push({ name, dir: h[156] === '5', data: s.slice(off, off + size) });
    off += Math.ceil(size / 512) * 512;
  }
  return off === 0 ? undefined : out;
}

export const cp: Verb = async (inv) => {
  try {
    return await runCp(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runCp(inv: Invocation): Promise<number> {
  // 1.32's Complete: a plain error (the older usage text is gone)
  if (inv.args.length !== 2) throw new KubectlError('source and destination are required');
  const src = extractFileSpec(inv.args[0]);
  const dest = extractFileSpec(inv.args[1]);
  if (src.pod && dest.pod) throw new KubectlError('one of src or dest must be a local file specification');
  if (src.file === '' || dest.file === '') throw new KubectlError('filepath can not be empty');
  if (!src.pod && !dest.pod) throw new KubectlError('one of src or dest must be a remote file specification');
  const fs = inv.fs;
  if (!fs) {
    inv.err(notSupportedMessage('kubectl cp (no local filesystem in this cell)'));
    return 1;
  }
  return src.pod ? copyFromPod(inv, fs, src, dest.file) : copyToPod(inv, fs, src.file, dest);
}

/** exec's pod and container resolution (the Defaulted message goes to `say`). */
async function target(inv: Invocation, spec: FileSpec, say: (s: string) => void): Promise<{ ns: string; pod: string; container: string }> {
  const ns = spec.namespace ?? inv.namespace;
  const sub: Invocation = { ...inv, namespace: ns, err: say };
  const { pod } = await podForArg(sub, spec.pod ?? '', durationMs(inv.flags['pod-running-timeout']) || 60_000);
  const phase = pod.status?.phase ?? '';
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = typeof inv.flags.container === 'string' ? inv.flags.container : '';
  if (!container) container = defaultContainer(sub, pod, false);
  return { ns, pod: pod.metadata.name ?? '', container };
}

async function copyFromPod(inv: Invocation, fs: LocalFs, src: FileSpec, dest: string): Promise<number> {
  // the exec's stderr is kubectl's stdout here
  const t = await target(inv, src, inv.out);
  const r = await inv.client.exec(t.ns, t.pod, t.container, ['tar', 'cf', '-', src.file]);
  inv.out(r.stderr);
  if (r.exitCode === 126 || r.exitCode === 127) {
    // no tar in the image: the runtime's message arrived on stdout
    inv.out(r.stdout);
    inv.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  const members = readTar(r.stdout);
  if (r.exitCode !== 0) {
    inv.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  if (!members) throw new KubectlError('unexpected EOF');
  const prefix = stripPathShortcuts(cleanPath(src.file).replace(/^\/+/, ''));
  for (const m of members) {
    const name = m.dir ? m.name.replace(/\/$/, '') : m.name;
    if (!name.startsWith(prefix)) throw new KubectlError('tar contents corrupted');
    const destFile = joinLocal(dest, name.slice(prefix.length));
    if (m.dir) {
      fs.mkdirp(destFile);
      continue;
    }
    const parent = dirOf(destFile);
    if (fs.exists(parent) && !(fs.isDir?.(parent) ?? true)) throw new KubectlError(`mkdir ${parent}: not a directory`);
    fs.mkdirp(parent);
    if (fs.isDir?.(destFile)) throw new KubectlError(`open ${destFile}: is a directory`);
    fs.write(destFile, utf8Text(m.data));
  }
  return 0;
}

async function copyToPod(inv: Invocation, fs: LocalFs, src: string, dest: FileSpec): Promise<number> {
  if (!fs.exists(src)) throw new KubectlError(`${src} doesn't exist in local filesystem`);
  const t = await target(inv, dest, inv.err);
  let destFile = cleanPath(dest.file);
  // checkDestinationIsDir
  const isDir = await inv.client.exec(t.ns, t.pod, t.container, ['test', '-d', destFile]);
  if (isDir.exitCode === 0) destFile = `${destFile.replace(/\/+$/, '')}/${baseOf(src)}`;
  const tarStream = tarLocal(fs, src, baseOf(destFile), Math.floor(inv.client.now() / 1000)) + '\0'.repeat(1024);
  const cmd = inv.flags['no-preserve'] === true ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const dir = dirOf(destFile);
  if (dir !== '.') cmd.push('-C', dir);
  const r = await inv.client.exec(t.ns, t.pod, t.container, cmd, { stdin: tarStream });
  inv.out(r.stdout);
  inv.err(r.stderr);
  if (r.exitCode !== 0) {
    inv.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}
