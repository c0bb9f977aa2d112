'use client';
// The live cluster beside the notebook: Deployments → ReplicaSets → Pods with phase colours,
// READY and RESTARTS, and the events timeline in Korean. Everything shown comes from the kernel's
// server-sent `view` messages (app/api/README.md); before a kernel exists the panel says so.
import { useState } from 'react';
import { useRuntime } from './provider';
import { useGlobalState } from './runtime';
import type { ClusterView, PodNode, ReplicaSetNode } from './api';

function Pod({ p }: { p: PodNode }) {
  const status = p.deleting ? 'Terminating' : p.status;
  return (
    <li className={`pod phase-${status.replace(/[^A-Za-z]/g, '')}`} data-testid="panel-pod" data-pod={p.name} data-status={status}>
      <span className="kind">Pod</span>
      <span>{p.name}</span>
      <span>{status}</span>
      <span title="준비된 컨테이너/전체">READY {p.ready}</span>
      <span title="재시작 횟수">RESTARTS {p.restartsText}</span>
    </li>
  );
}

function ReplicaSet({ rs }: { rs: ReplicaSetNode }) {
  return (
    <li>
      <span className="kind">ReplicaSet</span>
      {rs.name}{' '}
      <span className="muted">
        {rs.ready}/{rs.desired} 준비
      </span>
      {rs.pods.length > 0 && (
        <ul>
          {rs.pods.map((p) => (
            <Pod key={p.key} p={p} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** HH:MM:SS in the reader's time zone, like a terminal log (not "오후 2시 26분"). */
function timeText(t: number | string): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function Tree({ v }: { v: ClusterView }) {
  const empty = v.deployments.length === 0 && v.replicaSets.length === 0 && v.pods.length === 0 && v.services.length === 0;
  if (empty) return <p className="muted">default 네임스페이스에 아직 아무것도 없습니다.</p>;
  return (
    <ul className="cluster-tree" aria-label="클러스터 객체">
      {v.deployments.map((d) => (
        <li key={d.key}>
          <span className="kind">Deployment</span>
          <strong>{d.name}</strong>{' '}
          <span className="muted">
            {d.ready}/{d.desired} 준비
          </span>
          {d.replicaSets.length > 0 && (
            <ul>
              {d.replicaSets.map((rs) => (
                <ReplicaSet key={rs.key} rs={rs} />
              ))}
            </ul>
          )}
        </li>
      ))}
      {v.replicaSets.map((rs) => (
        <ReplicaSet key={rs.key} rs={rs} />
      ))}
      {v.pods.map((p) => (
        <Pod key={p.key} p={p} />
      ))}
      {v.services.map((s) => (
        <li key={s.key}>
          <span className="kind">Service</span>
          {s.name} <span className="muted">{s.type} {s.ports}</span>
        </li>
      ))}
    </ul>
  );
}

function podCount(v: ClusterView | undefined): number {
  if (!v) return 0;
  return v.pods.length + v.replicaSets.reduce((n, r) => n + r.pods.length, 0) + v.deployments.reduce((n, d) => n + d.replicaSets.reduce((m, r) => m + r.pods.length, 0), 0);
}

export function ClusterPanel() {
  const rt = useRuntime();
  const g = useGlobalState(rt);
  // collapsing only matters on phones, where the panel is docked over the page's bottom
  const [collapsed, setCollapsed] = useState(false);
  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    document.querySelector('.notebook-layout')?.classList.toggle('panel-collapsed', next);
  };
  return (
    <section className={`cluster-panel${collapsed ? ' collapsed' : ''}`} aria-labelledby="cluster-heading" data-testid="cluster-panel">
      <div className="panel-head">
        <button type="button" className="panel-toggle" aria-expanded={!collapsed} aria-controls="cluster-body" onClick={toggle}>
          {collapsed ? '펼치기' : '접기'}
        </button>
        <h2 id="cluster-heading">
          클러스터{g.view ? <span className="muted"> · 파드 {podCount(g.view)}개</span> : null}
        </h2>
      </div>
      <div id="cluster-body">
      {!g.view ? (
        <p className="muted">
          {g.starting ? '클러스터를 시작하는 중…' : g.live === 'closed' ? '클러스터 연결이 끊겼습니다. 셀을 실행하면 새로 시작합니다.' : '셀을 실행하면 여기에 디플로이먼트, 레플리카셋, 파드가 나타납니다.'}
        </p>
      ) : (
        <>
          <Tree v={g.view} />
          <h2>이벤트</h2>
          {g.view.events.length === 0 ? (
            <p className="muted">아직 이벤트가 없습니다.</p>
          ) : (
            <ol className="events" aria-label="이벤트 타임라인" reversed>
              {[...g.view.events].reverse().map((e) => (
                <li key={e.key} className={e.type === 'Warning' ? 'ev-warning' : undefined} title={e.message}>
                  <time className="muted" dateTime={Number.isNaN(new Date(e.time).getTime()) ? undefined : new Date(e.time).toISOString()}>
                    {timeText(e.time)}
                  </time>{' '}
                  {e.text}
                  {e.count > 1 && <span className="muted"> (×{e.count})</span>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      </div>
    </section>
  );
}
