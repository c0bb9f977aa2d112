'use client';
// Exercise cards: "채점" runs the exercise's checks on the reader's own cluster (the kernel this
// page runs cells on) and lists each check with its result and hint.
import { useState, type ReactNode } from 'react';
import type { Exercise } from '@/lib/grading';
import { gradeExerciseAction, type GradeExerciseResult } from '@/app/_lib/actions';
import { useRuntime } from './provider';

export function ExerciseCard({ exercise, task }: { exercise: Exercise; task: ReactNode }) {
  const rt = useRuntime();
  const [res, setRes] = useState<GradeExerciseResult>();
  const [pending, setPending] = useState(false);
  const grade = async () => {
    setPending(true);
    try {
      setRes(await gradeExerciseAction(rt.kernelId(), exercise));
    } catch (e) {
      setRes({ ok: false, message: `채점하지 못했습니다: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setPending(false);
    }
  };
  return (
    <section className="card exercise cell" aria-labelledby={`ex-${exercise.id}`} data-testid="exercise">
      <h3 id={`ex-${exercise.id}`}>실습: {exercise.title}</h3>
      {task}
      <h4>확인할 것</h4>
      <ul className="checks">
        {exercise.checks.map((c) => {
          const r = res?.ok ? res.result.checks.find((x) => x.id === c.id) : undefined;
          return (
            <li key={c.id} className={r ? (r.passed ? 'check-pass' : 'check-fail') : undefined} data-testid="exercise-check" data-passed={r ? String(r.passed) : undefined}>
              {c.description}
              {r && (
                <>
                  <span className="visually-hidden">{r.passed ? ' (통과)' : ' (실패)'}</span>
                  <br />
                  <span className="muted">{r.message}</span>
                  {!r.passed && r.hint && (
                    <>
                      <br />
                      <span>힌트: {r.hint}</span>
                    </>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {exercise.hints && exercise.hints.length > 0 && (
        <details>
          <summary>힌트 보기</summary>
          <ul>
            {exercise.hints.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </details>
      )}
      {exercise.solution && exercise.solution.length > 0 && (
        <details>
          <summary>풀이 보기</summary>
          <pre className="terminal">{exercise.solution.join('\n')}</pre>
        </details>
      )}
      <button type="button" className="primary" onClick={() => void grade()} disabled={pending}>
        {pending ? '채점 중…' : '채점'}
      </button>
      <div aria-live="polite">
        {res && !res.ok && <p className="errors">{res.message}</p>}
        {res?.ok && (
          <p className={`feedback ${res.result.allPassed ? 'correct' : 'wrong'}`} data-testid="exercise-result">
            {res.result.allPassed ? '모든 확인을 통과했습니다! ' : ''}
            {res.result.passed}/{res.result.total} 통과 ({res.result.score}점)
          </p>
        )}
      </div>
    </section>
  );
}
