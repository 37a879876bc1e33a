// One sender per bot account, in the gateway process that owns the account's puppet. BullMQ's limiter keeps the
// account at its safe pace (WeChat flags bursts: STACK-NOTES.md); a little jitter keeps it from looking robotic.
// A send waits while the account is down (LinkGate); a room the account has left fails at once (no retries) and is
// reported.
import { randomUUID } from 'node:crypto'
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import { NotInRoomError, type ChatTransport } from '../transport/transport.ts'
import { outboundQueueName, type QueueEnv } from '../jobs/queues.ts'
import { createWorker } from '../jobs/worker-factory.ts'
import { OutboundDrain } from '../jobs/outbound-drain.ts'
import type { OutboundJob } from './outbox.ts'
import { LinkGate, type GateDeps } from './link-gate.ts'
import { classifyProviderError } from './provider-errors.ts'
import { takingAlong, type SendClaims } from './take-along.ts'
import type { Pace } from './pace.ts'
import { must } from '../core/must.ts'
import { DEFAULT_SEND_TIMEOUT_MS, FILE_SEND_TIMEOUT_MS, SendTimeoutError, sendWithin } from './send-bound.ts'

export { DEFAULT_PACE, type Pace } from './pace.ts'

export interface SenderHooks {
  /** The outbox row behind a message whose last part WeChat accepted (marked sent). */
  onSent?: (outboxKey: string) => Promise<void>
  /** A part of that row whose job gave up after its last retry (listed by `gridbot outbox failed`). */
  onFailed?: (outboxKey: string, reason: string) => Promise<void>
  /** The account is no longer in the room. */
  onLeftRoom?: (accountId: string, roomId: string) => Promise<void>
  /** Waiting while the account is down, and moving a post to another account of the room. */
  gate?: GateDeps & { handOver(accountId: string, job: OutboundJob, jobId: string, priority: number | undefined): Promise<void> }
  /** The fencing check: false when this process no longer holds the account's lease (the post waits for the holder). */
  fence?: () => Promise<boolean>
  /** Messages out and failed sends, per account (/metrics). */
  metrics?: Metrics
  /** Each part claimed in PostgreSQL just before its send: a part another run claimed is not sent again. */
  claims?: SendClaims
  /** Posts one job sends at most: its own, then the account's next waiting ones (GRIDBOT_OUTBOUND_BATCH; needs claims). */
  batch?: number
  /** How long one send may take before it counts as failed and the account's link is restarted
   *  (GRIDBOT_SEND_TIMEOUT_MS; send-bound.ts). */
  sendTimeoutMs?: number
}

/** How long a post held back by 'later' (the gateway stopping) waits before it is taken again. */
const LATER_MS = 1_000
/** A send the service refused as too frequent: the account's whole queue pauses this long. */
const THROTTLED_BACKOFF_MS = 30_000

// Long because the steps of one send (gate, fence, claim, put, the provider's refusals, taking along) share the
// worker, the gate, the pace and the logged-out state in closures; each inner step is short.
export function startSender(
  env: QueueEnv,
  transport: ChatTransport,
  pace: Pace | null,
  log: Logger,
  hooks: SenderHooks = {},
  lockMs?: number,
): Worker<OutboundJob> & { gate?: LinkGate } {
  const gateDeps = hooks.gate
  const gate = gateDeps ? new LinkGate(transport, gateDeps) : null
  /** The service refused a send as logged out, and nothing was sent since. */
  let saidLoggedOut = false
  /** What the service said: throttled → this account backs off; logged out → the post waits for the account (both
   *  throw); anything else returns, for the caller to judge. */
  const providerSaid = async (e: unknown, job: Job<OutboundJob>, token?: string) => {
    const said = classifyProviderError(e)
    if (said.problem !== 'unknown') hooks.metrics?.providerErrors.inc({ account: transport.accountId, problem: said.problem })
    if (said.problem === 'throttled' && pace) {
      // The whole account backs off (its queue's limiter), and this post goes back to wait, no retry spent.
      log.warn(
        { account: transport.accountId, code: said.code, jobId: job.id, backoffMs: THROTTLED_BACKOFF_MS },
        'service says too frequent: the account backs off',
      )
      await worker.rateLimit(THROTTLED_BACKOFF_MS)
      throw Worker.RateLimitError()
    }
    // Only when the service said so with its code: a message alone ("not logged in") is the link gate's to judge.
    // The first time in a row: the account is marked logged out (recorded, the admins told) and its link restarted;
    // while the service keeps saying so after that, the post only waits (no alert or restart per attempt).
    if (said.problem === 'logged_out' && said.code !== null) {
      const first = !saidLoggedOut
      saidLoggedOut = true
      log.warn({ account: transport.accountId, code: said.code, jobId: job.id, first }, 'service says the account is logged out: the post waits')
      if (first) transport.health?.trouble('logged_out', `service code ${said.code}`)
      await job.moveToDelayed(Date.now() + (first ? LATER_MS : THROTTLED_BACKOFF_MS), token)
      throw new DelayedError()
    }
  }
  const sendTimeoutMs = hooks.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS
  const transmit = (post: OutboundJob) =>
    post.image
      ? transport.sendImage(post.roomId, post.image)
      : post.file
        ? transport.sendFile(post.roomId, post.file, post.fileName ?? post.file)
        : transport.say(post.roomId, post.text, post.mentionIds)
  /** One send, bounded: one that never returns fails like any other (its claim let go, so a later run sends it), and
   *  the account's link is taken for dead and restarted (as the canary restarts a deaf one). A send that did reach
   *  WeChat and only its answer hung then goes out twice: the same window as a crash between the send and its sent
   *  mark (`sent` below). */
  const put = async (post: OutboundJob) => {
    try {
      await sendWithin(post.image || post.file ? Math.max(sendTimeoutMs, FILE_SEND_TIMEOUT_MS) : sendTimeoutMs, transmit(post))
    } catch (e) {
      if (e instanceof SendTimeoutError) {
        hooks.metrics?.providerErrors.inc({ account: transport.accountId, problem: 'timeout' })
        log.warn(
          { account: transport.accountId, code: e.code, room: post.roomId, key: post.outboxKey, ms: e.ms },
          'send did not return: the post is sent again, the account’s link restarted',
        )
        transport.health?.trouble('disconnected', `a send did not return within ${e.ms} ms`)
      }
      throw e
    }
  }
  /** WeChat took the post: counted, and its row marked sent with its last part. Its claim keeps anyone else from
   *  sending it again; only a crash right here, then the account's lease taken by the next gateway (or the claim
   *  lapsing, CLAIM_MS), can send it twice: the documented window, one post per account. */
  const sent = async (post: OutboundJob) => {
    saidLoggedOut = false
    hooks.metrics?.messagesOut.inc({ account: transport.accountId })
    if (hooks.onSent && post.outboxKey && post.last) await hooks.onSent(post.outboxKey)
  }
  const claims = hooks.claims
  const batch = claims ? (hooks.batch ?? 1) : 1
  const takeAlong =
    claims && batch > 1
      ? takingAlong({
          drain: new OutboundDrain(env.connection),
          worker: () => worker,
          claims,
          deliver: async (post) => {
            await put(post)
            await sent(post)
          },
          ready: async () => (!gate || transport.status().state === 'logged_in') && (!hooks.fence || (await hooks.fence())),
          pace,
          batch,
          log,
        })
      : null
  /** Taking along never fails the job whose post went out (it would be run again): what it left is BullMQ's. */
  const alongWith = async (job: Job<OutboundJob>, token: string | undefined, holder: string) => {
    if (takeAlong)
      await takeAlong(job, token, holder).catch((err: unknown) =>
        log.warn({ err, jobId: job.id }, 'taking along stopped; the waiting posts run as their own jobs'),
      )
  }
  const send = async (job: Job<OutboundJob>, token?: string) => {
    if (gate && gateDeps) {
      const route = await gate.route(job.data.roomId)
      if (route.kind === 'later') {
        await job.moveToDelayed(Date.now() + LATER_MS, token)
        throw new DelayedError()
      }
      if (route.kind === 'move') {
        await gateDeps.handOver(route.accountId, job.data, must(job.id, 'OUTBOUND_JOB_ID'), job.opts.priority)
        log.info({ jobId: job.id, from: transport.accountId, to: route.accountId }, 'post moved to another account of the room')
        return
      }
    }
    if (pace?.jitterMs) await new Promise((r) => setTimeout(r, Math.random() * pace.jitterMs))
    // Checked last thing before the send: a gateway that lost its lease (another one serves the account) sends nothing.
    if (hooks.fence && !(await hooks.fence())) {
      await job.moveToDelayed(Date.now() + LATER_MS, token)
      throw new DelayedError()
    }
    // One run of this job: its claim is its own (a second run of the same job, after a Redis restart, is another).
    const holder = randomUUID()
    const part = claims && job.id && job.data.outboxKey ? [{ part: job.id, key: job.data.outboxKey }] : []
    const ids = part.map((p) => p.part)
    if (part.length && claims && !(await claims.claim(part, holder)).size) {
      // Sent already (its row marked), or being sent by the run that claimed it: nothing to do here.
      log.debug({ jobId: job.id, account: transport.accountId }, 'post claimed elsewhere or sent: not sent again')
      await alongWith(job, token, holder)
      return
    }
    try {
      await put(job.data)
    } catch (e) {
      await claims?.release(ids, holder)
      if (e instanceof NotInRoomError) {
        await hooks.onLeftRoom?.(transport.accountId, job.data.roomId)
        throw new UnrecoverableError(e.message)
      }
      await providerSaid(e, job, token)
      // The link went down under this send: wait for it again instead of spending the job's retries.
      if (gate && transport.status().state !== 'logged_in') {
        await job.moveToDelayed(Date.now() + LATER_MS, token)
        throw new DelayedError()
      }
      throw e
    }
    await sent(job.data)
    if (!job.data.last) await claims?.partsSent(ids, holder)
    await alongWith(job, token, holder)
  }
  const worker = createWorker<OutboundJob>(outboundQueueName(transport.accountId), send, {
    env,
    log,
    role: 'sender',
    bindings: { account: transport.accountId },
    // Unpaced, several jobs at once; taking along, one job at a time sends the batch (rooms side by side).
    concurrency: pace || takeAlong ? 1 : 32,
    // A send cut off by a Redis restart stays active until its lock lapses: the same lock as every worker.
    lockMs,
    ...(pace ? { limiter: { max: 1, duration: Math.round(1000 / pace.messagesPerSec) } } : {}),
  }) as Worker<OutboundJob> & { gate?: LinkGate }
  if (gate) worker.gate = gate
  worker.on('failed', (job, err) => {
    if (!job) return
    const gaveUp = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
    if (!gaveUp) return // it will be retried
    hooks.metrics?.outboxFailures.inc({ account: transport.accountId })
    if (hooks.onFailed && job.data.outboxKey)
      hooks
        .onFailed(job.data.outboxKey, err.message)
        .catch((e) => log.warn({ err: (e as Error).message, key: job.data.outboxKey }, 'could not record a failed send'))
  })
  return worker
}
