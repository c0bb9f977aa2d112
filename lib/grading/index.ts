// lib/grading: quiz scoring and exercise checks. Imports lib/k8s and lib/jsonpath only; talks to a
// cluster through GradingClient, which lib/kubectl's ClusterClient satisfies structurally.

export * from './types';
export { gradeQuiz } from './quiz';
export { runCheck, runChecks, resolveResource, hostnameInAnswer } from './checks';
export {
  AGE_PLACEHOLDER,
  normalizeAges,
  normalizeColumns,
  normalizeGeneratedNames,
  normalizePredictOutput,
  normalizeShortAnswer,
  normalizeTrailing,
} from './normalize';
export { koreanResourceName, withParticle } from './korean';
