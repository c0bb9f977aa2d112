// The chapter-2 manifests of kiamol ("Learn Kubernetes in a Month of Lunches"; Korean edition
// 『쿠버네티스 교과서』) that the book applies straight from GitHub, e.g.
// `kubectl apply -f https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml`.
// Podbook never fetches: these URLs map to bundled copies, byte for byte (sixeyed/kiamol @
// 0fa03a5 uses CRLF line endings; gilbutITbook/kiamol @ 853dd4f has the same text with LF).
// Any other URL is refused with a Korean + English message.

/** sixeyed/kiamol `ch02/pod.yaml` (CRLF). */
export const KIAMOL_POD =
  'apiVersion: v1\r\n' +
  'kind: Pod\r\n' +
  'metadata:\r\n' +
  '  name: hello-kiamol-3\r\n' +
  'spec:\r\n' +
  '  containers:\r\n' +
  '    - name: web\r\n' +
  '      image: kiamol/ch02-hello-kiamol\r\n';

/** sixeyed/kiamol `ch02/deployment.yaml` (CRLF). */
export const KIAMOL_DEPLOYMENT =
  'apiVersion: apps/v1\r\n' +
  'kind: Deployment\r\n' +
  'metadata:\r\n' +
  '  name: hello-kiamol-4\r\n' +
  'spec:\r\n' +
  '  selector:\r\n' +
  '    matchLabels:\r\n' +
  '      app: hello-kiamol-4\r\n' +
  '  template:\r\n' +
  '    metadata:\r\n' +
  '      labels:\r\n' +
  '        app: hello-kiamol-4\r\n' +
  '    spec:\r\n' +
  '      containers:\r\n' +
  '        - name: web\r\n' +
  '          image: kiamol/ch02-hello-kiamol\r\n';

/** sixeyed/kiamol `ch02/lab/pod.yaml` (CRLF). */
export const KIAMOL_LAB_POD =
  'apiVersion: v1\r\n' +
  'kind: Pod\r\n' +
  'metadata:\r\n' +
  '  name: whoami-1\r\n' +
  'spec:\r\n' +
  '  containers:\r\n' +
  '    - name: web\r\n' +
  '      image: kiamol/ch02-whoami\r\n';

/** sixeyed/kiamol `ch02/lab/solution/deployment.yaml` (CRLF). */
export const KIAMOL_LAB_SOLUTION_DEPLOYMENT =
  'apiVersion: apps/v1\r\n' +
  'kind: Deployment\r\n' +
  'metadata:\r\n' +
  '  name: whoami\r\n' +
  '  labels:\r\n' +
  '    app: whoami\r\n' +
  '    version: ch02\r\n' +
  'spec:\r\n' +
  '  selector:\r\n' +
  '    matchLabels:\r\n' +
  '      app: whoami\r\n' +
  '      version: ch02\r\n' +
  '  template:\r\n' +
  '    metadata:\r\n' +
  '      labels:\r\n' +
  '        app: whoami\r\n' +
  '        version: ch02\r\n' +
  '    spec:\r\n' +
  '      containers:\r\n' +
  '        - name: web\r\n' +
  '          image: kiamol/ch02-whoami\r\n';

const crlfToLf = (s: string): string => s.replace(/\r\n/g, '\n');

const CH02: Readonly<Record<string, string>> = {
  'ch02/pod.yaml': KIAMOL_POD,
  'ch02/deployment.yaml': KIAMOL_DEPLOYMENT,
  'ch02/lab/pod.yaml': KIAMOL_LAB_POD,
  'ch02/lab/solution/deployment.yaml': KIAMOL_LAB_SOLUTION_DEPLOYMENT,
};

/** The repositories whose raw files Podbook bundles, with the line endings each one uses. */
const REPOS: readonly { owner: string; crlf: boolean }[] = [
  { owner: 'sixeyed/kiamol', crlf: true },
  { owner: 'gilbutITbook/kiamol', crlf: false },
];

/** The bundled manifests by URL (raw.githubusercontent.com, branch master or main). */
export const BUNDLED_MANIFESTS: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  for (const repo of REPOS) {
    for (const branch of ['master', 'main', 'refs/heads/master', 'refs/heads/main']) {
      for (const [path, text] of Object.entries(CH02)) {
        out[`https://raw.githubusercontent.com/${repo.owner}/${branch}/${path}`] = repo.crlf ? text : crlfToLf(text);
      }
    }
  }
  return out;
})();

/** Whether kubectl would treat a -f argument as a URL (resource.Builder: http:// or https://). */
export function isUrl(path: string): boolean {
  return path.startsWith('http://') || path.startsWith('https://');
}

/** The bundled text for a URL (case-sensitive, as GitHub paths are), or undefined. */
export function bundledManifest(url: string): string | undefined {
  return BUNDLED_MANIFESTS[url];
}

/** What Podbook prints for a URL it has no copy of (it never downloads). */
export function urlRefusedMessage(url: string): string {
  return (
    `error: Podbook은 인터넷에서 매니페스트를 내려받지 않습니다: ${url}\n` +
    '책의 2장 예제(sixeyed/kiamol, gilbutITbook/kiamol의 ch02 파일)만 내장되어 있습니다. 파일 내용을 노트북의 YAML 셀에 붙여 넣고 그 셀을 적용하세요.\n' +
    `error: Podbook does not download manifests from the internet: ${url}\n` +
    "Only the book's chapter-2 files (ch02 of sixeyed/kiamol and gilbutITbook/kiamol) are bundled. Paste the manifest into a YAML cell of the notebook and apply that cell instead.\n"
  );
}
