'use client';
// Outputs as a terminal shows them: stdout and stderr interleaved in the order printed, stderr in
// its own colour, kept as pre-formatted monospace (kubectl's tables rely on column alignment).
import type { KernelOutput } from './api';

export function OutputText({ outputs, forward }: { outputs: KernelOutput[]; forward?: string }) {
  if (outputs.length === 0 && !forward) return null;
  return (
    <>
      {outputs.map((o, i) =>
        o.output_type === 'stream' ? (
          <span key={i} className={o.name === 'stderr' ? 'stderr' : undefined}>
            {o.text}
          </span>
        ) : o.ename === 'ExitCode' ? (
          <span key={i} className="error-out">
            {`(종료 코드 ${o.evalue})\n`}
          </span>
        ) : (
          <span key={i} className="error-out">
            {o.traceback.length > 0 ? o.traceback.join('\n') + '\n' : `${o.ename}: ${o.evalue}\n`}
          </span>
        ),
      )}
      {forward && <span className="stderr">{forward}</span>}
    </>
  );
}
