// Podbook's command line: a bash-compatible parser for cell text (never a real shell), a
// pflag-compatible flag parser, kubectl 1.32's flag tables and cobra-style command resolution.

export {
  expandStage,
  expandStageAsync,
  expandWord,
  expandWords,
  expandWordToString,
  parseCommandLine,
  stripPrompt,
  stripZshEolMark,
  substitutionsOf,
  type Assignment,
  type ExpandContext,
  type ExpandedStage,
  type ParseOptions,
  type ParseResult,
  type Pipeline,
  type Redirect,
  type RedirectOp,
  type Stage,
  type Word,
  type WordPart,
} from './tokenize';
export {
  defaultValue,
  durationMs,
  formatFlagError,
  formatUsageError,
  lookupFlag,
  lookupShorthand,
  noOptDefaultOf,
  parseFlags,
  wordSepNormalize,
  type FlagSpec,
  type FlagTable,
  type FlagType,
  type FlagValue,
  type ParseFlagsOptions,
  type ParseFlagsResult,
} from './flags';
export {
  GLOBAL_FLAGS,
  HELP_FLAG,
  KUBECTL_LOCAL_FLAGS,
  KUBECTL_ROOT,
  commandFlagTable,
  flagTableFor,
  type KubectlCommand,
} from './kubectl-flags';
export { findCommand, resolveKubectl, stripFlags, suggestCommands, unknownCommandError, type KubectlInvocation } from './resolve';
export { goQuote } from './go';
