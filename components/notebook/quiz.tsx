'use client';
// Quiz cards: answer, get feedback at once (graded on the server by lib/grading, which also runs
// a predict quiz's command on a fresh simulator), then the explanation. The question and the
// explanation are markdown rendered on the server and passed in as elements.
import { useState, type ReactNode } from 'react';
import type { Quiz, QuizAnswer, QuizResult } from '@/lib/grading';
import { gradeQuizAction } from '@/app/_lib/actions';

export function QuizCard({ quiz, question, explanation }: { quiz: Quiz; question: ReactNode; explanation: ReactNode }) {
  const [single, setSingle] = useState<number>();
  const [multi, setMulti] = useState<number[]>([]);
  const [order, setOrder] = useState<number[]>(() => (quiz.choices ?? []).map((_, i) => i));
  const [text, setText] = useState('');
  const [result, setResult] = useState<QuizResult>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const name = `quiz-${quiz.id}`;
  const choices = quiz.choices ?? [];

  const answer = (): QuizAnswer | undefined => {
    switch (quiz.kind) {
      case 'single':
        return single;
      case 'multiple':
        return multi.length > 0 ? multi : undefined;
      case 'ordering':
        return order;
      default:
        return text.trim() ? text : undefined;
    }
  };

  const submit = async () => {
    const a = answer();
    if (a === undefined) {
      setError('답을 골라 주세요.');
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      setResult(await gradeQuizAction(quiz, a));
    } catch (e) {
      setError(`채점하지 못했습니다: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setPending(false);
    }
  };

  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j], next[i]];
    setOrder(next);
  };

  return (
    <section className="card quiz cell" aria-labelledby={`${name}-h`} data-testid="quiz">
      <h3 id={`${name}-h`}>퀴즈</h3>
      {question}
      {quiz.kind === 'predict' && quiz.command && (
        <pre className="terminal">
          {'$ '}
          {quiz.command}
        </pre>
      )}
      <fieldset>
        <legend className="visually-hidden">답</legend>
        {quiz.kind === 'single' &&
          choices.map((c, i) => (
            <label key={i}>
              <input type="radio" name={name} checked={single === i} onChange={() => setSingle(i)} /> {c}
            </label>
          ))}
        {quiz.kind === 'multiple' &&
          choices.map((c, i) => (
            <label key={i}>
              <input
                type="checkbox"
                checked={multi.includes(i)}
                onChange={(e) => setMulti(e.currentTarget.checked ? [...multi, i].sort() : multi.filter((x) => x !== i))}
              />{' '}
              {c}
            </label>
          ))}
        {quiz.kind === 'ordering' && (
          <ol>
            {order.map((ci, pos) => (
              <li key={ci}>
                {choices[ci]}{' '}
                <button type="button" onClick={() => move(pos, -1)} disabled={pos === 0} aria-label={`${choices[ci]} 위로`}>
                  ↑
                </button>{' '}
                <button type="button" onClick={() => move(pos, 1)} disabled={pos === order.length - 1} aria-label={`${choices[ci]} 아래로`}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
        )}
        {(quiz.kind === 'short' || quiz.kind === 'predict') && (
          <label>
            {quiz.kind === 'predict' ? '예상 출력' : '답'}
            {quiz.kind === 'predict' ? (
              <textarea className="code" rows={4} value={text} onChange={(e) => setText(e.currentTarget.value)} />
            ) : (
              <input type="text" value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ marginLeft: '0.5rem' }} />
            )}
          </label>
        )}
      </fieldset>
      <button type="button" className="primary" onClick={() => void submit()} disabled={pending}>
        {pending ? '채점 중…' : '답 확인'}
      </button>
      {quiz.hint && !result && (
        <details>
          <summary>힌트</summary>
          {quiz.hint}
        </details>
      )}
      <div aria-live="polite">
        {error && <p className="errors">{error}</p>}
        {result && (
          <div className={`feedback ${result.correct ? 'correct' : 'wrong'}`} data-testid="quiz-feedback">
            <p>
              <strong aria-hidden="true">{result.correct ? '✔ ' : '✘ '}</strong>
              {result.feedback}
            </p>
            {!result.correct && result.expected && (
              <p>
                정답: <code style={{ whiteSpace: 'pre-wrap' }}>{result.expected}</code>
              </p>
            )}
            <div className="explanation">{explanation}</div>
          </div>
        )}
      </div>
    </section>
  );
}
