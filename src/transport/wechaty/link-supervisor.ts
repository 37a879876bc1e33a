// Keeps one account's link to its puppet service up. wechaty-puppet-service does not reconnect by itself: after the
// service went away the puppet stays stopped (its watchdog's one reset fails if the service is still down), and a
// silent link is only noticed after 60 s. The supervisor
//  - restarts the puppet when the link drops (an error event), with backoff capped at `retryMaxMs`, probing the
//    endpoint's port first so a restart is tried the moment the service listens again;
//  - pings (`ding`) every `pingMs`; any event from the service (a `dong`, a message) counts as a heartbeat, and
//    none for `silentMs` is a dead link, restarted like a dropped one;
//  - gives up when the service refuses the token for `authGiveUpMs` (a wrong token never starts working): `onFatal`.
import net from 'node:net'
import { group } from '../../core/match-group.ts'

export interface SupervisorSettings {
  pingMs: number
  silentMs: number
  retryMinMs: number
  retryMaxMs: number
  authGiveUpMs: number
}

export const DEFAULT_SUPERVISOR: SupervisorSettings = { pingMs: 10_000, silentMs: 35_000, retryMinMs: 500, retryMaxMs: 5_000, authGiveUpMs: 60_000 }

export interface SupervisedLink {
  /** Stops (ignoring failures) and starts the puppet; rejects when the start fails. */
  restart(): Promise<void>
  ping(): void
  /** True when the service's port accepts a connection (undefined: cannot tell, try the restart). */
  reachable(): Promise<boolean | undefined>
  linkDown(reason: string): void
  authFailed(reason: string): void
  fatal(reason: string): void
  /** Masks secrets (the token) in an error's text before it is logged. */
  mask(text: string): string
  log: { info(o: object, m: string): void; warn(o: object, m: string): void }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class LinkSupervisor {
  private lastBeat = Date.now()
  private restarting: Promise<void> | null = null
  private stopped = false
  private pinger: NodeJS.Timeout | null = null
  private authFailingSince: number | null = null

  constructor(
    private readonly link: SupervisedLink,
    private readonly s: SupervisorSettings,
  ) {}

  /** While a restart runs, the puppet's own stop/start events (a `logout` from stop()) are not news. */
  get isRestarting(): boolean {
    return this.restarting !== null
  }

  begin(): void {
    this.lastBeat = Date.now()
    this.pinger = setInterval(() => this.tick(), this.s.pingMs)
    this.pinger.unref()
  }

  end(): void {
    this.stopped = true
    if (this.pinger) clearInterval(this.pinger)
  }

  heartbeat(): void {
    this.lastBeat = Date.now()
  }

  loggedIn(): void {
    this.authFailingSince = null
  }

  /** The link dropped, or the service refused us: restart (once; further calls join the running restart). */
  lost(kind: 'down' | 'auth', reason: string): void {
    if (this.stopped) return
    if (kind === 'auth') {
      this.authFailingSince ??= Date.now()
      this.link.authFailed(reason)
    } else if (!this.restarting) this.link.linkDown(reason)
    this.restarting ??= this.restartLoop().finally(() => {
      this.restarting = null
    })
  }

  /** A restart asked for from outside the link's own checks (the canary found the account deaf; the provider said it
   *  is logged out): the state was set by the caller, so no linkDown. Joins a restart already running. */
  restartNow(reason: string): void {
    if (this.stopped) return
    this.link.log.info({ reason: this.link.mask(reason) }, 'restarting the puppet link')
    this.restarting ??= this.restartLoop().finally(() => {
      this.restarting = null
    })
  }

  private tick(): void {
    if (this.stopped || this.restarting) return
    if (Date.now() - this.lastBeat > this.s.silentMs) this.lost('down', `no heartbeat for ${Math.round((Date.now() - this.lastBeat) / 1000)} s`)
    else this.link.ping()
  }

  private async restartLoop(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      if (this.authFailingSince !== null && Date.now() - this.authFailingSince >= this.s.authGiveUpMs) {
        this.end()
        this.link.fatal('token refused')
        return
      }
      await sleep(Math.min(this.s.retryMinMs * 2 ** attempt, this.s.retryMaxMs))
      if (this.stopped) return
      // A refused port is answered at once; the library's own start would wait 5 s for a stream that never comes.
      if ((await this.link.reachable()) === false) continue
      try {
        await this.link.restart()
        if (this.stopped) return
        this.lastBeat = Date.now()
        this.link.log.info({ attempt }, 'puppet restarted')
        return
      } catch (e) {
        this.link.log.warn({ attempt, err: this.link.mask((e as Error).message) }, 'puppet restart failed; retrying')
      }
    }
  }
}

/** host:port → a probe that connects and closes (within 1 s); other endpoints cannot be probed. */
export function portProbe(endpoint: string | undefined): () => Promise<boolean | undefined> {
  const m = endpoint ? /^(?:dns:\/\/\/)?\[?([^\]]+?)\]?:(\d+)$/.exec(endpoint) : null
  if (!m) return async () => undefined
  const [host, port] = [group(m, 1), Number(m[2])]
  return () =>
    new Promise((resolve) => {
      const sock = net.connect({ host, port })
      const done = (ok: boolean) => {
        sock.destroy()
        resolve(ok)
      }
      sock.setTimeout(1000, () => done(false))
      sock.once('connect', () => done(true))
      sock.once('error', () => done(false))
    })
}
