// The `podbook` command: a small dispatcher. Each subcommand lives in its own module under
// bin/commands/ and calls lib/* public entry points.
import { readFileSync } from 'node:fs';
import { shellCommand } from './commands/shell';
import { clusterCommand } from './commands/cluster';
import { buildCommand, gradeCommand, runCommand } from './commands/notebooks';
import { importCommand } from './commands/import';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CommandSpec {
  name: string;
  args: string;
  ko: string;
  en: string;
  /** Runs the command; returns the process exit code. */
  run: (argv: string[], io: CliIO) => Promise<number> | number;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;

export const COMMANDS: CommandSpec[] = [
  {
    name: 'shell',
    args: '[--seed N] [--transcript] [--kubeconfig FILE [--context C]]',
    ko: '시뮬레이션 클러스터(또는 --kubeconfig의 실제 클러스터)에 붙은 kubectl 셸을 엽니다 (표준 입력이 파일이면 한 줄씩 실행)',
    en: 'open a kubectl shell on the simulated cluster, or a real one with --kubeconfig (runs standard input line by line)',
    run: (argv, io) => shellCommand(argv, io),
  },
  {
    name: 'run',
    args: '<notebook> [--backend sim|sandbox] [--kubeconfig F] [--out F]',
    ko: '노트북의 셀을 차례로 실행하고 출력을 보여 줍니다',
    en: "run a notebook's cells in order and print their outputs",
    run: (argv, io) => runCommand(argv, io),
  },
  {
    name: 'build',
    args: '[chapter...] [--check]',
    ko: 'content/의 노트를 실행해 출력이 담긴 notebooks/*.ipynb를 만듭니다',
    en: 'build notebooks/*.ipynb with captured outputs from content/',
    run: (argv, io) => buildCommand(argv, io),
  },
  {
    name: 'import',
    args: '<note.md>',
    ko: '마크다운 스터디 노트를 노트북 셀로 변환합니다',
    en: 'convert a markdown study note into notebook cells',
    run: (argv, io) => importCommand(argv, io),
  },
  {
    name: 'cluster',
    args: '[--port N] [--kubeconfig FILE] [--seed N] [--learner NS]...',
    ko: '시뮬레이션 클러스터를 쿠버네티스 API 서버로 띄웁니다 (kubeconfig 제공)',
    en: 'serve the simulated cluster as a Kubernetes API server (with a kubeconfig)',
    run: (argv, io) => clusterCommand(argv, io),
  },
  {
    name: 'grade',
    args: '<notebook|answers.json> [--exercise ID] [--solution]',
    ko: '퀴즈와 실습을 채점합니다',
    en: 'grade quizzes and exercises',
    run: (argv, io) => gradeCommand(argv, io),
  },
];

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}


export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.args}`.trim().length));
  const lines = [
    'podbook — 쿠버네티스 스터디 노트북 / Kubernetes study notebooks',
    '',
    '사용법 / Usage:',
    '  podbook <command> [options]',
    '',
    '명령 / Commands:',
  ];
  for (const c of COMMANDS) {
    const head = `${c.name} ${c.args}`.trim().padEnd(width);
    lines.push(`  ${head}  ${c.ko}`);
    lines.push(`  ${' '.repeat(width)}  ${c.en}`);
  }
  lines.push(
    '',
    '옵션 / Options:',
    '  -h, --help     이 도움말을 보여 줍니다 / show this help',
    '  -v, --version  버전을 출력합니다 / print the version',
    '',
    "명령별 도움말 / Help for one command: podbook help <command>",
    '',
  );
  return lines.join('\n');
}

function commandUsage(c: CommandSpec): string {
  return [
    `사용법 / Usage: podbook ${`${c.name} ${c.args}`.trim()}`,
    '',
    `  ${c.ko}`,
    `  ${c.en}`,
    '',
  ].join('\n');
}

function unknownCommand(name: string, io: CliIO): number {
  io.stderr(`podbook: unknown command "${name}"\nRun 'podbook --help' for usage.\n`);
  return EXIT_ERROR;
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.stdout(usage());
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    if (rest[0] === undefined) {
      io.stdout(usage());
      return EXIT_OK;
    }
    const c = COMMANDS.find((x) => x.name === rest[0]);
    if (!c) return unknownCommand(rest[0], io);
    io.stdout(commandUsage(c));
    return EXIT_OK;
  }
  if (first.startsWith('-')) {
    io.stderr(`podbook: unknown flag "${first}"\nRun 'podbook --help' for usage.\n`);
    return EXIT_ERROR;
  }

  const command = COMMANDS.find((c) => c.name === first);
  if (!command) return unknownCommand(first, io);
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(commandUsage(command));
    return EXIT_OK;
  }
  return command.run(rest, io);
}

const defaultIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
