// The loopback puppet service and a real `gridbot start` against it, each in a process of its own: a test can kill
// and restart the service, and see the gateway exit. What the bot says is read from the service's own stdout.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { freePort } from '../../src/runtime/free-port.ts'
import type { ServerConfig } from './puppet-service-server.ts'
import { freshStores, type TestStores } from './stores.ts'
import { workerEnv } from './worker-process.ts'

const root = path.resolve(import.meta.dirname, '../..')

export interface Said {
  at: number
  id: string
  self: boolean
  roomId: string | null
  talkerId: string
  text: string
}

/** One account's puppet service. Messages said on it (by people and by the bot) are kept across restarts. */
export class LoopbackService {
  readonly said: Said[] = []
  /** Sends the service held without an answer (hangSends), by room. */
  readonly hung: string[] = []
  private proc: ChildProcess | null = null
  /** When the current process started listening. */
  listeningAt = 0

  private constructor(readonly cfg: ServerConfig) {}

  static async create(cfg: Omit<ServerConfig, 'port'>): Promise<LoopbackService> {
    return new LoopbackService({ ...cfg, port: await freePort() })
  }

  get endpoint(): string {
    return `127.0.0.1:${this.cfg.port}`
  }

  async start(): Promise<void> {
    const proc = spawn(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, 'test/helpers/puppet-service-server.ts')], {
      env: { ...process.env, LOOPBACK_SERVER: JSON.stringify(this.cfg) },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    this.proc = proc
    const listening = new Promise<void>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`puppet service exited (${code}) before listening`)))
      readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
        const ev = JSON.parse(line) as { ev: string } & Omit<Said, 'at'>
        if (ev.ev === 'listening') {
          this.listeningAt = Date.now()
          resolve()
        }
        if (ev.ev === 'hung') this.hung.push(ev.roomId ?? '')
        if (ev.ev === 'message') this.said.push({ at: Date.now(), id: ev.id, self: ev.self, roomId: ev.roomId, talkerId: ev.talkerId, text: ev.text })
      })
    })
    await listening
  }

  /** The service dies (SIGKILL: no goodbye on the gRPC stream). */
  async kill(): Promise<void> {
    const p = this.proc
    if (!p || p.exitCode !== null) return
    const gone = new Promise((r) => p.once('exit', r))
    p.kill('SIGKILL')
    await gone
    this.proc = null
  }

  private send(op: object): void {
    this.proc?.stdin?.write(`${JSON.stringify(op)}\n`)
  }

  say(from: string, roomId: string, text: string): void {
    this.send({ op: 'say', from, roomId, text })
  }
  logout(): void {
    this.send({ op: 'logout' })
  }
  login(): void {
    this.send({ op: 'login' })
  }
  scan(qr: string): void {
    this.send({ op: 'scan', qr })
  }
  /** The service stops delivering messages to gridbot (pings still answered), or delivers them again. */
  deaf(on = true): void {
    this.send({ op: on ? 'deaf' : 'hear' })
  }
  /** Sends are refused with a provider's code (WorkPro 23060: the account has dropped), or accepted again. */
  failSends(code: number | null): void {
    this.send(code === null ? { op: 'sendOk' } : { op: 'failSends', code })
  }
  /** The next `n` sends are never answered (nothing said: a stalled provider, a half-open link) until sendOk, which
   *  fails them. */
  hangSends(n = 1): void {
    this.send({ op: 'hangSends', n })
  }
  /** The bot is removed from a room (no event: it finds out when it next posts there). */
  leave(roomId: string): void {
    this.send({ op: 'leave', roomId })
  }

  /** What the bot said in a room since `since` (ms). */
  botSaid(roomId: string, since = 0): Said[] {
    return this.said.filter((s) => s.self && s.roomId === roomId && s.at >= since)
  }
}

/** `gridbot start --role all --org <file>` (or the `role` arguments given) on the test's stores, each account on its
 *  loopback service. */
export function startGridbot(
  stores: { dbUrl: string; redisUrl: string; prefix: string },
  org: string,
  accounts: { id: string; token: string; endpoint: string; client?: 'wechaty' | 'juzi' }[],
  extra: Record<string, string> = {},
  role: string[] = ['--role', 'all'],
): { proc: ChildProcess; exited: Promise<{ code: number | null; stderr: string; at: number }> } {
  const env = workerEnv(stores, {
    LOG_LEVEL: 'warn',
    GRIDBOT_LINK_PING_MS: '2000',
    GRIDBOT_LINK_SILENT_MS: '8000',
    GRIDBOT_LINK_RETRY_MAX_MS: '2000',
    GRIDBOT_PACE_JITTER_MS: '0',
    GRIDBOT_PACE_PER_SEC: '20',
    GRIDBOT_SWEEP_EVERY_MS: '5000',
    // Off unless a test is about it: its nonces would be the only thing said in the admins' group otherwise.
    GRIDBOT_CANARY_EVERY_MS: '0',
    ...Object.fromEntries(
      accounts.flatMap((a) => {
        const k = `GRIDBOT_ACCOUNT_${a.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
        return [[`${k}_TOKEN`, a.token], [`${k}_ENDPOINT`, a.endpoint], ...(a.client ? [[`${k}_CLIENT`, a.client]] : [])]
      }),
    ),
    ...extra,
  })
  delete env.WECHATY_PUPPET_SERVICE_TOKEN
  delete env.WECHATY_PUPPET_SERVICE_ENDPOINT
  // puppet-service keeps a payload cache per token under ~/.wechaty (a LevelDB with a lock): test files run in
  // parallel with the same tokens, so each gridbot process gets a home of its own.
  env.HOME = mkdtempSync(path.join(os.tmpdir(), 'gridbot-loopback-home-'))
  const proc = spawn(process.execPath, [path.join(root, 'bin/gridbot.js'), 'start', ...role, '--org', org], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  let stdout = ''
  proc.stderr!.on('data', (d) => {
    stderr += String(d)
  })
  proc.stdout!.on('data', (d) => {
    stdout += String(d)
  })
  const exited = new Promise<{ code: number | null; stderr: string; at: number }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, stderr: `${stderr}\n${stdout}`, at: Date.now() })),
  )
  return { proc, exited }
}

/** Stops a gridbot process (SIGTERM, then SIGKILL after 20 s). */
export async function stopGridbot(p: { proc: ChildProcess; exited: Promise<unknown> }): Promise<void> {
  if (p.proc.exitCode !== null) return
  p.proc.kill('SIGTERM')
  const t = setTimeout(() => p.proc.kill('SIGKILL'), 20_000)
  await p.exited
  clearTimeout(t)
}

/** The people and groups of test/fixtures/loopback-org.yaml as one account's service sees them. */
export function loopbackWorld(botId: string, botName: string, token: string): Omit<ServerConfig, 'port'> {
  return {
    token,
    bot: { id: botId, name: botName },
    people: [
      { id: 'wx_admin', name: '赵管理' },
      { id: 'wx_sup', name: '钱书记' },
      { id: 'wx_cadre', name: '孙网格' },
    ],
    rooms: [
      { id: 'admin@chatroom', topic: '回环区管理员群', memberIds: ['wx_admin'] },
      { id: 'community@chatroom', topic: '回环社区群', memberIds: ['wx_sup'] },
      { id: 'grid1@chatroom', topic: '回环社区1号网格群', memberIds: ['wx_cadre', 'wx_sup'] },
    ],
  }
}

export interface LoopbackPair {
  stores: TestStores
  a: LoopbackService
  b: LoopbackService
}

/** What every loopback test starts from: fresh stores, and bot-a's and bot-b's services listening (loopback-org.yaml's accounts). */
export async function openLoopbackPair(o: { client?: 'wechaty' | 'juzi' } = {}): Promise<LoopbackPair> {
  const stores = await freshStores()
  const a = await LoopbackService.create({ ...loopbackWorld('wxbot_a', '网格助手A', 'insecure_loopa1'), ...(o.client ? { client: o.client } : {}) })
  const b = await LoopbackService.create({ ...loopbackWorld('wxbot_b', '网格助手B', 'insecure_loopb2'), ...(o.client ? { client: o.client } : {}) })
  await Promise.all([a.start(), b.start()])
  return { stores, a, b }
}

/** Stops the gridbot process (if any), the services, and removes the stores. */
export async function closeLoopbackPair(p: LoopbackPair, gw: { proc: ChildProcess; exited: Promise<unknown> } | null = null): Promise<void> {
  if (gw) await stopGridbot(gw)
  await p.a.kill()
  await p.b.kill()
  await p.stores.cleanup()
}
