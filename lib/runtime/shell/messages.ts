// What the session prints, in Korean and English, where the simulator deliberately stops: a
// command it does not imitate, and an address outside the simulated machine. No real shell and
// no real network request ever runs on a learner's behalf.

/** A command (or a docker subcommand) the session does not imitate; exit status 127. */
export function notRunMessage(command: string): string {
  return (
    `podbook: '${command}' 명령은 이 시뮬레이터에서 실행되지 않습니다. kubectl과 노트에 나오는 몇 가지 명령` +
    '(docker container ls/rm/logs, curl, wget, cat, ls, cd, mkdir, echo, sleep, head, grep, wc …)만 흉내 냅니다. ' +
    `(The simulator does not run '${command}': it imitates kubectl and the few shell commands the notes use.)\n`
  );
}

/** curl/wget of an address other than localhost. */
export function externalUrlMessage(tool: string, url: string): string {
  return (
    `${tool}: 시뮬레이터는 외부 주소(${url})에 접속하지 않습니다. kubectl port-forward로 연 localhost 포트만 열 수 있습니다. ` +
    `(The simulator does not reach outside addresses such as ${url}; only localhost ports opened with kubectl port-forward answer.)\n`
  );
}

/** docker on a backend without the simulated container runtime (a sandbox cluster). */
export function noDockerMessage(): string {
  return (
    'docker: 이 세션의 클러스터에서는 컨테이너 런타임을 직접 볼 수 없습니다 (시뮬레이션 클러스터에서만 docker 명령을 흉내 냅니다). ' +
    "(docker: this session's cluster does not expose its container runtime; docker is imitated on the simulated cluster only.)\n"
  );
}
