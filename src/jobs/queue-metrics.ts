// Queue depth and age on /metrics: jobs per queue and state, and how long the oldest waiting job has waited. Every
// process reports the queues of the whole deployment (they live in Redis): aggregate with max, not sum.
import type { Queue } from 'bullmq'
import type { Metrics, Sample } from '../core/metrics.ts'

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const

export function registerQueueMetrics(metrics: Metrics, queues: () => Promise<Queue[]>): void {
  metrics.gauge('gridbot_queue_jobs', 'Jobs per queue and state', ['queue', 'state'], async () => {
    const out: Sample[] = []
    for (const q of await queues()) {
      const counts = await q.getJobCounts(...STATES)
      for (const s of STATES) out.push({ labels: { queue: q.name, state: s }, value: counts[s] ?? 0 })
    }
    return out
  })
  metrics.gauge('gridbot_queue_oldest_waiting_seconds', 'Age of the oldest job waiting to run, per queue (0 when none waits)', ['queue'], async () => {
    const out: Sample[] = []
    const now = Date.now()
    for (const q of await queues()) {
      const [oldest] = await q.getJobs(['waiting', 'prioritized'], 0, 0, true)
      out.push({ labels: { queue: q.name }, value: oldest ? Math.max(0, now - oldest.timestamp) / 1000 : 0 })
    }
    return out
  })
}
