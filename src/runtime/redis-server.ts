// Runs a private redis-server for the embedded default and the tests: loopback or a unix socket only,
// durable (AOF, fsync every second), and never evicting (BullMQ requires noeviction).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Redis } from 'ioredis'
import { redisOptions } from '../config/redis-url.ts'
import { findRedisServer } from './system-packages.ts'
import { freePort } from './free-port.ts'
import { runtimeTexts } from './runtime.texts.ts'

export interface RedisServer {
  url: string
  /** Stops the server (after a final save); safe to call twice. */
  stop(): Promise<void>
}

const SOCKET_PATH_MAX = 100

async function ping(url: string): Promise<boolean> {
  const r = new Redis(redisOptions(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 }))
  r.on('error', () => undefined) // a refused connection is the answer we are asking for
  try {
    await r.connect()
    return (await r.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    r.disconnect()
  }
}

/** `tcp`: loopback TCP even where a Unix socket would do (a benchmark comparing it with a cluster, which has no sockets). */
export async function startRedisServer(opts: { dir: string; say?: (line: string) => void; reuse?: boolean; tcp?: boolean }): Promise<RedisServer> {
  const say = opts.say ?? (() => undefined)
  mkdirSync(opts.dir, { recursive: true })
  const socket = path.resolve(opts.dir, 'redis.sock')
  const useSocket = !opts.tcp && socket.length < SOCKET_PATH_MAX
  if (useSocket && opts.reuse && (await ping(`unix://${socket}`))) {
    // A server from an earlier run of ours is still up on this data folder: share it.
    return { url: `unix://${socket}`, stop: async () => undefined }
  }
  const bin = findRedisServer(say)
  const port = useSocket ? 0 : await freePort()
  const url = useSocket ? `unix://${socket}` : `redis://127.0.0.1:${port}`
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    ...(useSocket ? ['--unixsocket', socket, '--unixsocketperm', '700'] : []),
    '--dir',
    path.resolve(opts.dir),
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--maxmemory-policy',
    'noeviction',
    '--save',
    '60 1',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    '--logfile',
    path.resolve(opts.dir, 'redis.log'),
  ]
  const child: ChildProcess = spawn(bin, args, { stdio: 'ignore' })
  let exited = false
  child.once('exit', () => (exited = true))
  for (let i = 0; i < 200 && !exited; i++) {
    if (await ping(url)) break
    await new Promise((r) => setTimeout(r, 50))
  }
  if (exited || !(await ping(url))) throw new Error(runtimeTexts.redisNotStarted(path.resolve(opts.dir, 'redis.log')))
  let stopped: Promise<void> | null = null
  return {
    url,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM') // redis saves and exits on SIGTERM
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      })),
  }
}
