import Link from 'next/link';
import { getImported } from '../../_lib/imported';
import { NotebookView } from '@/components/notebook/notebook-view';

export const dynamic = 'force-dynamic';

export default async function ImportedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const nb = getImported(id);
  if (!nb) {
    return (
      <main id="main" tabIndex={-1}>
        <h1>가져온 노트를 찾을 수 없습니다</h1>
        <p>
          서버가 다시 시작되었거나 오래된 노트입니다. <Link href="/import">다시 가져오기</Link>
        </p>
      </main>
    );
  }
  return <NotebookView notebook={nb} exportSource={{ imported: id }} />;
}
