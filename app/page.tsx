// The library: every chapter in content/, with its book, section and tags from the frontmatter,
// and the reader's progress (cells run in this browser, read by a small client component).
import Link from 'next/link';
import { listChapters } from './_lib/content';
import { Progress } from '@/components/progress';

export const dynamic = 'force-static';

export default function LibraryPage() {
  const chapters = listChapters();
  return (
    <main id="main" tabIndex={-1}>
      <p className="eyebrow">Podbook</p>
      <h1>쿠버네티스 스터디 노트북</h1>
      <p className="lead">
        한국어 스터디 노트를 읽으면서 바로 <code>kubectl</code> 명령을 실행해 보세요. 명령은 Podbook에 내장된 시뮬레이션
        클러스터에서 실행됩니다.
      </p>
      <h2 className="visually-hidden">장 목록</h2>
      {chapters.length === 0 && <p>아직 노트가 없습니다. <Link href="/import">노트 가져오기</Link>로 시작해 보세요.</p>}
      <ul className="chapters">
        {chapters.map((c) => (
          <li key={c.slug}>
            {c.notebook ? (
              <>
                <h2>
                  <Link href={`/notebooks/${c.slug}`}>{c.notebook.meta.title}</Link>
                </h2>
                <dl className="meta-list">
                  {c.notebook.meta.book && (
                    <>
                      <dt>책</dt>
                      <dd>{c.notebook.meta.book}</dd>
                    </>
                  )}
                  {c.notebook.meta.chapter !== undefined && (
                    <>
                      <dt>장</dt>
                      <dd>{String(c.notebook.meta.chapter)}</dd>
                    </>
                  )}
                  {c.notebook.meta.section && (
                    <>
                      <dt>절</dt>
                      <dd>{c.notebook.meta.section}</dd>
                    </>
                  )}
                  <dt>셀</dt>
                  <dd>실행할 수 있는 셀 {c.runnable}개</dd>
                </dl>
                {c.notebook.meta.tags && c.notebook.meta.tags.length > 0 && (
                  <ul className="tags" aria-label="태그">
                    {c.notebook.meta.tags.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                )}
                <Progress chapter={c.slug} total={c.runnable} />
              </>
            ) : (
              <>
                <h2>{c.slug}</h2>
                <p className="errors">이 노트를 읽지 못했습니다: {c.errors?.map((e) => (e.line ? `${e.line}번째 줄: ${e.message}` : e.message)).join('; ')}</p>
              </>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
