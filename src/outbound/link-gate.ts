// Nothing is posted into the void: a send waits while its account is logged out or disconnected (the account's
// queue stands still), and goes out when the account is back — or, when the org file names another account that
// serves the room and that account is logged in, it moves there.
import type { AccountStatus, ChatTransport } from '../transport/transport.ts'

export type Route = { kind: 'self' } | { kind: 'move'; accountId: string } | { kind: 'later' }

export interface GateDeps {
  /** Other accounts serving a room (the org file's `accounts:` of that room), in order of preference. */
  alternates(accountId: string, roomId: string): Promise<string[]>
  /** The state of an account this process serves (undefined: served elsewhere, unknown here). */
  statusOf(accountId: string): AccountStatus | undefined
}

const RECHECK_MS = 2_000

export class LinkGate {
  private wake: (() => void) | null = null
  private closed = false

  constructor(
    private readonly transport: ChatTransport,
    private readonly deps: GateDeps,
  ) {
    transport.onStatus(() => this.wake?.())
  }

  /** Resolves when the post can go: through this account, through another, or 'later' (the gateway is stopping). */
  async route(roomId: string): Promise<Route> {
    for (;;) {
      if (this.closed) return { kind: 'later' }
      if (this.transport.status().state === 'logged_in') return { kind: 'self' }
      for (const id of await this.deps.alternates(this.transport.accountId, roomId))
        if (id !== this.transport.accountId && this.deps.statusOf(id)?.state === 'logged_in') return { kind: 'move', accountId: id }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, RECHECK_MS)
        this.wake = () => {
          clearTimeout(t)
          resolve()
        }
      })
      this.wake = null
    }
  }

  close(): void {
    this.closed = true
    this.wake?.()
  }
}
