// An office's sheet carries no account columns: importing it (e.g. `gridbot org export --out roster.xlsx`, edited,
// imported again) must not clear an account's name or sending pace that the YAML org file set.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templateData } from '../helpers/template-db.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { writeOrgFile } from '../../src/config/org-write.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { exportRoster } from '../../src/app/org-import.ts'
import { importOrg } from '../../src/app/org-import.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-reimport-'))
let db: Database

beforeAll(async () => {
  db = await openDatabase({ pgliteData: templateData() })
  const yaml = path.join(dir, 'org.yaml')
  writeFileSync(
    yaml,
    `district: 二七区
accounts: [{ id: bot-main, name: 网格助手1号, messagesPerSec: 0.5 }]
units: [{ name: 人和路街道, kind: town }]
rooms: [{ topic: 人和路街道工作群, unit: 人和路街道, account: bot-main }]
members: [{ name: 刘书记, wxid: wxid_liu, unit: 人和路街道, role: supervisor, rooms: [人和路街道工作群] }]
`,
  )
  await importOrg(db.prisma, await loadOrgFile(yaml))
})
afterAll(() => db?.close())

describe('re-importing the exported sheet', () => {
  it("keeps the accounts' name and pace the sheet has no column for", async () => {
    const xlsx = path.join(dir, 'roster.xlsx')
    await writeOrgFile(xlsx, (await exportRoster(db.prisma)).spec)
    await importOrg(db.prisma, await loadOrgFile(xlsx))
    expect(await db.prisma.botAccount.findUnique({ where: { id: 'bot-main' } })).toMatchObject({ name: '网格助手1号', messagesPerSec: 0.5 })
  })

  it('a YAML file that sets them still changes them', async () => {
    const yaml = path.join(dir, 'org2.yaml')
    writeFileSync(
      yaml,
      `district: 二七区
accounts: [{ id: bot-main, name: 网格助手, messagesPerSec: 1 }]
units: [{ name: 人和路街道, kind: town }]
rooms: [{ topic: 人和路街道工作群, unit: 人和路街道, account: bot-main }]
members: [{ name: 刘书记, wxid: wxid_liu, unit: 人和路街道, role: supervisor, rooms: [人和路街道工作群] }]
`,
    )
    await importOrg(db.prisma, await loadOrgFile(yaml))
    expect(await db.prisma.botAccount.findUnique({ where: { id: 'bot-main' } })).toMatchObject({ name: '网格助手', messagesPerSec: 1 })
  })
})
