// `gridbot restore` replaces the database under whatever runs on it: a gateway or worker still connected would keep
// writing into the restored data (or crash half-way). Every gridbot process that works is a BullMQ worker (workers
// take the timers queue, gateways their accounts' outbound queues), so Redis knows who is connected.
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { redisOptions } from '../config/redis-url.ts'
import { outboundQueueName } from '../jobs/queues.ts'
import { TIMERS_QUEUE } from '../jobs/timers.ts'

/** How many gridbot processes are connected (workers of the timers queue, senders of the accounts' queues). */
export async function connectedProcesses(redisUrl: string, prefix: string, accountIds: string[]): Promise<number> {
  const connection = new Redis({ ...(redisOptions(redisUrl) as object), maxRetriesPerRequest: 1, retryStrategy: () => null } as never)
  try {
    let n = 0
    for (const name of [TIMERS_QUEUE, ...accountIds.map(outboundQueueName)]) {
      const q = new Queue(name, { connection, prefix })
      n += await q.getWorkersCount()
      await q.close()
    }
    return n
  } finally {
    connection.disconnect()
  }
}
