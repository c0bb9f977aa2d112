// Quiz scoring. Each kind compares the learner's answer with the quiz's and explains, in Korean,
// what was wrong: which choices of a multiple choice, the first misplaced step of an ordering,
// the first differing line of a predicted output.

import { normalizePredictOutput, normalizeShortAnswer, normalizeTrailing } from './normalize';
import { withParticle } from './korean';
import type { GradeQuizOptions, Quiz, QuizAnswer, QuizResult } from './types';

const CORRECT = '정답입니다.';

/** `2번 "Running"`: a choice as the learner sees it (numbered from 1). */
function choiceLabel(quiz: Quiz, index: number): string {
  const text = quiz.choices?.[index];
  return text === undefined ? `${index + 1}번` : `${index + 1}번 "${text}"`;
}

function choiceText(quiz: Quiz, index: number): string {
  return quiz.choices?.[index] ?? `${index + 1}번`;
}

function isIndex(quiz: Quiz, v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < (quiz.choices?.length ?? 0);
}

function isIndexList(quiz: Quiz, v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => isIndex(quiz, x));
}

function withHint(quiz: Quiz, feedback: string): string {
  return quiz.hint ? `${feedback} 힌트: ${quiz.hint}` : feedback;
}

function result(quiz: Quiz, correct: boolean, feedback: string, expected?: string): QuizResult {
  const r: QuizResult = { correct, feedback: correct ? feedback : withHint(quiz, feedback), explanation: quiz.explanation };
  if (expected !== undefined) r.expected = expected;
  return r;
}

/** The quiz itself is malformed (its answer does not fit its kind): said plainly, never thrown. */
function brokenQuiz(quiz: Quiz, what: string): QuizResult {
  return { correct: false, feedback: `문제 ${quiz.id}의 정답 정의가 올바르지 않아 채점할 수 없습니다: ${what}.`, explanation: quiz.explanation };
}

function badAnswer(quiz: Quiz, what: string): QuizResult {
  return { correct: false, feedback: `답의 형식이 올바르지 않습니다: ${what}.`, explanation: quiz.explanation };
}

function gradeSingle(quiz: Quiz, answer: QuizAnswer): QuizResult {
  if (!isIndex(quiz, quiz.answer)) return brokenQuiz(quiz, '보기 번호 하나가 필요합니다');
  const expected = choiceText(quiz, quiz.answer);
  if (!isIndex(quiz, answer)) return badAnswer(quiz, '보기 하나를 고르세요');
  if (answer === quiz.answer) return result(quiz, true, CORRECT, expected);
  return result(quiz, false, `오답입니다. ${withParticle(choiceLabel(quiz, answer), '은/는')} 정답이 아닙니다.`, expected);
}

function gradeMultiple(quiz: Quiz, answer: QuizAnswer): QuizResult {
  if (!isIndexList(quiz, quiz.answer)) return brokenQuiz(quiz, '보기 번호 목록이 필요합니다');
  const right = new Set(quiz.answer);
  const expected = [...right].sort((a, b) => a - b).map((i) => choiceText(quiz, i)).join(', ');
  if (!isIndexList(quiz, answer)) return badAnswer(quiz, '보기 번호 목록이 필요합니다');
  const chosen = new Set(answer);
  // All or nothing: one wrong pick or one missed choice makes the whole answer wrong, and the
  // feedback lists both kinds of mistakes so the learner knows what to reconsider.
  const wrongPicks = [...chosen].filter((i) => !right.has(i)).sort((a, b) => a - b);
  const missed = [...right].filter((i) => !chosen.has(i)).sort((a, b) => a - b);
  if (wrongPicks.length === 0 && missed.length === 0) return result(quiz, true, CORRECT, expected);
  const parts: string[] = [];
  if (wrongPicks.length > 0) parts.push(`정답이 아닌 보기를 골랐습니다: ${wrongPicks.map((i) => choiceLabel(quiz, i)).join(', ')}.`);
  if (missed.length > 0) parts.push(`골라야 할 보기를 빠뜨렸습니다: ${missed.map((i) => choiceLabel(quiz, i)).join(', ')}.`);
  return result(quiz, false, `오답입니다. ${parts.join(' ')}`, expected);
}

function gradeOrdering(quiz: Quiz, answer: QuizAnswer): QuizResult {
  const n = quiz.choices?.length ?? 0;
  const isPermutation = (v: unknown): v is number[] => isIndexList(quiz, v) && v.length === n && new Set(v).size === n;
  if (!isPermutation(quiz.answer)) return brokenQuiz(quiz, '모든 보기를 한 번씩 담은 순서가 필요합니다');
  const order = quiz.answer;
  const expected = order.map((i) => choiceText(quiz, i)).join(' → ');
  if (!isPermutation(answer)) return badAnswer(quiz, `보기 ${n}개를 모두 한 번씩 순서대로 놓으세요`);
  const first = answer.findIndex((v, i) => v !== order[i]);
  if (first < 0) return result(quiz, true, CORRECT, expected);
  return result(
    quiz,
    false,
    `오답입니다. ${first + 1}번째 단계가 틀렸습니다 (기대: ${choiceText(quiz, order[first])}, 실제: ${choiceText(quiz, answer[first])}).`,
    expected,
  );
}

function gradeShort(quiz: Quiz, answer: QuizAnswer): QuizResult {
  const accepted = typeof quiz.answer === 'string' ? [quiz.answer] : quiz.answer;
  if (!Array.isArray(accepted) || accepted.length === 0 || !accepted.every((a) => typeof a === 'string')) {
    return brokenQuiz(quiz, '인정되는 답의 목록이 필요합니다');
  }
  const expected = accepted[0] as string;
  if (typeof answer !== 'string') return badAnswer(quiz, '글로 답하세요');
  const given = normalizeShortAnswer(answer);
  if (given === '') return result(quiz, false, '답을 입력하지 않았습니다.', expected);
  if ((accepted as string[]).some((a) => normalizeShortAnswer(a) === given)) return result(quiz, true, CORRECT, expected);
  return result(quiz, false, `오답입니다. ${withParticle(`"${answer.trim()}"`, '은/는')} 인정되는 답이 아닙니다.`, expected);
}

/** The first line (1-based) where two normalized outputs differ, with both lines. */
function firstDifference(want: string, got: string): { line: number; want: string; got: string } {
  const w = want.split('\n');
  const g = got.split('\n');
  for (let i = 0; i < Math.max(w.length, g.length); i++) {
    if (w[i] !== g[i]) return { line: i + 1, want: w[i] ?? '(없음)', got: g[i] ?? '(없음)' };
  }
  return { line: 0, want: '', got: '' };
}

async function gradePredict(quiz: Quiz, answer: QuizAnswer, opts: GradeQuizOptions): Promise<QuizResult> {
  if (!quiz.command) return brokenQuiz(quiz, '예측할 명령(command)이 필요합니다');
  if (!opts.predict) {
    return { correct: false, feedback: '출력 예측 문제는 명령을 실행해 볼 시뮬레이터가 있어야 채점할 수 있습니다.', explanation: quiz.explanation };
  }
  let actual: string;
  try {
    actual = await opts.predict(quiz.setup ?? [], quiz.command);
  } catch (e) {
    return { correct: false, feedback: `명령을 실행해 정답 출력을 만들지 못했습니다: ${e instanceof Error ? e.message : String(e)}`, explanation: quiz.explanation };
  }
  const expected = normalizeTrailing(actual);
  if (typeof answer !== 'string') return badAnswer(quiz, '예상한 출력을 글로 적으세요');
  const want = normalizePredictOutput(actual);
  const got = normalizePredictOutput(answer);
  if (want === got) return result(quiz, true, `${CORRECT} (나이와 자동 생성된 이름, 열 간격은 비교하지 않습니다.)`, expected);
  if (got === '') return result(quiz, false, '예상한 출력을 입력하지 않았습니다.', expected);
  const d = firstDifference(want, got);
  return result(quiz, false, `출력이 다릅니다. ${d.line}번째 줄부터 다릅니다 (기대: "${d.want}", 실제: "${d.got}").`, expected);
}

/**
 * Grades one answer. Never throws: a malformed quiz or answer, or a predict command that fails,
 * comes back as `correct: false` with a Korean sentence saying so.
 */
export async function gradeQuiz(quiz: Quiz, answer: QuizAnswer, opts: GradeQuizOptions = {}): Promise<QuizResult> {
  switch (quiz.kind) {
    case 'single':
      return gradeSingle(quiz, answer);
    case 'multiple':
      return gradeMultiple(quiz, answer);
    case 'ordering':
      return gradeOrdering(quiz, answer);
    case 'short':
      return gradeShort(quiz, answer);
    case 'predict':
      return gradePredict(quiz, answer, opts);
    default:
      return brokenQuiz(quiz, `알 수 없는 문제 종류 ${JSON.stringify((quiz as { kind: unknown }).kind)}`);
  }
}
