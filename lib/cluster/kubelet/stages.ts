// The kubelet's pod lifecycle as data, in the manner of kwok's Stage resources: each stage names
// the step of a pod sync it belongs to, when it applies (a selector over facts about the pod,
// container and image), how long it takes (fixed, or from the image catalogue and the node's pull
// queue), which events it records and what it leaves behind (the next step, or the waiting reason
// the next status will show). A tiny interpreter picks the stage and renders the messages; the
// kubelet (kubelet.ts) supplies the facts and carries out the effects.
//
// Messages are the kubelet 1.32 ones: pkg/kubelet/images/image_manager.go (Pulling, Pulled,
// Failed, BackOff, and since #127918 the previous pull error in the back-off message),
// pkg/kubelet/kuberuntime/kuberuntime_container.go (Created, Started, Killing, `Error: …`),
// kuberuntime_manager.go doBackOff (CrashLoopBackOff). 1.32 still words Created as
// `Created container web` (1.33 added a colon, PR #130471).

/** The steps of one pod sync, in order for each container to start. */
export type StageStep = 'sandbox' | 'backoff' | 'image' | 'create' | 'start' | 'kill';

/** What the kubelet knows when it picks a stage. */
export interface StageFacts {
  /** the container's previous run ended less than its back-off ago */
  crashBackoff: boolean;
  /** the image reference parses */
  imageValid: boolean;
  /** the node has the image */
  imagePresent: boolean;
  pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** the last pull of this image for this pod failed less than its back-off ago */
  pullBackoff: boolean;
  /** the registry has the image */
  pullable: boolean;
  /** the container's command exists in the image */
  executable: boolean;
}

export type Delay =
  /** fixed milliseconds */
  | number
  /** the node's serialized pull queue: waiting + the image's pull time (catalogue) */
  | { from: 'pull' }
  /** how long the registry takes to refuse */
  | { from: 'failed-pull' }
  /** until the container's process stops: its SIGTERM behaviour, at most the grace period */
  | { from: 'termination' };

export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /** `{name}` placeholders, see render() */
  message: string;
  /** recorded when the stage begins, or when its delay is over (default) */
  at?: 'begin' | 'end';
}

export interface Stage {
  name: string;
  step: StageStep;
  /** every listed fact must hold; the first matching stage of a step wins */
  when?: Partial<StageFacts>;
  delay: Delay;
  events?: StageEvent[];
  /** the runtime effect at the end of the delay */
  effect?: 'sandbox' | 'image-pulled' | 'create' | 'start' | 'start-failed' | 'stop';
  /** the next step for this container, or `done` */
  next?: StageStep | 'done';
  /**
   * The container cannot go on in this sync: the error is kept (the kubelet's reasonCache) and
   * the next status shows it as `state.waiting {reason, message}`.
   */
  fail?: { reason: string; message: string };
}

/** Time the kubelet and the runtime take, in virtual milliseconds (docker-desktop-like). */
export const TIMING = {
  /** RunPodSandbox: pause container, network (CNI), IP */
  sandboxMs: 212,
  /** CreateContainer */
  createMs: 46,
  /** StartContainer */
  startMs: 58,
  /** PLEG relist period: the kubelet notices runtime changes on its next tick */
  relistMs: 1000,
  /** pod worker back-off after a failed sync (kubelet backOffPeriod) plus up to half of it as jitter */
  workerBackoffMs: 10_000,
  workerJitterMs: 5_000,
  /** the pod worker's resync after a sync that only met back-offs (syncFrequency 1m, jitter 0.5) */
  resyncMs: 60_000,
  resyncJitterMs: 30_000,
  /** container restart back-off (kubelet MaxContainerBackOff): 10s doubling to 5m */
  crashBackoffInitialMs: 10_000,
  crashBackoffMaxMs: 300_000,
  /** image pull back-off: 10s doubling to 5m */
  pullBackoffInitialMs: 10_000,
  pullBackoffMaxMs: 300_000,
  /** a back-off entry expires after twice the maximum without an event (flowcontrol.Backoff) */
  backoffResetMs: 600_000,
  /** StopPodSandbox */
  stopSandboxMs: 31,
  /** status manager: terminal status written → the pod is deleted from the API */
  deleteAfterMs: 42,
  /** a stopped process without signal handlers exits on SIGKILL this long after the grace period */
  killMs: 12,
} as const;

export const STAGES: readonly Stage[] = [
  // --- the pod sandbox (pause container, network namespace, pod IP) ---------------------------
  { name: 'run-sandbox', step: 'sandbox', delay: TIMING.sandboxMs, effect: 'sandbox', next: 'backoff' },

  // --- restart back-off (doBackOff) ------------------------------------------------------------
  {
    name: 'crash-loop-back-off',
    step: 'backoff',
    when: { crashBackoff: true },
    delay: 0,
    events: [{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container {container} in pod {podRef}' }],
    fail: { reason: 'CrashLoopBackOff', message: 'back-off {backoff} restarting failed container={container} pod={podRef}' },
  },
  { name: 'no-back-off', step: 'backoff', delay: 0, next: 'image' },

  // --- EnsureImageExists ------------------------------------------------------------------------
  {
    name: 'invalid-image-name',
    step: 'image',
    when: { imageValid: false },
    delay: 0,
    events: [
      { type: 'Warning', reason: 'InspectFailed', message: 'Failed to apply default image tag {imageQ}: {imageError}' },
      { type: 'Warning', reason: 'Failed', message: 'Error: InvalidImageName' },
    ],
    fail: { reason: 'InvalidImageName', message: 'Failed to apply default image tag {imageQ}: {imageError}' },
  },
  {
    name: 'image-present',
    step: 'image',
    when: { imagePresent: true, pullPolicy: 'IfNotPresent' },
    delay: 0,
    events: [{ type: 'Normal', reason: 'Pulled', message: 'Container image {imageQ} already present on machine' }],
    next: 'create',
  },
  {
    name: 'image-present-never-pull',
    step: 'image',
    when: { imagePresent: true, pullPolicy: 'Never' },
    delay: 0,
    events: [{ type: 'Normal', reason: 'Pulled', message: 'Container image {imageQ} already present on machine' }],
    next: 'create',
  },
  {
    name: 'image-never-pull',
    step: 'image',
    when: { pullPolicy: 'Never' },
    delay: 0,
    events: [
      { type: 'Warning', reason: 'ErrImageNeverPull', message: 'Container image {imageQ} is not present with pull policy of Never' },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImageNeverPull' },
    ],
    fail: { reason: 'ErrImageNeverPull', message: 'Container image {imageQ} is not present with pull policy of Never' },
  },
  {
    name: 'image-pull-back-off',
    step: 'image',
    when: { pullBackoff: true },
    delay: 0,
    events: [
      { type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image {imageQ}' },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' },
    ],
    fail: { reason: 'ImagePullBackOff', message: 'Back-off pulling image {imageQ}{prevPullError}' },
  },
  {
    name: 'image-pull-fails',
    step: 'image',
    when: { pullable: false },
    delay: { from: 'failed-pull' },
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image {imageQ}', at: 'begin' },
      { type: 'Warning', reason: 'Failed', message: 'Failed to pull image {imageQ}: {pullError}' },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' },
    ],
    fail: { reason: 'ErrImagePull', message: '{pullError}' },
  },
  {
    name: 'image-pull',
    step: 'image',
    delay: { from: 'pull' },
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image {imageQ}', at: 'begin' },
      { type: 'Normal', reason: 'Pulled', message: 'Successfully pulled image {imageQ} in {pullTime} ({pullTotal} including waiting). Image size: {size} bytes.' },
    ],
    effect: 'image-pulled',
    next: 'create',
  },

  // --- CreateContainer / StartContainer -----------------------------------------------------------
  {
    name: 'create-container',
    step: 'create',
    delay: TIMING.createMs,
    events: [{ type: 'Normal', reason: 'Created', message: 'Created container {container}' }],
    effect: 'create',
    next: 'start',
  },
  {
    name: 'start-container-fails',
    step: 'start',
    when: { executable: false },
    delay: TIMING.startMs,
    events: [{ type: 'Warning', reason: 'Failed', message: 'Error: {startError}' }],
    effect: 'start-failed',
    fail: { reason: 'RunContainerError', message: '{startError}' },
  },
  {
    name: 'start-container',
    step: 'start',
    delay: TIMING.startMs,
    events: [{ type: 'Normal', reason: 'Started', message: 'Started container {container}' }],
    effect: 'start',
    next: 'done',
  },

  // --- KillContainer --------------------------------------------------------------------------------
  {
    name: 'kill-container',
    step: 'kill',
    delay: { from: 'termination' },
    events: [{ type: 'Normal', reason: 'Killing', message: 'Stopping container {container}', at: 'begin' }],
    effect: 'stop',
    next: 'done',
  },
];

/** The first stage of a step whose selector matches the facts. */
export function selectStage(step: StageStep, facts: Partial<StageFacts>): Stage {
  for (const s of STAGES) {
    if (s.step !== step) continue;
    if (!s.when) return s;
    let ok = true;
    for (const k of whenKeys(s)) {
      if (facts[k] !== s.when[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return s;
  }
  throw new Error(`no kubelet stage for step ${step}`);
}

const whenKeyCache = new WeakMap<Stage, (keyof StageFacts)[]>();
/** The facts a stage's selector names (STAGES is constant: worked out once per stage). */
function whenKeys(s: Stage): (keyof StageFacts)[] {
  let keys = whenKeyCache.get(s);
  if (!keys) whenKeyCache.set(s, (keys = Object.keys(s.when ?? {}) as (keyof StageFacts)[]));
  return keys;
}

const byName = new Map<string, Stage>();
export function stageByName(name: string): Stage {
  let s = byName.get(name);
  if (!s) {
    s = STAGES.find((x) => x.name === name);
    if (!s) throw new Error(`unknown kubelet stage ${name}`);
    byName.set(name, s);
  }
  return s;
}

/** Fills `{name}` placeholders; unknown ones are left as they are. */
export function render(template: string, vars: Readonly<Record<string, string | number | undefined>>): string {
  // The template split once into literal text (even indexes) and placeholder names (odd).
  const parts = templateParts(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const v = vars[parts[i]];
    out += (v === undefined ? `{${parts[i]}}` : String(v)) + parts[i + 1];
  }
  return out;
}

const templates = new Map<string, string[]>();
function templateParts(template: string): string[] {
  let parts = templates.get(template);
  if (!parts) {
    parts = [];
    const re = /\{(\w+)\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      parts.push(template.slice(last, m.index), m[1]);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    if (templates.size < 1000) templates.set(template, parts);
  }
  return parts;
}

/**
 * flowcontrol.Backoff as the kubelet uses it (no jitter): the first entry is the initial
 * duration, each further one doubles up to the maximum, and an entry untouched for twice the
 * maximum starts over (so a container that ran ten minutes starts again at 10s).
 */
export interface BackoffEntry {
  /** current back-off, ms */
  d: number;
  /** when it was last bumped */
  at: number;
}

/** Backoff.Next */
export function backoffNext(e: BackoffEntry | undefined, now: number, initialMs: number, maxMs: number): BackoffEntry {
  if (!e || now - e.at > 2 * maxMs) return { d: initialMs, at: now };
  return { d: Math.min(e.d * 2, maxMs), at: now };
}

/** Backoff.IsInBackOffSince: is `now` still within the back-off counted from `eventTime`? */
export function inBackoffSince(e: BackoffEntry | undefined, eventTime: number, now: number, maxMs: number): boolean {
  if (!e) return false;
  if (now - e.at > 2 * maxMs) return false;
  return now - eventTime < e.d;
}

/** Backoff.IsInBackOffSinceUpdate: is `now` within the back-off since the entry was last bumped? */
export function inBackoffSinceUpdate(e: BackoffEntry | undefined, now: number, maxMs: number): boolean {
  if (!e) return false;
  if (now - e.at > 2 * maxMs) return false;
  return now - e.at < e.d;
}
