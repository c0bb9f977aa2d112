import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { chapterSlugs, loadChapter } from '../../_lib/content';
import { NotebookView } from '@/components/notebook/notebook-view';

type Params = { params: Promise<{ chapter: string }> };

export function generateStaticParams() {
  return chapterSlugs().map((chapter) => ({ chapter }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { chapter } = await params;
  const r = loadChapter(chapter);
  return { title: r?.ok ? `${r.notebook.meta.title} — Podbook` : 'Podbook' };
}

export default async function ChapterPage({ params }: Params) {
  const { chapter } = await params;
  const r = loadChapter(chapter);
  if (!r) notFound();
  if (!r.ok) {
    return (
      <main id="main" tabIndex={-1}>
        <h1>노트를 읽지 못했습니다</h1>
        <ul className="errors">
          {r.errors.map((e, i) => (
            <li key={i}>{e.line !== undefined ? `${e.line}번째 줄: ${e.message}` : e.message}</li>
          ))}
        </ul>
      </main>
    );
  }
  return <NotebookView notebook={r.notebook} exportSource={{ chapter }} progressKey={chapter} />;
}
