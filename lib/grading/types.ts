// The grader's view of quizzes, exercises and the cluster. The shapes follow
// docs/notebook-format.md ("Quiz", "Exercise"); lib/notebook/schema.ts holds the zod schema for
// the same shapes, and the two are meant to be unified later. lib/grading does not import
// lib/notebook (architecture.md: grading may import lib/k8s and lib/jsonpath only), so the types
// are repeated here as plain TypeScript.

import type { KubeObject } from '../k8s/types';

// ---------------------------------------------------------------------------------------------
// Quizzes

export type QuizKind = 'single' | 'multiple' | 'ordering' | 'short' | 'predict';

export interface Quiz {
  id: string;
  kind: QuizKind;
  /** markdown */
  question: string;
  /** single, multiple, ordering */
  choices?: string[];
  /**
   * single: the right index; multiple: the right indices; ordering: the choices' indices in the
   * right order; short: the accepted answers. `predict` has none: the answer is computed.
   */
  answer?: number | number[] | string | string[];
  /** predict: the command whose output the learner predicts */
  command?: string;
  /** predict: commands run first on a fresh simulated cluster */
  setup?: string[];
  /** markdown, Korean */
  explanation: string;
  hint?: string;
}

/**
 * What a learner submits: single → an index; multiple → indices (any order); ordering → indices
 * in the order the learner put the choices; short and predict → text.
 */
export type QuizAnswer = number | number[] | string;

export interface QuizResult {
  correct: boolean;
  /** one or two Korean sentences for the learner */
  feedback: string;
  /** the quiz's explanation, shown after answering */
  explanation: string;
  /**
   * The right answer as text: the choice, the choices (`, `), the order (` → `), the first
   * accepted short answer, or the output the simulator printed for a predict quiz.
   */
  expected?: string;
}

export interface GradeQuizOptions {
  /**
   * Runs `setup` then `command` on a fresh simulated cluster and returns what `command` showed
   * on the terminal (stdout, then stderr: a learner predicts `Error from server (NotFound)…` too).
   */
  predict?: (setup: string[], command: string) => Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Exercises

interface CheckBase {
  id: string;
  /** Korean, what the check verifies (shown in the check list) */
  description: string;
  hint?: string;
}

export type JsonPathOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'matches';

export interface ExistsCheck extends CheckBase {
  kind: 'exists';
  /** `deployments`, `deployment`, `deploy`, `Deployment`: any name kubectl accepts for a type */
  resource: string;
  name: string;
  namespace?: string;
}

export interface JsonPathCheck extends CheckBase {
  kind: 'jsonpath';
  resource: string;
  name: string;
  namespace?: string;
  /** a kubectl JSONPath template, e.g. `{.spec.replicas}`; the value is what `-o jsonpath` prints */
  path: string;
  op: JsonPathOp;
  value: string | number;
}

export interface PodsReadyCheck extends CheckBase {
  kind: 'podsReady';
  /** a label selector, e.g. `app=web` */
  selector: string;
  /** at least this many pods (not terminating) have the condition Ready=True */
  count: number;
  namespace?: string;
}

export interface SelectorMatchesCheck extends CheckBase {
  kind: 'selectorMatches';
  resource: string;
  selector: string;
  /** exactly this many objects match */
  count: number;
  namespace?: string;
}

export interface HttpCheck extends CheckBase {
  kind: 'http';
  /** `deploy/web`, `pod/x`, `svc/x` (or a bare pod name), as `kubectl port-forward` takes it */
  target: string;
  /** the pod's port; for `svc/x`, the service's port (translated to its targetPort) */
  port: number;
  path?: string;
  contains: string;
  namespace?: string;
}

export interface HostnameIsPodCheck extends CheckBase {
  kind: 'hostnameIsPod';
  target: string;
  port: number;
  path?: string;
  namespace?: string;
}

export type Check = ExistsCheck | JsonPathCheck | PodsReadyCheck | SelectorMatchesCheck | HttpCheck | HostnameIsPodCheck;
export type CheckKind = Check['kind'];

export interface Exercise {
  id: string;
  title: string;
  /** markdown */
  task: string;
  hints?: string[];
  checks: Check[];
  /** command lines and/or `apply` of manifest cells */
  solution?: string[];
}

export interface CheckResult {
  id: string;
  kind: CheckKind;
  description: string;
  passed: boolean;
  /** what the check wanted, in Korean words or values (`존재`, `3 이상`, `"I'm" 포함`) */
  expected: string;
  /** what the cluster showed (`없음`, `1`, the HTTP answer) */
  found: string;
  /**
   * One Korean sentence. On failure it names the object and ends with `(기대: …, 실제: …)`;
   * on success it says what was confirmed.
   */
  message: string;
  /** the check's own hint, else a kind-specific default (which kubectl command to look with) */
  hint: string;
}

export interface ExerciseResult {
  exerciseId: string;
  checks: CheckResult[];
  passed: number;
  total: number;
  /** 0–100, rounded: the share of checks that passed */
  score: number;
  /** every check passed (and there was at least one) */
  allPassed: boolean;
  /** when the checks ran (ms since the epoch), if a clock was given or the client has one */
  checkedAt?: number;
}

// ---------------------------------------------------------------------------------------------
// The cluster, as the grader needs it

export interface GradingListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface GradingHttpResult {
  status: number;
  statusText?: string;
  body: string;
}

/**
 * The part of lib/kubectl's ClusterClient the checks use (read objects, one HTTP request through
 * a port-forward). Both the simulator's SimulatedClient and the sandbox client satisfy it
 * structurally; failures are expected to be thrown as lib/k8s ApiError (a Status with `reason`
 * and `code`) or as plain Errors (connection refused, network down).
 */
export interface GradingClient {
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): Promise<T>;
  list<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, opts?: GradingListOptions): Promise<{ items: T[] }>;
  podHttp(
    namespace: string,
    pod: string,
    port: number,
    req: { method?: string; path?: string; headers?: Record<string, string> },
  ): Promise<GradingHttpResult>;
  now?(): number;
}

export interface RunChecksOptions {
  /** the clock for `checkedAt` (ms since the epoch); defaults to the client's `now()` */
  now?: number | (() => number);
  /** the namespace of checks that name none; `default` unless given */
  namespace?: string;
}
