// Exported notebooks checked by Jupyter's own validator (Debian's python3-nbformat, which .ci/run
// installs): a process outside the core folder, so it lives here rather than in lib/notebook.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromIpynb, importNote, toIpynb, toIpynbText } from '../../lib/notebook';
import { SAMPLE_NOTEBOOK as NB, seedNotes } from '../../lib/notebook/testing';

/** Jupyter's own validator (Debian's python3-nbformat), on the .ipynb text. */
function validateWithJupyter(text: string): { status: number | null; stderr: string } {
  const python = '/usr/bin/python3';
  const r = spawnSync(python, ['-c', 'import nbformat,sys; nbformat.validate(nbformat.reads(sys.stdin.read(), as_version=4))'], {
    input: text,
    encoding: 'utf8',
  });
  if (r.error || /No module named '?nbformat/.test(r.stderr ?? '')) {
    throw new Error(
      `Jupyter's validator is missing: ${python} with nbformat is needed to check .ipynb exports ` +
        `(apt-get install python3-nbformat). ${r.error ? String(r.error) : r.stderr}`,
    );
  }
  return { status: r.status, stderr: r.stderr };
}

describe("Jupyter's validator", () => {
  it('accepts the export of a notebook with every cell type, outputs and executions', () => {
    expect(validateWithJupyter(toIpynbText(NB))).toEqual({ status: 0, stderr: '' });
  });

  it('accepts the export of every imported seed note', () => {
    const seeds = Object.entries(seedNotes());
    expect(seeds).toHaveLength(5);
    for (const [f, text] of seeds) {
      const r = importNote(text, { fileName: f });
      if (!r.ok) throw new Error(`${f}: ${r.errors[0].message}`);
      expect(validateWithJupyter(toIpynbText(r.value)), f).toEqual({ status: 0, stderr: '' });
      expect(fromIpynb(toIpynbText(r.value)), f).toEqual({ ok: true, value: r.value, warnings: [] });
    }
  });

  it('rejects a broken export, so the check above can fail', () => {
    const j = toIpynb(NB) as unknown as { cells: { id: string }[] };
    j.cells[0].id = 'not valid!';
    expect(validateWithJupyter(JSON.stringify(j)).status).not.toBe(0);
  });
});
