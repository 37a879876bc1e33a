// A `gridbot start --role worker` process on a test's stores: the environment every process test gives it.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { redisEnv } from './redis-nodes.ts'

const root = path.resolve(import.meta.dirname, '../..')

export function workerEnv(stores: { dbUrl: string; redisUrl: string; prefix: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GRIDBOT_NO_DOTENV: '1',
    DATABASE_URL: stores.dbUrl,
    ...redisEnv(stores.redisUrl),
    GRIDBOT_QUEUE_PREFIX: stores.prefix,
    GRIDBOT_JOB_LOCK_MS: '2000',
    GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
    GRIDBOT_AUTO_MIGRATE: 'false',
    LOG_LEVEL: 'error',
    // Several of these run at once: each takes a free port for its HTTP surface.
    GRIDBOT_HTTP_PORT: '0',
    ...extra,
  }
}

export function spawnWorker(env: NodeJS.ProcessEnv, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin/gridbot.js'), 'start', '--role', 'worker'], { env, stdio: ['ignore', stdout, 'inherit'] })
}
