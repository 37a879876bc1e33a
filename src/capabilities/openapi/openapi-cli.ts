// `gridbot api-key create|list|revoke`: the open API's keys, from the command line (the key is printed once).
import type { Command } from 'commander'
import type { Db } from '../../db/client.ts'
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.ts'
import { openApiTexts } from './openapi.texts.ts'

/** How a command gets the database (migrated) and gives it back. */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>

export function registerOpenApiCommands(program: Command, withDb: WithDb, print: (line: string) => void): void {
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
