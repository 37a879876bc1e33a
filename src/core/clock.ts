// Domain logic takes time from a Clock, never from Date.now(), so timers and windows are testable
// and the simulator can run on virtual time.
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** Time that stands still until advanced: the simulator's and the tests' clock. */
export class VirtualClock implements Clock {
  private ms: number
  constructor(start: Date = new Date()) {
    this.ms = start.getTime()
  }
  now(): Date {
    return new Date(this.ms)
  }
  set(at: Date): void {
    if (at.getTime() > this.ms) this.ms = at.getTime()
  }
  advance(ms: number): Date {
    this.ms += ms
    return this.now()
  }
}
