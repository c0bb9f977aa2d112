// What the differential suite normalizes before comparing, and nothing else. Every rule is a
// value that is random or clock-dependent by nature on the *client*, so it cannot agree between
// the real kubectl (wall clock) and Podbook on the simulator (virtual clock):
//
// 1. describe's Events table, the Age column. kubectl's describe computes it client-side from
//    time.Now() (describe.go DescribeEvents: translateTimestampSince(e.FirstTimestamp/
//    LastTimestamp), "%s (x%d over %s)" for repeated events). The real kubectl reads the wall
//    clock, Podbook on the simulator the virtual clock, so the cell differs by construction. Its
//    width also sets the tabwriter's column widths, so the row's spacing is collapsed too (the
//    Type, Reason, From and Message cells are still compared exactly).
// 2. describe node's "Non-terminated Pods" table, the Age column: same reason
//    (describe.go describeNodeResource: translateTimestampSince(pod.CreationTimestamp)).
//
// Generated names (pod-template-hash, the 5-character pod suffix, kube-api-access-xxxxx) are NOT
// normalized: all three runs restore the same cluster snapshot, whose seeded random source makes
// the same names, so a difference there is a real bug. Server-side ages (the AGE column of get)
// are not normalized either: the server computes them from the same restored virtual clock.

/** duration.HumanDuration's forms (apimachinery pkg/util/duration), plus describe's "<unknown>"/"<invalid>". */
const AGE = String.raw`(?:<unknown>|<invalid>|\d+[smhdy](?:\d+[smhd])?)`;
const EVENT_AGE = String.raw`${AGE}(?: \(x\d+ over ${AGE}\))?`;
const EVENT_ROW = new RegExp(String.raw`^  (Normal|Warning)\s+(\S+)\s+(${EVENT_AGE})\s+(\S+)\s+(.*)$`);
const NODE_POD_ROW = new RegExp(String.raw`^(  \S.*?)\s+(${AGE})$`);

export const AGE_PLACEHOLDER = '<age>';

function collapse(line: string): string {
  return '  ' + line.trim().split(/\s+/).join(' ');
}

/** Applies the rules above to one output stream (stdout). */
export function normalizeOutput(text: string): string {
  if (!text.includes('Events:') && !text.includes('Non-terminated Pods:')) return text;
  const lines = text.split('\n');
  let block: 'events' | 'node-pods' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*Events:\s*$/.test(line)) {
      block = 'events';
      continue;
    }
    if (/^Non-terminated Pods:/.test(line)) {
      block = 'node-pods';
      continue;
    }
    if (!block) continue;
    if (!line.startsWith('  ') || line.trim() === '') {
      block = undefined;
      continue;
    }
    if (block === 'events') {
      const m = EVENT_ROW.exec(line);
      lines[i] = m ? `  ${m[1]} ${m[2]} ${AGE_PLACEHOLDER} ${m[4]} ${m[5]}` : collapse(line);
    } else {
      const m = NODE_POD_ROW.exec(line);
      lines[i] = m ? `${collapse(m[1])} ${AGE_PLACEHOLDER}` : collapse(line);
    }
  }
  return lines.join('\n');
}
