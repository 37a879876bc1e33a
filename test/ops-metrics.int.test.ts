// Issue #25: monitoring that sees the failures that matter. /metrics reads from PostgreSQL what waits (unhandled inbox
// rows and the oldest's age, unsent outbox rows and the oldest's age, posts that gave up, timers overdue) and each
// account's recorded state — so a Redis flush or a dead gateway does not hide them — with the stores' reachability
// and Node's default metrics under their standard names. Every metric the sample alert rules and the Grafana dashboard
// (deploy/monitoring/) name exists.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { loadOrgFile } from '../src/config/org-file.ts'
import { createLogger } from '../src/core/logger.ts'
import { Metrics } from '../src/core/metrics.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp, type App } from '../src/main.ts'
import { FileMediaStore } from '../src/storage/file-media-store.ts'
import { GuardedMediaStore } from '../src/storage/media-guard.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { until } from './helpers/wait.ts'

const root = path.resolve(import.meta.dirname, '..')
let stores: TestStores
let app: App | null = null
const metrics = new Metrics({ processMetrics: true })

beforeAll(async () => {
  stores = await freshStores()
  await importOrg(stores.db.prisma, await loadOrgFile(DEMO_ORG))
  // A worker in virtual time: nothing sweeps the rows this test writes, so the gauges read them as they are.
  app = await startApp({
    role: 'worker',
    env: stores.env,
    infra: stores.infra,
    log: createLogger('silent'),
    metrics,
    virtualTime: true,
    media: new GuardedMediaStore(new FileMediaStore(mkdtempSync(path.join(os.tmpdir(), 'gridbot-media-')))),
  })
})
afterAll(async () => {
  await app?.stop()
  await stores?.cleanup()
})

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.split(' ')[1])
}

describe('/metrics from the database', () => {
  it('counts what waits in the inbox and outbox, posts that gave up, and the accounts’ recorded state; stores up', async () => {
    const db = stores.db.prisma
    const now = Date.now()
    await db.inboxMessage.create({
      data: {
        accountId: 'bot-main',
        messageId: 'm1',
        conversation: 'bot-main/r',
        payload: {},
        receivedAt: new Date(now - 600_000),
        messageAt: new Date(now - 600_000),
      },
    })
    await db.outboxMessage.create({ data: { key: 'k1', accountId: 'bot-main', roomId: 'r@chatroom', text: 'x', createdAt: new Date(now - 300_000) } })
    await db.outboxMessage.create({
      data: { key: 'k2', accountId: 'bot-main', roomId: 'r@chatroom', text: 'y', createdAt: new Date(now), failedAt: new Date(now), failReason: 'gave up' },
    })
    await db.botAccount.update({ where: { id: 'bot-main' }, data: { state: 'logged_out' } })
    // A scrape leaves out a gauge whose query is slower than 2 s (a loaded machine): read until one has them all.
    let text = ''
    await until('a scrape with every gauge', async () => {
      text = await metrics.text()
      return [
        'gridbot_inbox_unhandled{source="database"}',
        'gridbot_outbox_unsent{source="database"}',
        'gridbot_outbox_failed{source="database"}',
        'gridbot_timers_overdue{kind="task"}',
        'gridbot_account_db_state{account="bot-main",state="logged_out"}',
        'gridbot_store_up{store="media"}',
      ].every((s) => value(text, s) !== undefined)
    })
    expect(value(text, 'gridbot_inbox_unhandled{source="database"}')).toBe(1)
    expect(value(text, 'gridbot_inbox_oldest_unhandled_age_seconds{source="database"}')).toBeGreaterThanOrEqual(600)
    expect(value(text, 'gridbot_outbox_unsent{source="database"}')).toBe(1)
    expect(value(text, 'gridbot_outbox_oldest_unsent_age_seconds{source="database"}')).toBeGreaterThanOrEqual(300)
    expect(value(text, 'gridbot_outbox_failed{source="database"}')).toBe(1)
    expect(value(text, 'gridbot_timers_overdue{kind="task"}')).toBe(0)
    expect(value(text, 'gridbot_account_db_state{account="bot-main",state="logged_out"}')).toBe(1)
    expect(value(text, 'gridbot_account_db_state{account="bot-main",state="logged_in"}')).toBe(0)
    for (const store of ['database', 'redis', 'media']) expect(value(text, `gridbot_store_up{store="${store}"}`), store).toBe(1)
    // Node's own, under the names stock dashboards use.
    expect(text).toMatch(/^process_resident_memory_bytes \d/m)
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m)
    expect(text).not.toContain('gridbot_process_')
  })

  it('every metric the alert rules and the dashboard name exists', async () => {
    const text = await metrics.text()
    const defined = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === 'histogram' ? [name!, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name!],
      ),
    )
    const rules = YAML.parse(readFileSync(path.join(root, 'deploy/monitoring/prometheus-rules.yml'), 'utf8')) as { groups: { rules: { expr: string }[] }[] }
    const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/monitoring/grafana-dashboard.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[]
    }
    const exprs = [...rules.groups.flatMap((g) => g.rules.map((r) => r.expr)), ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))]
    const named = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:gridbot|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!)))
    expect(named.size).toBeGreaterThan(15)
    const missing = [...named].filter((n) => !defined.has(n))
    expect(missing).toEqual([])
    // And the check is not vacuous: a name that does not exist is caught.
    expect(defined.has('gridbot_no_such_metric')).toBe(false)
  })
})
