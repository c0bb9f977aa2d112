// curl (8.7, as macOS and current distributions ship it) and GNU wget (1.21) on the learner's
// machine. Only localhost answers, through a `kubectl port-forward` the session keeps open; any
// other address gets a Korean + English note and no request is made. Nothing here opens a socket.

import { externalUrlMessage } from './messages';
import type { Command } from './types';

export const CURL_UA = 'curl/8.7.1';
export const WGET_UA = 'Wget/1.21.4';

interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** as shown in messages: `http://localhost:8080/` */
  normalized: string;
}

function parseUrl(raw: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = m[2].toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (path.startsWith('?')) path = `/${path}`;
  path = path.split('#')[0] || '/';
  const defaultPort = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  return { scheme, host, port, path, normalized: `${scheme}://${host}${defaultPort ? '' : `:${port}`}${path}` };
}

function isLocal(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** curl's max5data: a byte count in 5 columns. */
function max5(n: number): string {
  if (n < 100_000) return String(Math.floor(n)).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  if (n < 10_000 * 1024 * 1024) return `${String(Math.floor(n / 1024 / 1024)).padStart(4)}M`;
  return `${String(Math.floor(n / 1024 / 1024 / 1024)).padStart(4)}G`;
}

/** A transfer over the loopback takes about 2 ms: the speed curl and wget report. */
const TRANSFER_S = 0.002;

/** curl's progress meter (stderr, when stdout is not the terminal and -s is not given). */
function curlMeter(size: number): string {
  const speed = max5(size / TRANSFER_S);
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `100 ${max5(size)}  100 ${max5(size)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`
  );
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

export const curl: Command = async (ctx) => {
  let silent = false;
  let showErrors = false;
  let include = false;
  let headOnly = false;
  let fail = false;
  let method: string | undefined;
  let output: string | undefined;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  const args = ctx.argv.slice(1);
  const valueFlags: Record<string, string> = { '-o': 'o', '--output': 'o', '-X': 'X', '--request': 'X', '-H': 'H', '--header': 'H', '-m': 'm', '--max-time': 'm', '--connect-timeout': 'm', '-w': 'w', '--write-out': 'w', '-A': 'A', '--user-agent': 'A', '-d': 'd', '--data': 'd' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const setValue = (k: string, v: string) => {
      if (k === 'o') output = v;
      else if (k === 'X') method = v;
      else if (k === 'H') {
        const c = v.indexOf(':');
        if (c > 0) headers[v.slice(0, c).trim()] = v.slice(c + 1).trim();
      } else if (k === 'A') headers['User-Agent'] = v;
      else if (k === 'd') method ??= 'POST';
    };
    if (a in valueFlags) {
      setValue(valueFlags[a], args[++i] ?? '');
    } else if (a.startsWith('--')) {
      if (a === '--silent') silent = true;
      else if (a === '--show-error') showErrors = true;
      else if (a === '--include') include = true;
      else if (a === '--head') headOnly = true;
      else if (a === '--fail') fail = true;
      else if (a.includes('=') && a.slice(0, a.indexOf('=')) in valueFlags) setValue(valueFlags[a.slice(0, a.indexOf('='))], a.slice(a.indexOf('=') + 1));
      // --location, --verbose, --insecure, --compressed …: nothing to change for a local request
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (`-${c}` in valueFlags) {
          setValue(valueFlags[`-${c}`], j + 1 < a.length ? a.slice(j + 1) : args[++i] ?? '');
          break;
        }
        if (c === 's') silent = true;
        else if (c === 'S') showErrors = true;
        else if (c === 'i') include = true;
        else if (c === 'I') headOnly = true;
        else if (c === 'f') fail = true;
      }
    } else urls.push(a);
  }
  if (urls.length === 0) {
    ctx.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const complain = (text: string) => {
    if (!silent || showErrors) ctx.err(text);
  };
  let code = 0;
  for (const raw of urls) {
    const url = parseUrl(raw);
    if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
      complain(`curl: (1) Protocol "${url?.scheme ?? raw}" not supported\n`);
      code = 1;
      continue;
    }
    if (!isLocal(url.host)) {
      ctx.err(externalUrlMessage('curl', raw));
      code = 6;
      continue;
    }
    const hostHeader = url.port === 80 ? url.host : `${url.host}:${url.port}`;
    const res = await ctx.shell.localHttp(url.port, {
      method: headOnly ? 'HEAD' : (method ?? 'GET'),
      path: url.path,
      headers: { Host: hostHeader, 'User-Agent': CURL_UA, Accept: '*/*', ...headers },
    });
    if (res.kind === 'refused') {
      complain(`curl: (7) Failed to connect to ${url.host.replace(/^\[|\]$/g, '')} port ${url.port} after 0 ms: Couldn't connect to server\n`);
      code = 7;
      continue;
    }
    if (res.kind === 'empty') {
      complain('curl: (52) Empty reply from server\n');
      code = 52;
      continue;
    }
    if (url.scheme === 'https') {
      complain(`curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n`);
      code = 35;
      continue;
    }
    if (fail && res.status >= 400) {
      complain(`curl: (22) The requested URL returned error: ${res.status}\n`);
      code = 22;
      continue;
    }
    let text = '';
    if (include || headOnly) {
      text += `HTTP/1.1 ${res.status} ${res.statusText}\r\n`;
      for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
      text += '\r\n';
    }
    if (!headOnly) text += res.body;
    const toTerminal = output === undefined && !ctx.stdoutRedirected;
    if (!silent && !toTerminal) ctx.err(curlMeter(byteLength(headOnly ? '' : res.body)));
    if (output !== undefined && output !== '-') {
      const err = ctx.shell.fs.write(ctx.shell.resolve(output), text);
      if (err) {
        complain(`curl: (23) Failure writing output to destination\n`);
        code = 23;
      }
    } else ctx.out(text);
  }
  return code;
};

function wgetTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** wget's rate: `172 KB/s`, `1.72 MB/s` (calc_rate + the `%.*f` precision it prints with). */
function wgetRate(bytes: number): string {
  let r = bytes / TRANSFER_S;
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s'];
  let u = 0;
  while (r >= 1024 && u < units.length - 1) {
    r /= 1024;
    u++;
  }
  const digits = r >= 99.95 ? 0 : r >= 9.995 ? 1 : 2;
  return `${r.toFixed(digits)} ${units[u]}`;
}

export const wget: Command = async (ctx) => {
  let quiet = false;
  let output: string | undefined;
  const urls: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O' || a === '--output-document') output = args[++i] ?? '';
    else if (a.startsWith('--output-document=')) output = a.slice(18);
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (/^-q+O/.test(a)) {
      quiet = true;
      output = a.slice(a.indexOf('O') + 1) || args[++i] || '';
    } else if (a.startsWith('-O')) output = a.slice(2);
    else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  const log = (t: string) => {
    if (!quiet) ctx.err(t);
  };
  if (urls.length === 0) {
    ctx.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  let code = 0;
  for (const raw of urls) {
    const url = parseUrl(raw);
    if (!url || (url.scheme !== 'http' && url.scheme !== 'https')) {
      ctx.err(`${raw}: Unsupported scheme ‘${url?.scheme ?? ''}’.\n`);
      code = 1;
      continue;
    }
    if (!isLocal(url.host)) {
      ctx.err(externalUrlMessage('wget', raw));
      code = 4;
      continue;
    }
    const now = ctx.shell.client.now();
    log(`--${wgetTime(now)}--  ${url.normalized}\n`);
    const bare = url.host.replace(/^\[|\]$/g, '');
    const addrs = url.host === 'localhost' ? ['::1', '127.0.0.1'] : [bare];
    if (url.host === 'localhost') log(`Resolving localhost (localhost)... ${addrs.join(', ')}\n`);
    const connecting = (a: string) => (url.host === 'localhost' ? `Connecting to localhost (localhost)|${a}|:${url.port}... ` : `Connecting to ${a.includes(':') ? `[${a}]` : a}:${url.port}... `);
    const res = await ctx.shell.localHttp(url.port, { method: 'GET', path: url.path, headers: { Host: url.port === 80 ? url.host : `${url.host}:${url.port}`, 'User-Agent': WGET_UA, Accept: '*/*' } });
    if (res.kind === 'refused') {
      for (const a of addrs) log(`${connecting(a)}failed: Connection refused.\n`);
      code = 4;
      continue;
    }
    log(`${connecting(addrs[0])}connected.\n`);
    if (res.kind === 'empty') {
      log('HTTP request sent, awaiting response... No data received.\nRetrying.\n\n');
      code = 4;
      continue;
    }
    log(`HTTP request sent, awaiting response... ${res.status} ${res.statusText}\n`);
    if (res.status >= 400) {
      log(`${wgetTime(now)} ERROR ${res.status}: ${res.statusText}.\n\n`);
      code = 8;
      continue;
    }
    const size = byteLength(res.body);
    const type = res.headers['Content-Type'] ?? res.headers['content-type'];
    const chunked = !('Content-Length' in res.headers);
    log(`Length: ${chunked ? 'unspecified' : String(size)}${type ? ` [${type}]` : ''}\n`);
    const toStdout = output === '-';
    let file = output;
    if (file === undefined) {
      const base = url.path.split('?')[0].split('/').pop() || 'index.html';
      file = base;
      for (let n = 1; ctx.shell.fs.stat(ctx.shell.resolve(file)); n++) file = `${base}.${n}`;
    }
    log(`Saving to: ‘${toStdout ? 'STDOUT' : file}’\n\n`);
    const kb = Math.floor(size / 1024);
    log(`${`${kb}K`.padStart(6)} ${' '.repeat(50)} ${chunked ? '' : '100% '}${wgetRate(size).replace(' ', '').replace('/s', '').replace('B', '')}=0.002s\n\n`);
    if (toStdout) ctx.out(res.body);
    else ctx.shell.fs.write(ctx.shell.resolve(file), res.body);
    log(`${wgetTime(now)} (${wgetRate(size)}) - ${toStdout ? 'written to stdout' : `‘${file}’ saved`} [${size}${chunked ? '' : `/${size}`}]\n\n`);
  }
  return code;
};
