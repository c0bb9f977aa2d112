'use client';
import { useActionState } from 'react';
import { importAction, type ImportState } from '@/app/_lib/actions';

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importAction, { errors: [] });
  return (
    <form action={action} className="import-form">
      <p>
        <label htmlFor="note-file">마크다운 파일</label>{' '}
        <input id="note-file" name="file" type="file" accept=".md,.markdown,text/markdown,text/plain" />
      </p>
      <p>
        <label htmlFor="note-text">또는 노트 붙여 넣기</label>
        <br />
        <textarea id="note-text" name="text" className="code" rows={16} spellCheck={false} />
      </p>
      <button type="submit" className="primary" disabled={pending}>
        {pending ? '가져오는 중…' : '노트북으로 만들기'}
      </button>
      {state.errors.length > 0 && (
        <ul className="errors" role="alert">
          {state.errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
