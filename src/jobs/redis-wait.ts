// The first contact with Redis at start, bounded: ioredis alone retries for ever (STACK-NOTES.md), so a wrong or
// unreachable REDIS_URL would hang the start. We ping until `timeoutMs`, then give up with a clear error.
import { Redis } from 'ioredis'
import { maskSecrets } from '../core/secrets.ts'
import { StartupError } from '../core/startup-error.ts'
import { redisOptions } from '../config/redis-url.ts'
import { redisTexts } from './redis.texts.ts'

export async function waitForRedis(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < until) {
    const r = new Redis(redisOptions(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 2_000 }) as never)
    r.on('error', () => undefined) // the failure is the answer: it is reported below
    try {
      await r.connect()
      if ((await r.ping()) === 'PONG') return
    } catch (e) {
      last = (e as Error).message
    } finally {
      r.disconnect()
    }
    await new Promise((res) => setTimeout(res, 500))
  }
  const where = maskSecrets(url)
  throw new StartupError(
    'REDIS_UNREACHABLE',
    redisTexts.unreachable(where, Math.round(timeoutMs / 1000), last),
    `cannot reach Redis (REDIS_URL=${where}) within ${Math.round(timeoutMs / 1000)} s: ${last}`,
  )
}
