// A `gridbot start --role worker` process on a test's stores: the environment every process test gives it.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { redisEnv } from './redis-nodes.ts'

const root = path.resolve(import.meta.dirname, '../..')

export function workerEnv(
  stores: { dbUrl: string; redisUrl: string; prefix: string; dataDir?: string },
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GRIDBOT_NO_DOTENV: '1',
    DATABASE_URL: stores.dbUrl,
    ...redisEnv(stores.redisUrl),
    GRIDBOT_QUEUE_PREFIX: stores.prefix,
    // The test's own data folder (media), shared with its apps in the test process.
    ...(stores.dataDir ? { GRIDBOT_DATA_DIR: stores.dataDir } : {}),
    // A killed worker's job is taken over after about twice this. Not 2 s: a job whose process is starved of the CPU
    // longer than its lock (a loaded 2-core machine does that) counts as stalled and runs again meanwhile, and at its
    // second stall BullMQ fails it unrun — an inbound message then waits for the sweeper while its group goes on
    // without it (out of order), an export or a digest's chart waits for its round.
    GRIDBOT_JOB_LOCK_MS: '10000',
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
