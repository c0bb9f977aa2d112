import type { Metadata } from 'next';
import { ImportForm } from '@/components/import-form';

export const metadata: Metadata = { title: '노트 가져오기 — Podbook' };

export default function ImportPage() {
  return (
    <main id="main" tabIndex={-1}>
      <h1>노트 가져오기</h1>
      <p className="lead">
        마크다운으로 쓴 스터디 노트를 붙여 넣거나 파일(.md)을 고르면 실행할 수 있는 노트북으로 바꿉니다. 코드 블록의
        <code>kubectl</code> 명령은 명령 셀이 되고, YAML 매니페스트는 편집할 수 있는 매니페스트 셀이 됩니다.
      </p>
      <ImportForm />
      <p className="muted">가져온 노트북은 이 서버의 메모리에만 보관됩니다(서버를 다시 시작하면 사라집니다). 필요하면 .ipynb로 내보내세요.</p>
    </main>
  );
}
