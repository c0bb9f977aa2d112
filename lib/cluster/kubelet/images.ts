// The image catalogue: what each image the notes use is, as data. A reference normalizes the
// way the Docker CLI and containerd do it (distribution/reference ParseNormalizedNamed:
// `nginx` → `docker.io/library/nginx:latest`), and an entry says how big the image is, how long
// a pull takes, its digest, what its main process does (serve HTTP, run forever, exit), what it
// logs at start-up, which programs it has and a few files. Entries are shared by every container
// that runs them (a container's own writes go to a copy-on-write overlay in the runtime).

import { HELLO_KIAMOL_HTML, NGINX_50X_HTML, NGINX_DEFAULT_CONF, NGINX_WELCOME_HTML } from './pages';

// ---------------------------------------------------------------------------------------------
// References

export interface ImageRef {
  /** registry host, `docker.io` when none was given */
  domain: string;
  /** repository path, `library/nginx` for official images */
  path: string;
  tag?: string;
  /** `sha256:<64 hex>` */
  digest?: string;
}

export type ParsedRef = { ok: true; ref: ImageRef } | { ok: false; error: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * distribution/reference ParseNormalizedNamed plus the kubelet's applyDefaultImageTag: a name
 * without tag or digest gets `latest`. Errors read as the kubelet reports them
 * (`couldn't parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase`).
 */
function badRef(image: string, why = ''): ParsedRef {
  return { ok: false, error: `couldn't parse image name ${JSON.stringify(image)}: invalid reference format${why}` };
}

export function parseImageRef(image: string): ParsedRef {
  if (!image || image.trim() !== image) return badRef(image);
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return badRef(image);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return badRef(image);
  }
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path !== path.toLowerCase()) return badRef(image, `: repository name (${path}) must be lowercase`);
  if (!path.split('/').every((c) => COMPONENT.test(c))) return badRef(image);
  if (!tag && !digest) tag = 'latest';
  return { ok: true, ref: { domain, path, tag, digest } };
}

/** `docker.io/library/nginx` */
export function canonicalRepo(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}

/** `docker.io/library/nginx:latest` (containerd's view; kubectl describe on containerd nodes). */
export function canonicalName(ref: ImageRef): string {
  return canonicalRepo(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** `nginx`, `kiamol/ch02-hello-kiamol`: the Docker CLI's familiar repository name. */
export function familiarRepo(ref: ImageRef): string {
  if (ref.domain !== 'docker.io') return canonicalRepo(ref);
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
}

/** `nginx:latest`: how the Docker engine names an image it pulled (its first RepoTag). */
export function familiarName(ref: ImageRef): string {
  return familiarRepo(ref) + (ref.tag ? `:${ref.tag}` : '') + (ref.digest && !ref.tag ? `@${ref.digest}` : '');
}

/** Normalizes an image string; undefined when it does not parse. */
export function normalizeImage(image: string): string | undefined {
  const p = parseImageRef(image);
  return p.ok ? canonicalName(p.ref) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Entries

/** A start-up log line: `{time}` is nginx's `YYYY/MM/DD HH:MM:SS`, `{kernel}` the node's kernel. */
export interface LogTemplate {
  /** milliseconds after the process started */
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
  /** one line per CPU, `{pid}` counting up from workerPid */
  perCpu?: boolean;
}

/** What the image's own program (entrypoint + cmd) is. */
export type AppSpec =
  | {
      kind: 'nginx';
      /** `nginx/1.21.6`: Server header and error pages */
      server: string;
      port: number;
      /** ms after start until the port accepts connections */
      listenMs: number;
      root: string;
      /** first worker's pid: the entrypoint scripts use up the pids before it */
      workerPid: number;
      startup: LogTemplate[];
      /** graceful stop on STOPSIGNAL SIGQUIT */
      shutdown: LogTemplate[];
    }
  | {
      kind: 'whoami';
      port: number;
      listenMs: number;
      startup: LogTemplate[];
      shutdown: LogTemplate[];
    };

export interface ImageEntry {
  /** `docker.io/library/nginx` */
  repo: string;
  /** the tag asked for */
  tag: string;
  /** repo digest (manifest list), 64 hex */
  digest: string;
  /** image id (config digest), 64 hex: `docker images` shows the first 12 */
  id: string;
  /** bytes, as the Pulled event reports them */
  size: number;
  /** first pull, no layers cached */
  pullMs: number;
  /** pull with every layer present (imagePullPolicy Always, or a second pod pulling at once) */
  repullMs: number;
  /** when the image was built, for `docker images` */
  created: string;
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  env: string[];
  /** programs on PATH */
  bins: readonly string[];
  /** where the programs live */
  binDir: string;
  /** `sh` flavour for exec: busybox ash, bash (sh is dash), or none */
  shell: 'busybox' | 'bash' | 'none';
  /** what the image's own program does when command/args do not override it */
  app?: AppSpec;
  /** files in the image (shared, read-only); directories are implied by paths */
  files: Readonly<Record<string, string>>;
}

export type LookupResult =
  | { ok: true; image: ImageEntry }
  | { ok: false; kind: 'invalid' | 'repository' | 'tag'; error: string; ref?: ImageRef };

// --- programs ----------------------------------------------------------------------------------

const BUSYBOX_APPLETS = [
  'ash', 'awk', 'basename', 'cat', 'chmod', 'chown', 'cp', 'cut', 'date', 'df', 'diff', 'dirname', 'dmesg', 'du', 'echo', 'env',
  'expr', 'false', 'find', 'free', 'grep', 'gunzip', 'gzip', 'head', 'hostname', 'id', 'ifconfig', 'ip', 'kill', 'less', 'ln',
  'ls', 'mkdir', 'more', 'mount', 'mv', 'nc', 'netstat', 'nslookup', 'ping', 'printf', 'ps', 'pwd', 'readlink', 'realpath', 'rm',
  'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sort', 'stat', 'sync', 'tail', 'tar', 'tee', 'test', 'timeout', 'top', 'touch', 'tr',
  'traceroute', 'true', 'tty', 'uname', 'uniq', 'unzip', 'uptime', 'vi', 'watch', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes',
] as const;

const DEBIAN_BASE = [
  'awk', 'basename', 'bash', 'cat', 'chmod', 'chown', 'cp', 'cut', 'dash', 'date', 'df', 'diff', 'dirname', 'dmesg', 'du', 'echo',
  'env', 'expr', 'false', 'find', 'grep', 'gunzip', 'gzip', 'head', 'hostname', 'id', 'kill', 'ln', 'ls', 'mkdir', 'more',
  'mount', 'mv', 'printf', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sort', 'stat', 'sync',
  'tail', 'tar', 'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'tty', 'uname', 'uniq', 'wc', 'which', 'whoami', 'xargs', 'yes',
  'apt', 'apt-get', 'dpkg',
] as const;

const ALPINE_BINS = [...BUSYBOX_APPLETS, 'apk'];
const NGINX_ALPINE_BINS = [...ALPINE_BINS, 'nginx', 'curl', 'envsubst'];
const NGINX_DEBIAN_BINS = [...DEBIAN_BASE, 'nginx', 'curl', 'envsubst'];
const UBUNTU_BINS = [...DEBIAN_BASE];
const RR_TEST_CURL_BINS = [...DEBIAN_BASE, 'curl'];
const WHOAMI_BINS = [...ALPINE_BINS, 'dotnet'];

// --- files -------------------------------------------------------------------------------------

const ALPINE_3_15_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.15.0
PRETTY_NAME="Alpine Linux v3.15"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://bugs.alpinelinux.org/"
`;

const ALPINE_3_21_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21.3
PRETTY_NAME="Alpine Linux v3.21"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const DEBIAN_12_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const UBUNTU_24_04_RELEASE = `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

const UBUNTU_16_04_RELEASE = `NAME="Ubuntu"
VERSION="16.04.7 LTS (Xenial Xerus)"
ID=ubuntu
ID_LIKE=debian
PRETTY_NAME="Ubuntu 16.04.7 LTS"
VERSION_ID="16.04"
HOME_URL="http://www.ubuntu.com/"
SUPPORT_URL="http://help.ubuntu.com/"
BUG_REPORT_URL="http://bugs.launchpad.net/ubuntu/"
VERSION_CODENAME=xenial
UBUNTU_CODENAME=xenial
`;

const PASSWD_BUSYBOX = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const PASSWD_DEBIAN = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

const NGINX_FILES_COMMON: Record<string, string> = {
  '/etc/nginx/nginx.conf': NGINX_CONF,
  '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
  '/usr/share/nginx/html/50x.html': NGINX_50X_HTML,
  '/var/log/nginx/access.log': '',
  '/var/log/nginx/error.log': '',
  '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n',
  '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n',
  '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n',
  '/docker-entrypoint.sh': '#!/bin/sh\n',
};

const HELLO_KIAMOL_FILES: Record<string, string> = {
  ...NGINX_FILES_COMMON,
  '/usr/share/nginx/html/index.html': HELLO_KIAMOL_HTML,
  '/etc/os-release': ALPINE_3_15_RELEASE,
  '/etc/alpine-release': '3.15.0\n',
  '/etc/passwd': PASSWD_BUSYBOX + 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n',
};

const NGINX_DEBIAN_FILES: Record<string, string> = {
  ...NGINX_FILES_COMMON,
  '/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n',
  '/usr/share/nginx/html/index.html': NGINX_WELCOME_HTML,
  '/etc/os-release': DEBIAN_12_RELEASE,
  '/etc/debian_version': '12.9\n',
  '/etc/passwd': PASSWD_DEBIAN + 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n',
};

const NGINX_ALPINE_FILES: Record<string, string> = {
  ...NGINX_FILES_COMMON,
  '/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n',
  '/usr/share/nginx/html/index.html': NGINX_WELCOME_HTML,
  '/etc/os-release': ALPINE_3_21_RELEASE,
  '/etc/alpine-release': '3.21.3\n',
  '/etc/passwd': PASSWD_BUSYBOX + 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n',
};

const UBUNTU_FILES: Record<string, string> = {
  '/etc/os-release': UBUNTU_24_04_RELEASE,
  '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.2 LTS"\n',
  '/etc/debian_version': 'trixie/sid\n',
  '/etc/passwd': PASSWD_DEBIAN + 'ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n',
  '/root/.bashrc': '# ~/.bashrc: executed by bash(1) for non-login shells.\n',
};

const RR_TEST_FILES: Record<string, string> = {
  '/etc/os-release': UBUNTU_16_04_RELEASE,
  '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=16.04\nDISTRIB_CODENAME=xenial\nDISTRIB_DESCRIPTION="Ubuntu 16.04.7 LTS"\n',
  '/etc/debian_version': 'stretch/sid\n',
  '/etc/passwd': PASSWD_DEBIAN,
  '/root/.bashrc': '# ~/.bashrc: executed by bash(1) for non-login shells.\n',
};

const BUSYBOX_FILES: Record<string, string> = {
  '/etc/passwd': PASSWD_BUSYBOX,
  '/etc/group': 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nnobody:x:65534:\n',
};

const ALPINE_FILES: Record<string, string> = {
  '/etc/os-release': ALPINE_3_21_RELEASE,
  '/etc/alpine-release': '3.21.3\n',
  '/etc/passwd': PASSWD_BUSYBOX,
};

const WHOAMI_FILES: Record<string, string> = {
  '/etc/os-release': ALPINE_3_15_RELEASE,
  '/etc/alpine-release': '3.15.0\n',
  '/etc/passwd': PASSWD_BUSYBOX,
  '/app/whoami.dll': '',
  '/app/whoami.runtimeconfig.json': '{\n  "runtimeOptions": {\n    "tfm": "net6.0",\n    "framework": {\n      "name": "Microsoft.AspNetCore.App",\n      "version": "6.0.0"\n    }\n  }\n}',
  '/app/appsettings.json': '{\n  "Logging": {\n    "LogLevel": {\n      "Default": "Information",\n      "Microsoft": "Warning",\n      "Microsoft.Hosting.Lifetime": "Information"\n    }\n  },\n  "AllowedHosts": "*"\n}\n',
};

// --- start-up logs -----------------------------------------------------------------------------

function nginxEntrypointLines(localResolvers: boolean): LogTemplate[] {
  const lines = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    ...(localResolvers ? ['/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'] : []),
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
  ];
  return lines.map((text, i) => ({ at: 2 + i * 3, stream: 'stdout' as const, text }));
}

function nginxStartup(version: string, builtBy: string, localResolvers: boolean): LogTemplate[] {
  return [
    ...nginxEntrypointLines(localResolvers),
    { at: 40, stream: 'stderr', text: '{time} [notice] 1#1: using the "epoll" event method' },
    { at: 40, stream: 'stderr', text: `{time} [notice] 1#1: nginx/${version}` },
    { at: 40, stream: 'stderr', text: `{time} [notice] 1#1: built by ${builtBy}` },
    { at: 40, stream: 'stderr', text: '{time} [notice] 1#1: OS: Linux {kernel}' },
    { at: 40, stream: 'stderr', text: '{time} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576' },
    { at: 41, stream: 'stderr', text: '{time} [notice] 1#1: start worker processes' },
    { at: 41, stream: 'stderr', text: '{time} [notice] 1#1: start worker process {pid}', perCpu: true },
  ];
}

/** nginx's graceful stop (the official image's STOPSIGNAL is SIGQUIT). */
const NGINX_SHUTDOWN: LogTemplate[] = [
  { at: 0, stream: 'stderr', text: '{time} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down' },
  { at: 1, stream: 'stderr', text: '{time} [notice] {pid}#{pid}: gracefully shutting down', perCpu: true },
  { at: 2, stream: 'stderr', text: '{time} [notice] {pid}#{pid}: exiting', perCpu: true },
  { at: 3, stream: 'stderr', text: '{time} [notice] {pid}#{pid}: exit', perCpu: true },
  { at: 5, stream: 'stderr', text: '{time} [notice] 1#1: signal 17 (SIGCHLD) received from {pid}', perCpu: true },
  { at: 5, stream: 'stderr', text: '{time} [notice] 1#1: worker process {pid} exited with code 0', perCpu: true },
  { at: 6, stream: 'stderr', text: '{time} [notice] 1#1: exit' },
];

const WHOAMI_STARTUP: LogTemplate[] = [
  { at: 620, stream: 'stdout', text: 'info: Microsoft.Hosting.Lifetime[14]' },
  { at: 620, stream: 'stdout', text: '      Now listening on: http://[::]:80' },
  { at: 624, stream: 'stdout', text: 'info: Microsoft.Hosting.Lifetime[0]' },
  { at: 624, stream: 'stdout', text: '      Application started. Press Ctrl+C to shut down.' },
  { at: 625, stream: 'stdout', text: 'info: Microsoft.Hosting.Lifetime[0]' },
  { at: 625, stream: 'stdout', text: '      Hosting environment: Production' },
  { at: 625, stream: 'stdout', text: 'info: Microsoft.Hosting.Lifetime[0]' },
  { at: 625, stream: 'stdout', text: '      Content root path: /app/' },
];

const WHOAMI_SHUTDOWN: LogTemplate[] = [
  { at: 0, stream: 'stdout', text: 'info: Microsoft.Hosting.Lifetime[0]' },
  { at: 0, stream: 'stdout', text: '      Application is shutting down...' },
];

// --- the catalogue -----------------------------------------------------------------------------

function nginxApp(version: string, builtBy: string, workerPid: number, localResolvers: boolean): AppSpec {
  return {
    kind: 'nginx',
    server: `nginx/${version}`,
    port: 80,
    listenMs: 41,
    root: '/usr/share/nginx/html',
    workerPid,
    startup: nginxStartup(version, builtBy, localResolvers),
    shutdown: NGINX_SHUTDOWN,
  };
}

const NGINX_ENTRY = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], workingDir: '/' };

/** Base entries by `<canonical repo>:<tag>`; other tags of these repositories derive from them. */
const BASE: Record<string, Omit<ImageEntry, 'tag'>> = {
  // kiamol ch02: FROM nginx:1.21-alpine + COPY html/ (sixeyed/kiamol ch02/docker-images/hello-kiamol)
  'docker.io/kiamol/ch02-hello-kiamol:latest': {
    repo: 'docker.io/kiamol/ch02-hello-kiamol',
    digest: 'f4165d27755978cffde4e5cc7187e8123d929d239409e108e760130d9e0d8f2f',
    id: '9d3e4a5c0bf1d4ef7ae1b87ddce1dc40ab4f5e7b9d0b1bbd1c28b0e3a8a0f6c2',
    size: 22009873,
    pullMs: 5358,
    repullMs: 1312,
    created: '2022-01-05T10:20:31Z',
    ...NGINX_ENTRY,
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.21.6', 'NJS_VERSION=0.7.2', 'PKG_RELEASE=1'],
    bins: NGINX_ALPINE_BINS,
    binDir: '/bin',
    shell: 'busybox',
    app: nginxApp('1.21.6', 'gcc 10.3.1 20211027 (Alpine 10.3.1_git20211027)', 32, false),
    files: HELLO_KIAMOL_FILES,
  },
  // kiamol ch02 lab: ASP.NET Core, GET / → "I'm <hostname> running on <OSDescription>"
  'docker.io/kiamol/ch02-whoami:latest': {
    repo: 'docker.io/kiamol/ch02-whoami',
    digest: '3b1c1fdeb8c8c1e5c4d40a1e1fe4ad8d3ed2b13a2b6ca6a7b1cd03f0dc2d0e59',
    id: '5f0d8b8ea6f4f0c3a7d0e1e2fd91a0a7c5cc3b2d8a4f1a73e20b9ff01c6d2a48',
    size: 97318431,
    pullMs: 9841,
    repullMs: 1278,
    created: '2022-01-05T10:24:12Z',
    entrypoint: ['dotnet', '/app/whoami.dll'],
    cmd: [],
    workingDir: '/app',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'ASPNETCORE_URLS=http://+:80', 'DOTNET_RUNNING_IN_CONTAINER=true', 'DOTNET_VERSION=6.0.1', 'ASPNET_VERSION=6.0.1'],
    bins: WHOAMI_BINS,
    binDir: '/bin',
    shell: 'busybox',
    app: { kind: 'whoami', port: 80, listenMs: 620, startup: WHOAMI_STARTUP, shutdown: WHOAMI_SHUTDOWN },
    files: WHOAMI_FILES,
  },
  // nginx mainline as of March 2025 (1.27.4, Debian bookworm): `latest`, `1.27`, `1`, `mainline`
  'docker.io/library/nginx:1.27.4': {
    repo: 'docker.io/library/nginx',
    digest: '124b44bfc9ccd1f3cedf4b592d4d1e8bddb78b51ec2ed5056c52d3692baebc19',
    id: 'b52e0b094bc0e26c9eddc9e4ab7a64ce0033c3360d8b7ad4ff4132c4e03e8f7b',
    size: 72223946,
    pullMs: 8127,
    repullMs: 1064,
    created: '2025-02-05T17:22:11Z',
    ...NGINX_ENTRY,
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.4', 'NJS_VERSION=0.8.9', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm'],
    bins: NGINX_DEBIAN_BINS,
    binDir: '/usr/bin',
    shell: 'bash',
    app: nginxApp('1.27.4', 'gcc 12.2.0 (Debian 12.2.0-14) ', 29, true),
    files: NGINX_DEBIAN_FILES,
  },
  'docker.io/library/nginx:1.27.4-alpine': {
    repo: 'docker.io/library/nginx',
    digest: '4ff102c5d78d254a6f0da062b3cf39eaf07f01eec0927fd21e219d0af8bc0591',
    id: '1ff4bb4faebcfb1f7e01144fa9904a570ab9bab88694457855feb6c6bba3fa07',
    size: 47944271,
    pullMs: 4216,
    repullMs: 1021,
    created: '2025-02-05T19:50:35Z',
    ...NGINX_ENTRY,
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.4', 'PKG_RELEASE=1', 'DYNPKG_RELEASE=1', 'NJS_VERSION=0.8.9', 'NJS_RELEASE=1'],
    bins: NGINX_ALPINE_BINS,
    binDir: '/bin',
    shell: 'busybox',
    app: nginxApp('1.27.4', 'gcc 14.2.0 (Alpine 14.2.0)', 30, true),
    files: NGINX_ALPINE_FILES,
  },
  'docker.io/library/ubuntu:24.04': {
    repo: 'docker.io/library/ubuntu',
    digest: '72297848456d5d37d1262630108ab308d3e9ec7ed1c3286a32fe09856619a782',
    id: 'a04dc4851cbcbb42b54d1f52a41f5f9eca6a5fd03748c3f6eb2cbeb238ca99bd',
    size: 78117760,
    pullMs: 4873,
    repullMs: 1105,
    created: '2025-02-04T04:24:03Z',
    entrypoint: [],
    cmd: ['/bin/bash'],
    workingDir: '/',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    bins: UBUNTU_BINS,
    binDir: '/usr/bin',
    shell: 'bash',
    files: UBUNTU_FILES,
  },
  'docker.io/library/busybox:1.37.0': {
    repo: 'docker.io/library/busybox',
    digest: '37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f',
    id: '31311c5853a22c04d692f6581b4faa25771d915c1ba056c74e5ec9e0ca4d1b21',
    size: 4269694,
    pullMs: 2413,
    repullMs: 982,
    created: '2024-09-26T21:31:42Z',
    entrypoint: [],
    cmd: ['sh'],
    workingDir: '/',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    bins: BUSYBOX_APPLETS,
    binDir: '/bin',
    shell: 'busybox',
    files: BUSYBOX_FILES,
  },
  'docker.io/library/alpine:3.21.3': {
    repo: 'docker.io/library/alpine',
    digest: 'a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
    id: 'aded1e1a5b3705116fa0a92ba074a5e0b0031647d9c315983ccba2ee5428ec8b',
    size: 7834688,
    pullMs: 2671,
    repullMs: 1003,
    created: '2025-02-14T03:28:36Z',
    entrypoint: [],
    cmd: ['/bin/sh'],
    workingDir: '/',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    bins: ALPINE_BINS,
    binDir: '/bin',
    shell: 'busybox',
    files: ALPINE_FILES,
  },
  // 『시작하세요! 도커/쿠버네티스』 ch06 sidecar: Ubuntu with curl; runs `tail -f /dev/null` there
  'docker.io/alicek106/rr-test:curl': {
    repo: 'docker.io/alicek106/rr-test',
    digest: 'b7c6b1b3e4a4bd2e5f40e7d7e6d3a4c16f2c2b2ab4e5f1c7d89a1e0d2f3c4b5a',
    id: 'e1b5d5e8f8d53c7ad6a0e1f0a3b8d0f1b9a6b0c2f3d4e5f6a7b8c9d0e1f2a3b4',
    size: 159915306,
    pullMs: 14206,
    repullMs: 1187,
    created: '2018-12-03T08:12:45Z',
    entrypoint: [],
    cmd: ['/bin/bash'],
    workingDir: '/',
    env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    bins: RR_TEST_CURL_BINS,
    binDir: '/usr/bin',
    shell: 'bash',
    files: RR_TEST_FILES,
  },
};

/** Which tags of a known repository exist, and which base entry each derives from. */
interface RepoTags {
  base: (tag: string) => string | undefined;
}

const NGINX_VERSION = /^1(\.(\d{1,2})(\.(\d{1,2}))?)?$/;

function nginxBase(tag: string): string | undefined {
  const alpine = /-alpine(-slim|-perl|3\.\d+)?$/.test(tag) || tag === 'alpine' || tag === 'alpine-slim' || tag === 'alpine-perl' || tag === 'stable-alpine' || tag === 'mainline-alpine';
  const core = tag.replace(/-(alpine(-slim|-perl)?|bookworm|perl|otel)$/, '');
  const named = ['latest', 'mainline', 'stable', 'alpine', 'alpine-slim', 'alpine-perl', 'bookworm', 'perl'];
  let ok = named.includes(core);
  const m = NGINX_VERSION.exec(core);
  if (m) {
    const minor = m[2] === undefined ? 27 : Number(m[2]);
    const patch = m[4] === undefined ? 0 : Number(m[4]);
    ok = minor <= 27 && minor >= 0 && (minor < 27 || patch <= 4) && patch <= 26;
  }
  if (!ok) return undefined;
  return alpine ? 'docker.io/library/nginx:1.27.4-alpine' : 'docker.io/library/nginx:1.27.4';
}

const REPOS: Record<string, RepoTags> = {
  'docker.io/kiamol/ch02-hello-kiamol': {
    base: (t) => (['latest', 'latest-linux-amd64', 'latest-linux-arm64'].includes(t) ? 'docker.io/kiamol/ch02-hello-kiamol:latest' : undefined),
  },
  'docker.io/kiamol/ch02-whoami': {
    base: (t) => (['latest', 'latest-linux-amd64', 'latest-linux-arm64'].includes(t) ? 'docker.io/kiamol/ch02-whoami:latest' : undefined),
  },
  'docker.io/library/nginx': { base: nginxBase },
  'docker.io/library/ubuntu': {
    base: (t) =>
      /^(latest|rolling|devel|noble|jammy|focal|bionic|xenial|trusty|oracular|2[0-4]\.(04|10)(\.\d)?|1[4-8]\.04(\.\d)?)$/.test(t) ||
      /^(noble|jammy|focal)-\d{8}$/.test(t)
        ? 'docker.io/library/ubuntu:24.04'
        : undefined,
  },
  'docker.io/library/busybox': {
    base: (t) => (/^(latest|stable|unstable|musl|glibc|uclibc|1(\.(2\d|3[0-7])(\.\d)?)?(-(musl|glibc|uclibc))?)$/.test(t) ? 'docker.io/library/busybox:1.37.0' : undefined),
  },
  'docker.io/library/alpine': {
    base: (t) => (/^(latest|edge|3(\.(1?\d|2[01])(\.\d{1,2})?)?)$/.test(t) ? 'docker.io/library/alpine:3.21.3' : undefined),
  },
  'docker.io/alicek106/rr-test': {
    base: (t) => (t === 'curl' ? 'docker.io/alicek106/rr-test:curl' : undefined),
  },
};

/** A deterministic 64-hex string for derived digests (looks like sha256, is FNV-1a based). */
export function hex64(seed: string): string {
  let out = '';
  for (let round = 0; round < 8; round++) {
    let h = (0x811c9dc5 ^ (round * 0x9e3779b9)) >>> 0;
    const s = `${round}:${seed}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = (h ^ (h >>> 15)) >>> 0;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

const cache = new Map<string, ImageEntry>();

const lookups = new Map<string, LookupResult>();

/** Looks an image up: an entry, or why a pull of it fails. */
export function lookupImage(image: string): LookupResult {
  let r = lookups.get(image);
  if (!r) {
    r = lookupUncached(image);
    if (lookups.size > 10_000) lookups.clear();
    lookups.set(image, r);
  }
  return r;
}

function lookupUncached(image: string): LookupResult {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return { ok: false, kind: 'invalid', error: parsed.error };
  const ref = parsed.ref;
  const repo = canonicalRepo(ref);
  const known = REPOS[repo];
  if (!known) return { ok: false, kind: 'repository', error: '', ref };
  if (ref.digest) {
    // pulling by digest: only digests we know exist
    for (const [key, base] of Object.entries(BASE)) {
      if (base.repo === repo && base.digest === ref.digest.slice('sha256:'.length)) {
        return { ok: true, image: entryFor(key + '@', base, ref.tag ?? key.slice(key.lastIndexOf(':') + 1)) };
      }
    }
    return { ok: false, kind: 'tag', error: '', ref };
  }
  const tag = ref.tag ?? 'latest';
  const baseKey = known.base(tag);
  if (!baseKey) return { ok: false, kind: 'tag', error: '', ref };
  return { ok: true, image: entryFor(`${repo}:${tag}`, BASE[baseKey], tag, baseKey) };
}

function entryFor(key: string, base: Omit<ImageEntry, 'tag'>, tag: string, baseKey?: string): ImageEntry {
  let e = cache.get(key);
  if (e) return e;
  const exact = baseKey === undefined || baseKey.endsWith(`:${tag}`) || baseTags(base.repo, baseKey).includes(tag);
  e = exact
    ? { ...base, tag }
    : {
        ...base,
        tag,
        // another version of the same image: its own digest and id, a slightly different size
        digest: hex64(`digest ${key}`),
        id: hex64(`id ${key}`),
        size: base.size + (parseInt(hex64(key).slice(0, 6), 16) % 4_000_000) - 2_000_000,
      };
  if (!exact && e.app?.kind === 'nginx') {
    const version = nginxVersionOf(tag);
    if (version) e.app = { ...e.app, server: `nginx/${version}`, startup: e.app.startup.map((l) => ({ ...l, text: l.text.replace(/nginx\/1\.27\.4/, `nginx/${version}`) })) };
  }
  cache.set(key, e);
  return e;
}

/** The last patch release of each nginx minor line, for tags like `1.25`. */
const NGINX_LAST_PATCH: Record<number, number> = { 14: 2, 15: 12, 16: 1, 17: 10, 18: 0, 19: 10, 20: 2, 21: 6, 22: 1, 23: 4, 24: 0, 25: 5, 26: 3, 27: 4 };

function nginxVersionOf(tag: string): string | undefined {
  const m = /^1\.(\d{1,2})(?:\.(\d{1,2}))?(?:-|$)/.exec(tag);
  if (!m) return tag.startsWith('stable') ? '1.26.3' : undefined;
  const minor = Number(m[1]);
  const patch = m[2] !== undefined ? Number(m[2]) : NGINX_LAST_PATCH[minor] ?? 0;
  return `1.${minor}.${patch}`;
}

/** The tags that are the very same image as a base entry (same digest). */
function baseTags(repo: string, baseKey: string | undefined): string[] {
  switch (baseKey) {
    case 'docker.io/library/nginx:1.27.4':
      return ['latest', '1.27.4', '1.27', '1', 'mainline', 'bookworm', '1.27.4-bookworm', '1.27-bookworm', 'mainline-bookworm', '1-bookworm'];
    case 'docker.io/library/nginx:1.27.4-alpine':
      return ['alpine', '1.27.4-alpine', '1.27-alpine', '1-alpine', 'mainline-alpine', 'alpine3.21', '1.27-alpine3.21', '1.27.4-alpine3.21'];
    case 'docker.io/library/ubuntu:24.04':
      return ['latest', '24.04', 'noble', 'noble-20250127'];
    case 'docker.io/library/busybox:1.37.0':
      return ['latest', '1.37.0', '1.37', '1', 'stable', 'musl', '1.37.0-musl', '1.37-musl'];
    case 'docker.io/library/alpine:3.21.3':
      return ['latest', '3.21.3', '3.21', '3'];
    default:
      return repo ? [] : [];
  }
}

/**
 * Why a pull fails, worded as the runtime words it (kubelet `Failed to pull image "x": <this>`).
 * Docker Engine (cri-dockerd) and containerd differ; both come through CRI as gRPC errors.
 */
export function pullError(image: string, runtime: 'docker' | 'containerd', kind: 'repository' | 'tag', ref: ImageRef): string {
  if (runtime === 'docker') {
    if (kind === 'repository') {
      return `rpc error: code = Unknown desc = Error response from daemon: pull access denied for ${familiarRepo(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
    }
    return `rpc error: code = Unknown desc = Error response from daemon: manifest for ${familiarName(ref)} not found: manifest unknown: manifest unknown`;
  }
  const name = canonicalName(ref);
  if (kind === 'repository') {
    return `rpc error: code = Unknown desc = failed to pull and unpack image ${JSON.stringify(name)}: failed to resolve reference ${JSON.stringify(name)}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  return `rpc error: code = NotFound desc = failed to pull and unpack image ${JSON.stringify(name)}: failed to resolve reference ${JSON.stringify(name)}: ${name}: not found`;
}

/** How long a failing pull takes before the registry says no. */
export const FAILED_PULL_MS = { repository: 1843, tag: 1268 } as const;

/** The pod sandbox ("pause") image of a 1.32 node. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

/** Images every node already has (the control plane's), for the Node's status.images. */
export const SYSTEM_IMAGES: readonly { name: string; digest: string; size: number }[] = [
  { name: 'registry.k8s.io/etcd:3.5.16-0', digest: 'c6a9d11cc5c04b114ccdef39a9265eeef818e3d02f5359be035ae784097fdec5', size: 149895664 },
  { name: 'registry.k8s.io/kube-apiserver:v1.32.2', digest: 'c47449f3e751588ea0cb74e325e0f83db335a415f4f4c7fb147375dd6c84757f', size: 97003008 },
  { name: 'registry.k8s.io/kube-controller-manager:v1.32.2', digest: '399aa50f4d1361c59dc458e634506d02de32613d03a9a614a21058741162ef90', size: 89614123 },
  { name: 'registry.k8s.io/kube-proxy:v1.32.2', digest: '83c025f0faa6799fab6645102a98138e39a9a7db2be3bc792c79d72659b1805d', size: 94047539 },
  { name: 'registry.k8s.io/kube-scheduler:v1.32.2', digest: '45710d74cfd5aa10a001d0cf81747b77c28617444ffee0503d12f1dcd7450f76', size: 69628640 },
  { name: 'registry.k8s.io/coredns/coredns:v1.11.3', digest: '9caabbf6238b189a65d0d6e6ac138de60d6a1c419e5a341fbbb7c78382559c6e', size: 61812203 },
  { name: 'docker/desktop-storage-provisioner:v2.0', digest: '115d77efe6e2b0cc5d1bc4f3f2d1ec7d1aa6e0d3dbe87b1ab2feda11d9fbfb19', size: 41862405 },
  { name: 'docker/desktop-vpnkit-controller:dc331cb22850be0cdd97c84a9cfecaf44a1afb6e', digest: '6ac26185aa2a3d37a9aa3c9c99ae2a0bff1bb36e37f35e44b3fbe3b0d28bb51c', size: 36165436 },
  { name: PAUSE_IMAGE, digest: 'ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a', size: 736255 },
];

// ---------------------------------------------------------------------------------------------
// The main process: what the container's command does

/** A line a process writes; `{hostname}` and `{date}` are filled in when logs are read. */
export interface OutputLine {
  /** ms after the process started */
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export type Process =
  /** the image's own server (nginx, the whoami app): serves, logs, stops cleanly on SIGTERM/SIGQUIT */
  | { kind: 'app'; argv: string[]; app: AppSpec }
  /**
   * anything else: writes `output`, then exits with `exitCode` after `exitAfterMs`, or runs
   * forever (null). `repeat` lines recur every `periodMs` from `repeatFrom` on (a `while` loop).
   * As PID 1 without signal handlers (sleep, tail, a shell) it ignores SIGTERM, so stopping it
   * takes the whole grace period.
   */
  | {
      kind: 'run';
      argv: string[];
      output: OutputLine[];
      exitCode: number;
      exitAfterMs: number | null;
      repeat?: { periodMs: number; from: number; lines: OutputLine[] };
      ignoresTerm: boolean;
    }
  /** the executable is not in the image: the runtime cannot start the container */
  | { kind: 'missing'; argv: string[]; binary: string };

export interface ProcessOptions {
  /** `stdin: true` keeps a shell reading (kubectl run -i); `tty` as kubectl run -t */
  stdin?: boolean;
  tty?: boolean;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
const PATH_DIRS = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** Does the image have this program (by name or absolute path)? */
export function hasProgram(image: ImageEntry, name: string): boolean {
  if (name.includes('/')) {
    if (image.files[name] !== undefined) return true;
    const slash = name.lastIndexOf('/');
    const dir = name.slice(0, slash) || '/';
    return PATH_DIRS.includes(dir) && image.bins.includes(name.slice(slash + 1));
  }
  return image.bins.includes(name);
}

/** The command line a container runs: command+args override the image's entrypoint+cmd. */
export function containerArgv(image: ImageEntry, command?: string[], args?: string[]): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  return [...image.entrypoint, ...(args && args.length ? args : image.cmd)];
}

/** A process that runs and exits (by default at once, with 0, ignoring SIGTERM). */
function runProcess(argv: string[], p: Partial<Extract<Process, { kind: 'run' }>>): Process {
  return { kind: 'run', argv, output: [], exitCode: 0, exitAfterMs: 0, ignoresTerm: true, ...p };
}

/** What a container's main process will do. */
export function resolveProcess(image: ImageEntry, command?: string[], args?: string[], opts: ProcessOptions = {}): Process {
  const argv = containerArgv(image, command, args);
  if (!argv.length) return { kind: 'missing', argv, binary: '' };
  const bin = argv[0];
  if (!hasProgram(image, bin)) return { kind: 'missing', argv, binary: bin };
  const name = bin.slice(bin.lastIndexOf('/') + 1);
  if (image.app) {
    const isOwn =
      (image.app.kind === 'nginx' && (name === 'docker-entrypoint.sh' || name === 'nginx') && !argv.includes('-v') && !argv.includes('-t')) ||
      (image.app.kind === 'whoami' && name === 'dotnet' && argv[1] === image.entrypoint[1]);
    if (isOwn) return { kind: 'app', argv, app: image.app };
    if (name === 'docker-entrypoint.sh' && argv.length > 1) return resolveProcess(image, argv.slice(1), [], opts);
  }
  if (SHELLS.has(name)) {
    const c = argv.indexOf('-c');
    if (c < 0 || c === argv.length - 1) {
      // an interactive shell with no terminal and no stdin reads EOF and exits 0 at once
      return opts.stdin ? runProcess(argv, { exitAfterMs: null }) : runProcess(argv, { exitAfterMs: 5 });
    }
    return runScript(image, name === 'bash' ? 'bash' : image.shell === 'bash' ? 'dash' : 'ash', argv[c + 1], argv);
  }
  return runSimple(image, argv, 'ash') ?? runProcess(argv, { exitAfterMs: null });
}

interface ScriptState {
  t: number;
  output: OutputLine[];
  code: number;
  forever: boolean;
  exited: boolean;
  repeat?: { periodMs: number; from: number; lines: OutputLine[] };
}

type Flavour = 'ash' | 'dash' | 'bash';

function notFound(flavour: Flavour, cmd: string): string {
  if (flavour === 'bash') return `bash: line 1: ${cmd}: command not found`;
  if (flavour === 'dash') return `sh: 1: ${cmd}: not found`;
  return `sh: ${cmd}: not found`;
}

/** busybox/coreutils `sleep` arguments: `5`, `0.5`, `1m`, `2h`, `infinity` (ms, or null = forever). */
function sleepMs(args: string[]): number | null | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return null;
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    total += Number(m[1]) * mult * 1000;
  }
  return Math.round(total);
}

/** One simple command outside a shell (the container's argv itself). */
function runSimple(image: ImageEntry, argv: string[], flavour: Flavour): Process | undefined {
  const st: ScriptState = { t: 0, output: [], code: 0, forever: false, exited: false };
  if (!execCommand(image, flavour, argv, st, false)) return undefined;
  return finish(argv, st);
}

function finish(argv: string[], st: ScriptState): Process {
  return {
    kind: 'run',
    argv,
    output: st.output,
    exitCode: st.code,
    exitAfterMs: st.forever ? null : st.t + 5,
    repeat: st.repeat,
    ignoresTerm: true,
  };
}

/** Runs one command into the state; false when it is a program whose behaviour is unknown. */
function execCommand(image: ImageEntry, flavour: Flavour, words: string[], st: ScriptState, inShell: boolean): boolean {
  const [cmd, ...args] = words;
  const name = cmd.slice(cmd.lastIndexOf('/') + 1);
  const out = (text: string, stream: 'stdout' | 'stderr' = 'stdout') => st.output.push({ at: st.t, stream, text });
  switch (name) {
    case 'echo': {
      let a = args;
      while (a[0] === '-n' || a[0] === '-e' || a[0] === '-ne' || a[0] === '-en') a = a.slice(1);
      for (const line of a.join(' ').split('\n')) out(line);
      st.code = 0;
      return true;
    }
    case 'printf': {
      const text = (args[0] ?? '').replace(/\\n/g, '\n').replace(/%s/g, () => args[1] ?? '');
      for (const line of text.replace(/\n$/, '').split('\n')) out(line);
      st.code = 0;
      return true;
    }
    case 'sleep': {
      const ms = sleepMs(args);
      if (ms === undefined) {
        out(`sleep: invalid number '${args[0] ?? ''}'`, 'stderr');
        st.code = 1;
      } else if (ms === null) {
        st.forever = true;
      } else {
        st.t += ms;
        st.code = 0;
      }
      return true;
    }
    case 'tail':
      if (args.includes('-f') || args.includes('-F') || args.includes('--follow')) st.forever = true;
      st.code = 0;
      return true;
    case 'true':
    case ':':
      st.code = 0;
      return true;
    case 'false':
      st.code = 1;
      return true;
    case 'exit':
      st.code = args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) & 255 : st.code;
      st.exited = true;
      return true;
    case 'hostname':
      out('{hostname}');
      st.code = 0;
      return true;
    case 'date':
      out('{date}');
      st.code = 0;
      return true;
    case 'cat':
    case 'wc':
    case 'read':
      // no stdin: EOF at once
      st.code = 0;
      return true;
    default:
      if (inShell && !hasProgram(image, cmd) && !['cd', 'export', 'set', 'trap', 'wait', 'kill', 'unset', 'shift', 'test', '['].includes(name)) {
        out(notFound(flavour, cmd), 'stderr');
        st.code = 127;
        return true;
      }
      if (['yes', 'top', 'ping', 'watch', 'nc', 'nginx', 'dotnet', 'httpd', 'python', 'python3', 'node'].includes(name)) {
        st.forever = true;
        return true;
      }
      if (!inShell) return false;
      st.code = 0;
      return true;
  }
}

/** Splits a shell script into words and the operators between commands. */
function tokenize(script: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let has = false;
  const push = () => {
    if (has) tokens.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'") {
      const j = script.indexOf("'", i + 1);
      cur += script.slice(i + 1, j < 0 ? script.length : j);
      has = true;
      i = j < 0 ? script.length : j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < script.length) {
          cur += script[j + 1];
          j += 2;
        } else cur += script[j++];
      }
      has = true;
      i = j;
    } else if (c === ' ' || c === '\t') {
      push();
    } else if (c === ';' || c === '\n') {
      push();
      tokens.push(';');
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      push();
      tokens.push(c + c);
      i++;
    } else if (c === '&' || c === '|') {
      push();
      tokens.push(c === '&' ? ';' : '|');
    } else if (c === '#' && !has) {
      while (i < script.length && script[i] !== '\n') i++;
      i--;
    } else {
      cur += c;
      has = true;
    }
  }
  push();
  return tokens.map((t) => t.replace(/\$\(hostname\)|`hostname`|\$\{?HOSTNAME\}?/g, '{hostname}').replace(/\$\(date\)|`date`/g, '{date}'));
}

/** `sh -c '<script>'`: enough of a shell for the scripts study notes run in containers. */
function runScript(image: ImageEntry, flavour: Flavour, script: string, argv: string[]): Process {
  const st: ScriptState = { t: 0, output: [], code: 0, forever: false, exited: false };
  runTokens(image, flavour, tokenize(script), st, {});
  return finish(argv, st);
}

function runTokens(image: ImageEntry, flavour: Flavour, tokens: string[], st: ScriptState, vars: Record<string, string>): void {
  let i = 0;
  let skip = false;
  while (i < tokens.length && !st.exited && !st.forever) {
    const t = tokens[i];
    if (t === ';') {
      skip = false;
      i++;
      continue;
    }
    if (t === '&&' || t === '||') {
      skip = t === '&&' ? st.code !== 0 : st.code === 0;
      i++;
      continue;
    }
    if (t === 'while' || t === 'until' || t === 'for') {
      const doAt = tokens.indexOf('do', i);
      const doneAt = lastMatching(tokens, doAt);
      if (doAt < 0 || doneAt < 0) {
        st.output.push({ at: st.t, stream: 'stderr', text: `${flavour === 'bash' ? 'bash: -c: line 1' : 'sh'}: syntax error: unexpected end of file` });
        st.code = 2;
        st.exited = true;
        return;
      }
      const body = tokens.slice(doAt + 1, doneAt);
      if (t === 'for') {
        const varName = tokens[i + 1];
        const inAt = tokens.indexOf('in', i);
        const items = inAt >= 0 && inAt < doAt ? tokens.slice(inAt + 1, doAt).filter((x) => x !== ';') : [];
        if (!skip) {
          for (const item of items) {
            runTokens(image, flavour, body.map((w) => w.replace(new RegExp(`\\$\\{?${varName}\\}?`, 'g'), item)), st, vars);
            if (st.exited || st.forever) break;
          }
        }
      } else if (!skip) {
        // `while true`, `while :`, `until false` loop for ever; their bodies repeat in the log
        const cond = tokens.slice(i + 1, doAt).filter((x) => x !== ';').join(' ');
        const endless = (t === 'while' && (cond === 'true' || cond === ':' || cond === '[ 1 ]')) || (t === 'until' && cond === 'false');
        if (endless) {
          const probe: ScriptState = { t: 0, output: [], code: 0, forever: false, exited: false };
          runTokens(image, flavour, body, probe, vars);
          if (probe.exited) {
            for (const l of probe.output) st.output.push({ ...l, at: st.t + l.at });
            st.t += probe.t;
            st.code = probe.code;
            st.exited = true;
            return;
          }
          if (probe.t > 0 && !probe.forever) st.repeat = { periodMs: probe.t, from: st.t, lines: probe.output };
          else if (!probe.forever && probe.output.length) st.repeat = { periodMs: 1, from: st.t, lines: probe.output.slice(0, 1) };
          st.forever = true;
          return;
        }
      }
      i = doneAt + 1;
      continue;
    }
    // a simple command up to the next operator
    let j = i;
    while (j < tokens.length && tokens[j] !== ';' && tokens[j] !== '&&' && tokens[j] !== '||') j++;
    // a pipeline runs as its first command (what reaches the log is close enough)
    const seg = tokens.slice(i, j);
    const bar = seg.indexOf('|');
    const words = bar >= 0 ? seg.slice(0, bar) : seg;
    i = j;
    if (skip || !words.length) continue;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const eq = words[0].indexOf('=');
      vars[words[0].slice(0, eq)] = words[0].slice(eq + 1);
      words.shift();
      if (!words.length) continue;
    }
    const expanded = words.map((w) => w.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, v: string) => vars[v] ?? ''));
    execCommand(image, flavour, expanded, st, true);
  }
}

/** The index of the `done` that closes the `do` at `doAt`. */
function lastMatching(tokens: string[], doAt: number): number {
  if (doAt < 0) return -1;
  let depth = 0;
  for (let k = doAt; k < tokens.length; k++) {
    if (tokens[k] === 'do') depth++;
    else if (tokens[k] === 'done') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}
