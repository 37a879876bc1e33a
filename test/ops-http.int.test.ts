// Done-when of the operations kit: the compiled build (dist/, plain node) started as production starts it —
// `gridbot start` against real PostgreSQL and Redis, its WeChat account behind wechaty-puppet-service (a loopback
// PuppetServer serving the mock puppet) — answers /healthz and /readyz, and its /metrics move as messages flow; the
// queue board is closed without the admin token and retries and removes a job with it. Every stdout line is JSON.
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../src/config/org-file.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { importOrg } from '../src/app/org-import.ts'
import { COMPILED_CLI, runCli, sample, type CliProcess } from './helpers/cli-process.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { startMockPuppetService, type MockPuppetService } from './helpers/puppet-service.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { pipelineIdle, until } from './helpers/wait.ts'
import { workerEnv } from './helpers/worker-process.ts'

const ADMIN_TOKEN = 'test-admin-token-0123456789'
let stores: TestStores
let svc: MockPuppetService
let bot: CliProcess
let base: string

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  await importOrg(stores.db.prisma, spec)
  svc = await startMockPuppetService(spec, 'bot-main', stores.db.prisma)
  bot = runCli(
    COMPILED_CLI,
    ['start'],
    workerEnv(stores, {
      // debug: Wechaty's verbose lines come through too, so the test sees them routed into the JSON stream.
      LOG_LEVEL: 'debug',
      GRIDBOT_HTTP_PORT: '0',
      GRIDBOT_ADMIN_TOKEN: ADMIN_TOKEN,
      GRIDBOT_TOKENS: `bot-main=${svc.token}`,
      WECHATY_PUPPET_SERVICE_ENDPOINT: svc.endpoint,
      GRIDBOT_PACE_JITTER_MS: '0',
      GRIDBOT_PACE_PER_SEC: '20',
    }),
  )
  const listening = await bot.waitFor((l) => l.msg === 'http listening')
  base = `http://127.0.0.1:${listening.port}`
  await bot.waitFor((l) => l.msg === 'ready to serve', 90_000)
})

afterAll(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGTERM')
    await bot.exited
  }
  await svc?.stop()
  await stores?.cleanup()
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' })
const metrics = async () => (await get('/metrics')).text()

describe('the compiled build on PostgreSQL and Redis', () => {
  it('is healthy, and ready once its account is logged in, naming the account', async () => {
    expect((await get('/healthz')).status).toBe(200)
    let body: { ready: boolean; accounts: { id: string; state: string }[]; database: { ok: boolean }; redis: { ok: boolean } } | null = null
    await until('readyz 200', async () => {
      const r = await get('/readyz')
      body = await r.json()
      return r.status === 200
    })
    expect(body!).toMatchObject({ ready: true, database: { ok: true }, redis: { ok: true }, accounts: [{ id: 'bot-main', state: 'logged_in' }] })
  })

  it('counts messages in and out, commands by outcome, queues and the account state on /metrics', async () => {
    const before = await metrics()
    expect(sample(before, 'gridbot_account_state', { account: 'bot-main', state: 'logged_in' })).toBe(1)
    expect(before).toMatch(/^process_resident_memory_bytes /m)
    const inBefore = sample(before, 'gridbot_messages_received_total', { account: 'bot-main' })
    const outBefore = sample(before, 'gridbot_messages_sent_total', { account: 'bot-main' })
    svc.say('wxid_lijiaxin', '华府社区5号网格群', '#签到 走访 5户')
    svc.say('wxid_lijiaxin', '华府社区5号网格群', '#认领 T999')
    await until('the check-in confirmed', async () => svc.botSaid.some((l) => l.text.includes('签到成功')))
    let after = ''
    await until('metrics moved', async () => {
      after = await metrics()
      // Both answers out (counted from before: anything the bot said earlier must not stand for the refusal's).
      return sample(after, 'gridbot_messages_sent_total', { account: 'bot-main' }) >= outBefore + 2
    })
    expect(sample(after, 'gridbot_messages_received_total', { account: 'bot-main' })).toBe(inBefore + 2)
    expect(sample(after, 'gridbot_commands_total', { command: '签到', outcome: 'ok' })).toBe(1)
    expect(sample(after, 'gridbot_commands_total', { command: '认领', outcome: 'refused' })).toBe(1)
    const inboundDone = after
      .split('\n')
      .filter((l) => l.startsWith('gridbot_queue_jobs{') && l.includes('queue="inbound-') && l.includes('state="completed"'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0)
    expect(inboundDone).toBeGreaterThanOrEqual(2)
    expect(after).toMatch(/gridbot_queue_oldest_waiting_seconds\{queue="outbound-bot-main"\} \d/)
    expect(after).toContain('# TYPE gridbot_timer_lateness_seconds histogram')
    expect(after).toContain('# TYPE gridbot_notice_sla_compliance_ratio gauge')
    expect(after).toContain('gridbot_outbox_failures_total')
  })

  it('keeps the queue board behind the admin token, and retries and removes a job from it', async () => {
    expect((await get('/admin/queues')).status).toBe(401)
    expect((await get('/admin/queues', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401)
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }
    const page = await get('/admin/queues', auth)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html')
    // A browser: ?token= once sets the cookie and drops the token from the address.
    const login = await get(`/admin/queues?token=${ADMIN_TOKEN}`)
    expect(login.status).toBe(302)
    expect(login.headers.get('set-cookie')).toContain('gridbot_admin_session=')
    expect(login.headers.get('set-cookie')).not.toContain(ADMIN_TOKEN)
    const list = (await (await get('/admin/queues/api/queues', auth)).json()) as { queues: { name: string }[] }
    const names = list.queues.map((q) => q.name)
    expect(names).toEqual(expect.arrayContaining(['inbound-0', 'timers', 'outbound-bot-main']))

    const redis = new Redis(redisOptions(stores.redisUrl, { maxRetriesPerRequest: null }) as never)
    const queues = names
      .filter((n) => n.startsWith('inbound-') || n.startsWith('outbound-'))
      .map((n) => new Queue(n, { connection: redis, prefix: stores.prefix }))
    try {
      const done = (await Promise.all(queues.filter((q) => q.name.startsWith('inbound-')).map((q) => q.getCompleted()))).flat()
      const job = done[0]!
      const q = job.queueName
      const said = svc.botSaid.length
      const retried = await fetch(`${base}/admin/queues/api/queues/${q}/${encodeURIComponent(job.id!)}/retry`, { method: 'PUT', headers: auth })
      expect(retried.status).toBe(204)
      const shard = queues.find((x) => x.name === q)!
      await until('the retried job ran again', async () => (await shard.getJob(job.id!))?.finishedOn !== job.finishedOn)
      // Ran again, handled once: the inbox row was already marked, so nothing more is said (once nothing is in flight).
      await until('nothing left in flight', () => pipelineIdle({ queues: async () => queues }, stores.db.prisma))
      expect(svc.botSaid.length).toBe(said)
      const removed = await fetch(`${base}/admin/queues/api/queues/${q}/${encodeURIComponent(job.id!)}/clean`, { method: 'PUT', headers: auth })
      expect(removed.status).toBe(204)
      expect(await shard.getJob(job.id!)).toBeUndefined()
    } finally {
      await Promise.all(queues.map((q) => q.close()))
      redis.disconnect()
    }
  })

  it('logs one JSON stream (Wechaty included), masks the puppet token, and stops cleanly on SIGTERM', async () => {
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(bot.lines.filter((l) => 'raw' in l)).toEqual([])
    expect(bot.lines.some((l) => l.source === 'wechaty')).toBe(true)
    expect(JSON.stringify(bot.lines)).not.toContain(svc.token)
    expect(bot.stderr()).toBe('')
  })
})
