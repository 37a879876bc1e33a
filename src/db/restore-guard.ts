// `gridbot restore` replaces the database under whatever runs on it: a gateway or worker still connected would keep
// writing into the restored data (or crash half-way). Every gridbot process that works is a BullMQ worker (workers
// take the timers queue, gateways their accounts' outbound queues), so Redis knows who is connected.
import { Queue } from 'bullmq'
import { outboundQueueName, prefixOf } from '../jobs/queues.ts'
import { openRedis } from '../jobs/redis-client.ts'
import { TIMERS_QUEUE } from '../jobs/timers.ts'

/** How many gridbot processes are connected (workers of the timers queue, senders of the accounts' queues). */
export async function connectedProcesses(redisUrl: string, prefix: string, accountIds: string[]): Promise<number> {
  const connection = openRedis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null })
  try {
    let n = 0
    for (const name of [TIMERS_QUEUE, ...accountIds.map(outboundQueueName)]) {
      const q = new Queue(name, { connection, prefix: prefixOf({ prefix, redisUrl }, name) })
      n += await q.getWorkersCount()
      await q.close()
    }
    return n
  } finally {
    connection.disconnect()
  }
}
