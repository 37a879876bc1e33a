// PGlite served over a socket (@electric-sql/pglite-socket 0.2.18) for BullMQ's PostgreSQL backend (issue #27,
// bench/queue-backends.bench.ts). PGlite is one PostgreSQL session; the socket server takes many client connections
// and runs their protocol messages one at a time on that one session (a client inside a transaction has the session
// to itself until it ends it). Two things a real server does per connection do not hold, and BullMQ needs both:
//  - LISTEN/NOTIFY: a notification comes out in the reply to whichever connection's statement committed it (the
//    producer's), never on the worker's LISTEN connection, so workers would only wake at their block timeout. The
//    relay below takes NotificationResponse messages out of every reply and writes them to each connection that
//    LISTENed on that channel.
//  - per-connection settings: startup `options` (`-c search_path=bullmq`) are ignored and a SET is seen by every
//    connection; BullMQ's functions pin their own search_path, and its client queries use unqualified names, so the
//    session's search_path is set once to `bullmq, public` (Prisma qualifies its tables with "public").
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Socket } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import pg from 'pg'

type OnData = (data: Uint8Array) => void
interface QueryQueue {
  enqueue(handlerId: number, message: Uint8Array, onData: OnData): Promise<number>
}
interface Handler {
  handlerId: number
  socket: Socket | null
}

// BullMQ sends its .sql files as they are, comments first: a LISTEN at the start of any line.
const LISTEN = /^\s*LISTEN\s+"?([A-Za-z0-9_]+)"?/im

/** The SQL text of a simple Query ('Q') or Parse ('P') message, else null. */
function statementText(m: Uint8Array): string | null {
  const type = String.fromCharCode(m[0]!)
  if (type === 'Q') return Buffer.from(m.subarray(5, m.length - 1)).toString('utf8')
  if (type === 'P') {
    const nameEnd = m.indexOf(0, 5)
    const textEnd = m.indexOf(0, nameEnd + 1)
    return Buffer.from(m.subarray(nameEnd + 1, textEnd)).toString('utf8')
  }
  return null
}

/** Splits backend messages into NotificationResponse ('A', with its channel) and the rest; null if a message is cut. */
function splitNotifications(data: Uint8Array): { rest: Uint8Array; notes: { channel: string; bytes: Uint8Array }[] } | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const keep: Buffer[] = []
  const notes: { channel: string; bytes: Uint8Array }[] = []
  let at = 0
  while (at < buf.length) {
    if (at + 5 > buf.length) return null
    const len = buf.readInt32BE(at + 1)
    const end = at + 1 + len
    if (end > buf.length) return null
    const msg = buf.subarray(at, end)
    if (msg[0] === 0x41) {
      const chanEnd = msg.indexOf(0, 9)
      notes.push({ channel: msg.subarray(9, chanEnd).toString('utf8'), bytes: Buffer.from(msg) })
    } else keep.push(msg)
    at = end
  }
  return { rest: notes.length ? Buffer.concat(keep) : data, notes }
}

/** Routes NOTIFY to the connections that LISTENed (see the top of the file). Returns how many it routed. */
function relayNotifications(server: PGLiteSocketServer): { routed(): number; statements(): number } {
  const internals = server as unknown as { queryQueue: QueryQueue; handlers: Set<Handler> }
  const queue = internals.queryQueue
  const enqueue = queue.enqueue.bind(queue)
  const listeners = new Map<string, Set<number>>()
  let routed = 0
  let statements = 0
  queue.enqueue = (handlerId, message, onData) => {
    if (message[0] === 0x51 || message[0] === 0x53) statements++
    const text = statementText(message)
    const m = text ? LISTEN.exec(text) : null
    if (m) {
      const set = listeners.get(m[1]!) ?? new Set<number>()
      set.add(handlerId)
      listeners.set(m[1]!, set)
    }
    return enqueue(handlerId, message, (data) => {
      const split = data[0] === undefined ? null : splitNotifications(data)
      if (!split?.notes.length) return onData(data)
      for (const n of split.notes) {
        const to = listeners.get(n.channel)
        for (const h of internals.handlers) {
          if (!to?.has(h.handlerId) || !h.socket?.writable) continue
          if (h.handlerId === handlerId) continue
          h.socket.write(n.bytes)
          routed++
        }
        if (to?.has(handlerId)) onData(n.bytes)
      }
      if (split.rest.length) onData(split.rest)
    })
  }
  return { routed: () => routed, statements: () => statements }
}

export interface PgliteSocketStore {
  db: PGlite
  /** The folder holding the Unix socket (`host` for pg; port 5432). */
  socketDir: string
  /** A pg.Pool on the socket; every pool shares the one PGlite session. */
  pool(max: number): pg.Pool
  routed(): number
  /** Simple queries and extended-protocol syncs the session ran (with the relay on). */
  statements(): number
  stop(): Promise<void>
}

/** PGlite in a temporary folder (gridbot's embedded settings), served on a Unix socket, with the notification relay. */
export async function startPgliteSocket(o: { relay?: boolean } = {}): Promise<PgliteSocketStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-bench-pglite-'))
  const db = new PGlite({ dataDir: path.join(dir, 'data'), postgresqlconf: ['shared_buffers = 16MB'] } as never)
  await db.waitReady
  const socketPath = path.join(dir, '.s.PGSQL.5432')
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1000 })
  await server.start()
  const relay = o.relay === false ? { routed: () => 0, statements: () => 0 } : relayNotifications(server)
  const pools: pg.Pool[] = []
  await db.exec('CREATE SCHEMA IF NOT EXISTS bullmq; SET search_path = bullmq, public')
  return {
    db,
    socketDir: dir,
    pool: (max) => pools[pools.push(new pg.Pool({ host: dir, port: 5432, user: 'postgres', database: 'postgres', max })) - 1]!,
    routed: relay.routed,
    statements: relay.statements,
    stop: async () => {
      for (const p of pools) await p.end().catch(() => undefined)
      await server.stop()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
