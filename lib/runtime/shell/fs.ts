// The learner's machine as the shell session sees it: a small in-memory filesystem. Nothing here
// touches the real disk. A notebook preloads the book's files (`fs.write('/root/kiamol/ch02/
// pod.yaml', …)`) so that `cd ch02` and `kubectl apply -f pod.yaml` work as in the book.

export interface FsEntry {
  type: 'file' | 'dir';
  /** file text ('' for directories) */
  content: string;
  /** virtual ms of the last write */
  mtime: number;
}

/** Normalizes an absolute path: `//a/./b/../c/` → `/a/c`. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** `path` against `cwd`, with `~` as `home` (bash's tilde expansion, which the tokenizer leaves to us). */
export function resolvePath(cwd: string, path: string, home = '/root'): string {
  if (path === '~') return normalizePath(home);
  if (path.startsWith('~/')) return normalizePath(`${home}/${path.slice(2)}`);
  if (path.startsWith('/')) return normalizePath(path);
  return normalizePath(`${cwd}/${path}`);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST';

export class VirtualFS {
  private entries = new Map<string, FsEntry>();

  constructor(private readonly now: () => number = () => 0) {
    for (const d of ['/', '/root', '/tmp']) this.entries.set(d, { type: 'dir', content: '', mtime: this.now() });
  }

  stat(path: string): FsEntry | undefined {
    return this.entries.get(normalizePath(path));
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }

  /** A file's text, or undefined (no such file, or a directory). */
  read(path: string): string | undefined {
    const e = this.stat(path);
    return e?.type === 'file' ? e.content : undefined;
  }

  /**
   * Writes a file, creating missing parent directories (the preload API). The shell checks the
   * parent itself first, so `echo x > /nope/f` still fails as bash does.
   */
  write(path: string, content: string, opts: { append?: boolean } = {}): FsError | undefined {
    const p = normalizePath(path);
    const cur = this.entries.get(p);
    if (cur?.type === 'dir') return 'EISDIR';
    const err = this.mkdir(dirname(p), { parents: true });
    if (err) return err;
    const text = opts.append && cur ? cur.content + content : content;
    this.entries.set(p, { type: 'file', content: text, mtime: this.now() });
    return undefined;
  }

  /** `mkdir` (`parents`: `mkdir -p`, no error when it exists). */
  mkdir(path: string, opts: { parents?: boolean } = {}): FsError | undefined {
    const p = normalizePath(path);
    const cur = this.entries.get(p);
    if (cur) return cur.type === 'dir' ? (opts.parents ? undefined : 'EEXIST') : opts.parents ? 'ENOTDIR' : 'EEXIST';
    const parent = dirname(p);
    const pe = this.entries.get(parent);
    if (!pe) {
      if (!opts.parents) return 'ENOENT';
      const err = this.mkdir(parent, opts);
      if (err) return err;
    } else if (pe.type !== 'dir') return 'ENOTDIR';
    this.entries.set(p, { type: 'dir', content: '', mtime: this.now() });
    return undefined;
  }

  remove(path: string): void {
    const p = normalizePath(path);
    for (const k of [...this.entries.keys()]) if (k === p || k.startsWith(p + '/')) this.entries.delete(k);
  }

  /** The names in a directory, sorted as `ls` sorts them in the C locale; undefined if not a directory. */
  list(path: string): string[] | undefined {
    const p = normalizePath(path);
    if (this.entries.get(p)?.type !== 'dir') return undefined;
    const prefix = p === '/' ? '/' : p + '/';
    const names: string[] = [];
    for (const k of this.entries.keys()) {
      if (k !== p && k.startsWith(prefix) && !k.slice(prefix.length).includes('/')) names.push(k.slice(prefix.length));
    }
    return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
