// An account's safe pace: messages a second, and a little jitter so it does not look robotic (STACK-NOTES.md).
export interface Pace {
  messagesPerSec: number
  jitterMs: number
}

export const DEFAULT_PACE: Pace = { messagesPerSec: 1, jitterMs: 300 }

/** The wait between two posts of one account at its pace, jitter included. */
export const paceGap = (pace: Pace) => 1000 / pace.messagesPerSec + Math.random() * pace.jitterMs
