'use client';
import { useEffect, useState } from 'react';
import { backends } from './api';
import { useRuntime } from './provider';
import { useGlobalState } from './runtime';
import { exportIpynbAction, type CellRunRecord } from '@/app/_lib/actions';

export type ExportSource = { chapter: string } | { imported: string };

export function Toolbar({ exportSource }: { exportSource?: ExportSource }) {
  const rt = useRuntime();
  const g = useGlobalState(rt);
  const [exportMsg, setExportMsg] = useState<string>();
  const [sandbox, setSandbox] = useState(false);
  useEffect(() => {
    backends()
      .then((b) => setSandbox(b.sandbox))
      .catch(() => setSandbox(false));
  }, []);
  const doExport = async () => {
    if (!exportSource) return;
    setExportMsg('내보내는 중…');
    const runs: Record<string, CellRunRecord> = {};
    for (const [id, s] of rt.ranCells()) runs[id] = { outputs: s.outputs, execution: s.execution };
    const r = await exportIpynbAction(exportSource, runs, rt.edits());
    if (!r.ok) {
      setExportMsg(r.message);
      return;
    }
    const url = URL.createObjectURL(new Blob([r.text], { type: 'application/x-ipynb+json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExportMsg(`${r.fileName}을(를) 내려받았습니다.`);
  };
  const status = g.starting
    ? '클러스터를 시작하는 중…'
    : g.busy
      ? `실행 중${g.queued > 0 ? ` (대기 ${g.queued}개)` : ''}`
      : g.kernelId
        ? '준비됨 (시뮬레이션 클러스터)'
        : '셀을 실행하면 새 시뮬레이션 클러스터가 시작됩니다';
  return (
    <div className="toolbar" role="toolbar" aria-label="노트북 실행">
      <button type="button" onClick={() => rt.runAll()} title="아직 실행하지 않은 셀을 위에서부터 차례로 실행">
        모두 실행
      </button>
      <button
        type="button"
        onClick={() => void rt.restart()}
        disabled={g.starting}
        title="클러스터, 파일, 실행 번호를 처음 상태로 되돌립니다"
      >
        재시작
      </button>
      {sandbox && (
        <label>
          클러스터{' '}
          <select value={g.backend} disabled={g.busy} onChange={(e) => void rt.setBackend(e.currentTarget.value as 'simulated' | 'sandbox')}>
            <option value="simulated">시뮬레이션 (기본)</option>
            <option value="sandbox">샌드박스 (실제 클러스터)</option>
          </select>
        </label>
      )}
      {exportSource && (
        <button type="button" onClick={() => void doExport()} title="이 세션의 출력을 담은 주피터 노트북 파일">
          .ipynb 내보내기
        </button>
      )}
      <span className="status-text" role="status" aria-live="polite">
        {status}
        {g.message && <span className={g.message.tone === 'error' ? 'errors' : undefined}> · {g.message.text}</span>}
        {exportMsg && <span> · {exportMsg}</span>}
      </span>
    </div>
  );
}
