// `gridbot api-key create|list|revoke`: the open API's keys, from the command line (the key is printed once).
import type { Command } from 'commander'
import type { Db } from '../../db/client.ts'
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.ts'
import { openApiTexts } from './openapi.texts.ts'
import { WEBHOOK_EVENTS } from './webhook-subscribers.ts'
import { addWebhook, failedDeliveries, listWebhooks, removeWebhook, retryDelivery } from './webhook.service.ts'

/** How a command gets the database (migrated) and gives it back. */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>

export function registerOpenApiCommands(program: Command, withDb: WithDb, print: (line: string) => void, allowLocal: () => boolean = () => false): void {
  registerApiKeyCommands(program, withDb, print)
  registerWebhookCommands(program, withDb, print, allowLocal)
}

// Long because it is the `webhooks` command table: five subcommands, each a few lines.
function registerWebhookCommands(program: Command, withDb: WithDb, print: (line: string) => void, allowLocal: () => boolean): void {
  const cmd = program.command('webhooks').description("event webhooks: a unit's subtree's events posted to a URL, signed (HMAC-SHA256)")
  cmd
    .command('add')
    .description('subscribe a URL to events of a unit and its subtree; the signing secret is printed once')
    .requiredOption('--unit <name>', 'the unit whose subtree the events come from')
    .requiredOption('--url <url>', 'http(s) URL to POST to')
    .option('--events <list>', `comma-separated: ${WEBHOOK_EVENTS.join(',')}`)
    .option('--body <name>', 'a body outside the tree (a property manager, a utility): receives the hazards referred to it by this name')
    .option('--district <name>', 'the district, when several hold a unit of that name')
    .option('--owning', "the owning unit's own system: residents' data unmasked")
    .action((o: { unit: string; url: string; events?: string; district?: string; owning?: boolean; body?: string }) =>
      withDb(async (db) => {
        const events = (o.events ?? '')
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
        const r = await addWebhook(db, {
          unit: o.unit,
          district: o.district,
          url: o.url,
          events,
          owning: !!o.owning,
          body: o.body?.trim() || undefined,
          allowLocal: allowLocal(),
          now: new Date(),
        })
        print(openApiTexts.webhookAdded(r.row.id, r.unit.name, r.row.url, r.row.events))
        print(r.row.secret)
      }),
    )
  cmd
    .command('list')
    .description('live subscriptions')
    .action(() =>
      withDb(async (db) => {
        const list = await listWebhooks(db)
        if (!list.length) print(openApiTexts.noWebhooks())
        for (const w of list) print(openApiTexts.webhookLine(w))
      }),
    )
  cmd
    .command('remove <id>')
    .description('unsubscribe')
    .action((id: string) =>
      withDb(async (db) => {
        await removeWebhook(db, Number(id.replace(/^#/, '')), new Date())
        print(openApiTexts.webhookRemoved(Number(id.replace(/^#/, ''))))
      }),
    )
  cmd
    .command('failed')
    .description('deliveries that failed every attempt')
    .action(() =>
      withDb(async (db) => {
        const list = await failedDeliveries(db)
        if (!list.length) print(openApiTexts.noFailed())
        for (const d of list) print(openApiTexts.failedLine(d))
      }),
    )
  cmd
    .command('retry <id>')
    .description('send a failed delivery again (the sweeper queues it)')
    .action((id: string) =>
      withDb(async (db) => {
        await retryDelivery(db, Number(id.replace(/^#/, '')), new Date())
        print(openApiTexts.retried(Number(id.replace(/^#/, ''))))
      }),
    )
}

function registerApiKeyCommands(program: Command, withDb: WithDb, print: (line: string) => void): void {
  const cmd = program.command('api-key').description('keys for the open API (Open311, the read API): per unit subtree, read or read-write')
  cmd
    .command('create')
    .description('create a key for a unit and its subtree; the key is printed once, on a line of its own')
    .requiredOption('--unit <name>', 'the unit whose subtree the key may reach (a district, town, community or grid)')
    .requiredOption('--name <name>', 'who uses it, e.g. the hotline system')
    .option('--district <name>', 'the district, when several hold a unit of that name')
    .option('--write', 'may also file requests (POST), not only read')
    .action((o: { unit: string; name: string; district?: string; write?: boolean }) =>
      withDb(async (db) => {
        const r = await createApiKey(db, { unit: o.unit, district: o.district, name: o.name, write: !!o.write, now: new Date() })
        print(openApiTexts.keyCreated(r.row.id, r.unit.name, r.row.name, r.row.write))
        print(r.key)
      }),
    )
  cmd
    .command('list')
    .description('every key: unit, name, rights, prefix, created, revoked')
    .action(() =>
      withDb(async (db) => {
        const keys = await listApiKeys(db)
        if (!keys.length) print(openApiTexts.noKeys())
        for (const k of keys) print(openApiTexts.keyLine(k))
      }),
    )
  cmd
    .command('revoke <idOrName>')
    .description('revoke a key by its id (#3 → 3) or its name')
    .action((idOrName: string) =>
      withDb(async (db) => {
        const r = await revokeApiKey(db, idOrName.replace(/^#/, ''), new Date())
        print(openApiTexts.keyRevoked(r.key.id, r.key.name, r.changed))
      }),
    )
}
