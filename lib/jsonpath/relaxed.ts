// kubectl's RelaxedJSONPathExpression (pkg/cmd/get/customcolumn.go), used for custom-columns
// specs and --sort-by: `metadata.name`, `.metadata.name`, `{metadata.name}` and
// `{.metadata.name}` all become `{.metadata.name}`. Anything with braces inside, such as
// `{range .items[*]}{.name}{end}`, is rejected.

// Go's RE2 with Perl flags: `[^{}]` also matches a newline and `$` is the end of the text,
// which is what JavaScript does without the m and s flags.
const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

export type RelaxedResult = { ok: true; expression: string } | { ok: false; error: string };

export function relaxedJSONPathExpression(pathExpression: string): RelaxedResult {
  if (pathExpression.length === 0) return { ok: true, expression: pathExpression };
  const m = JSON_REGEXP.exec(pathExpression);
  if (!m) {
    return {
      ok: false,
      error:
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  }
  const fieldSpec = m[1] !== undefined && m[1].length !== 0 ? m[1] : (m[2] ?? '');
  return { ok: true, expression: `{.${fieldSpec}}` };
}
