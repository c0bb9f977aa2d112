// Time for the simulator. The cluster never reads the wall clock itself: a VirtualClock moves only
// when told (tests, headless notebook runs), and the host injects a real-time clock for the UI.

export interface Clock {
  /** milliseconds since the Unix epoch */
  now(): number;
}

/** 2025-03-26T02:43:14Z: the afternoon seed 001's study group ran chapter 2 (11:43 KST). */
export const DEFAULT_EPOCH = Date.UTC(2025, 2, 26, 2, 43, 14);

export class VirtualClock implements Clock {
  private t: number;
  constructor(start = DEFAULT_EPOCH) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  /** Moves time forward; never backwards. */
  set(t: number): void {
    if (t > this.t) this.t = t;
  }
}
