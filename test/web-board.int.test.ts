// The board and the org view in Debian's Chromium, over the whole app (real Wechaty on the mock, BullMQ, PostgreSQL):
// an urgent task climbs on the board after +3分钟 without a reload, a notice's acknowledgement cell turns green when
// a grid answers 收到, account states and check-ins are shown, the screenshot renders Chinese and emoji, the roster
// exports; the pages work at phone width (390 × 844: the tree a drawer, tables reflowed, a screenshot beside the
// desktop one); and a change without the page's CSRF token is refused even in the simulator.
import http from 'node:http'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { ConsoleServer } from '../src/web/serve.ts'
import { launchBrowser, outputFile, type TestBrowser } from './helpers/browser.ts'
import { serveTestConsole } from './helpers/console.ts'
import { expectRendered } from './helpers/glyphs.ts'
import { testSim, type TestSim } from './helpers/sim.ts'

describe('web console: board and org view', () => {
  let sim: TestSim
  let server: ConsoleServer
  let browser: TestBrowser
  let chat: Page
  let board: Page

  /** Types as a person in a group, through the simulator page. */
  const say = async (room: string, person: string, text: string) => {
    await chat.goto(`${server.url}?room=${encodeURIComponent(room)}`)
    await chat.locator('.sim[data-ready="true"]').waitFor()
    await chat.getByLabel('发言人').selectOption({ label: person })
    await chat.getByLabel('消息').fill(text)
    // The server answers once the bot has answered (the simulator settled).
    const answered = chat.waitForResponse((r) => r.url().endsWith('/api/sim/say'))
    await chat.getByRole('button', { name: '发送', exact: true }).click()
    expect((await answered).status()).toBe(200)
  }
  const panelVersion = () => board.locator('#panel').getAttribute('data-version')

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
    server = await serveTestConsole(sim, 'sim')
    browser = await launchBrowser()
    chat = await browser.page()
    board = await browser.page()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await sim?.close()
  })

  it('shows an urgent task climbing after +3分钟, live, with its state, level, age and next step', async () => {
    await say('华府社区5号网格群', '李佳鑫（网格员）', '#任务 清理5号楼消防通道 紧急')
    await chat.locator('#messages .msg.bot', { hasText: '已创建任务 T1' }).waitFor()
    await board.goto(`${server.url}board`)
    const row = board.locator('#tasks tr[data-id="T1"]')
    await expect(row.getAttribute('data-level')).resolves.toBe('-1')
    expect(await row.innerText()).toMatch(/清理5号楼消防通道[\s\S]*待认领[\s\S]*未升级[\s\S]*0分钟[\s\S]*11月20日 09:03/)
    const v = await panelVersion()
    await chat.getByRole('button', { name: '+3分钟' }).click()
    // No reload: the panel is swapped in when the page hears of the change.
    await board.locator('#tasks tr[data-id="T1"][data-level="0"]').waitFor()
    expect(await panelVersion()).not.toBe(v)
    expect(await board.locator('#tasks tr[data-id="T1"]').innerText()).toMatch(/本群催办[\s\S]*3分钟[\s\S]*11月20日 09:06/)
    await chat.getByRole('button', { name: '+3分钟' }).click()
    await board.locator('#tasks tr[data-id="T1"][data-level="1"]').waitFor()
    expect(await board.locator('#tasks tr[data-id="T1"] td.level').innerText()).toBe('上报第1级')
  })

  it("turns a grid's acknowledgement cell green when its cadre answers 收到", async () => {
    await say('人和路街道工作群', '刘书记（负责人）', '#通知 今晚有暴雨,请各网格排查低洼地带')
    await chat.locator('#messages .msg.bot', { hasText: '通知 B1 开始发送' }).waitFor()
    await board.goto(`${server.url}board`)
    const cell = board.locator('.notice[data-id="B1"] .cell[aria-label^="华府社区5号网格群:"]')
    await expect(cell.getAttribute('class')).resolves.toBe('cell wait')
    expect(await board.locator('.notice[data-id="B1"] .cell').count()).toBe(5)
    expect(await board.locator('.notice[data-id="B1"] h3').innerText()).toMatch(/时限 11月20日 09:\d\d · 下一步 11月20日 09:\d\d/)
    await say('华府社区5号网格群', '李佳鑫（网格员）', '收到')
    await board.locator('.notice[data-id="B1"] .cell.ack[aria-label="华府社区5号网格群:已确认"]').waitFor()
    expect(
      await board.locator('.notice[data-id="B1"] .cell.ack[aria-label="华府社区5号网格群:已确认"]').evaluate((e) => getComputedStyle(e).backgroundColor),
    ).toBe('rgb(46, 164, 79)')
    expect(await board.locator('.notice[data-id="B1"] .cell.wait').count()).toBe(4)
    expect(await board.locator('.notice[data-id="B1"] h3').innerText()).toContain('已确认 1/5')
  })

  it("shows each account's state and backlog, today's check-ins per child unit, and a unit's subtree only", async () => {
    await say('华府社区5号网格群', '李佳鑫（网格员）', '#签到 走访 3户')
    await chat.locator('#messages .msg.bot', { hasText: '签到成功' }).waitFor()
    await board.goto(`${server.url}board`)
    const account = board.locator('#accounts tr[data-id="bot-main"]')
    await expect(account.getAttribute('data-state')).resolves.toBe('logged_in')
    expect(await account.locator('td.backlog').innerText()).toBe('0')
    // The district's child is the town: its row counts the grid's check-in.
    expect(await board.locator('#checkins tr[data-unit="人和路街道"] td.count').innerText()).toBe('1')
    // Down to the community: its grids are the rows; the other community's task list is not its business.
    await board.getByRole('link', { name: '人和路街道' }).click()
    await board.getByRole('link', { name: '华府社区', exact: true }).click()
    await expect(board.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('华府社区')
    expect(await board.locator('#checkins tr[data-unit="华府社区5号网格"] td.count').innerText()).toBe('1')
    expect(await board.locator('#checkins tr[data-unit="华府社区6号网格"] td.count').innerText()).toBe('0')
    // The town's notice reached the community's three rooms: only their cells are shown here.
    expect(await board.locator('.notice[data-id="B1"] .cell').count()).toBe(3)
    expect(await board.locator('.notice[data-id="B1"] .cell[aria-label^="正商社区"]').count()).toBe(0)
    // The task of another community's subtree would not be listed; this one is the community's own grid's.
    expect(await board.locator('#tasks tr[data-id="T1"]').count()).toBe(1)

    await board.goto(`${server.url}board`)
    await board.screenshot({ path: outputFile('board.png'), fullPage: true })
    await expectRendered(board, 'main.board h2', ['未', '完', '成', '任', '务', '隐', '患'], ['✅', '⚠️', '📋'])
  })

  it('works at phone width, 390 × 844 (issue #29): the group tree is a drawer, the chat takes the screen, table rows reflow into cards', async () => {
    const phone = await browser.page()
    await phone.setViewportSize({ width: 390, height: 844 })
    const noSideScroll = async () => expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    // The simulator: the chat pane has the width; the tree waits behind ☰.
    await phone.goto(`${server.url}?room=${encodeURIComponent('华府社区5号网格群')}`)
    await phone.locator('.sim[data-ready="true"]').waitFor()
    await noSideScroll()
    const messages = (await phone.locator('#messages').boundingBox())!
    expect(messages.x).toBeGreaterThanOrEqual(0)
    expect(messages.width).toBeGreaterThanOrEqual(370)
    expect(await phone.locator('#group-tree').isVisible()).toBe(false)
    await phone.getByRole('button', { name: '☰ 群列表' }).click()
    await phone.locator('#group-tree').waitFor({ state: 'visible' })
    // It slides in (a short transition): its place once it has.
    await expect.poll(async () => (await phone.locator('#group-tree').boundingBox())!.x).toBeGreaterThanOrEqual(0)
    const tree = (await phone.locator('#group-tree').boundingBox())!
    expect(tree.x + tree.width).toBeLessThanOrEqual(390)
    await phone.getByRole('link', { name: '华府社区群', exact: true }).click()
    await phone.locator('.sim[data-ready="true"]').waitFor()
    await expect(phone.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('华府社区群')
    expect(await phone.locator('#group-tree').isVisible()).toBe(false)
    const composer = (await phone.getByRole('button', { name: '发送', exact: true }).boundingBox())!
    expect(composer.x + composer.width).toBeLessThanOrEqual(390)
    expect(composer.y + composer.height).toBeLessThanOrEqual(844)
    await phone.screenshot({ path: outputFile('simulator-phone.png') })

    // The board: every task's fields on full-width labelled lines, not a word per line.
    await phone.goto(`${server.url}board`)
    await noSideScroll()
    const title = phone.locator('#tasks tr[data-id="T1"] td[data-label="内容"]')
    const box = (await title.boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(340)
    expect(box.height).toBeLessThan(40) // one line: 内容 清理5号楼消防通道
    expect(await title.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"内容"')
    for (const id of ['accounts', 'checkins']) {
      const t = (await phone.locator(`#${id}`).boundingBox())!
      expect(t.x + t.width, id).toBeLessThanOrEqual(390)
    }
    await phone.screenshot({ path: outputFile('board-phone.png'), fullPage: true })
    await expectRendered(phone, 'main.board h2', ['未', '完', '成', '任', '务'], ['📋'])
    await phone.close()
  })

  it('shows the org tree with roles and bindings, and exports the roster as xlsx', async () => {
    await board.goto(`${server.url}org`)
    await board.screenshot({ path: outputFile('org.png') })
    const community = board.locator('.org-unit.community', { hasText: '华府社区群' }).first()
    expect(await community.innerText()).toMatch(/王书记[\s\S]*负责人/)
    expect(await board.locator('.rooms li', { hasText: '华府社区5号网格群' }).innerText()).toContain('已绑定(bot-main)')
    const res = await board.request.get(`${server.url}org/roster.xlsx`)
    expect(res.status()).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('花名册')!
    const rows = sheet.getSheetValues().slice(2) as unknown[][]
    expect(sheet.getRow(1).values).toContain('姓名')
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(['赵管理', '王书记', '李佳鑫', '小杨']))
    expect(rows.find((r) => r[1] === '李佳鑫')).toEqual(expect.arrayContaining(['网格员', '华府社区5号网格', 'wxid_lijiaxin']))
  })

  it('refuses a change without the CSRF token, even on 127.0.0.1', async () => {
    const body = { room: '华府社区5号网格群', from: 'wxid_lijiaxin', text: '#签到 巡查 1户' }
    const before = sim.world.transcript.length
    const refused = await fetch(`${server.url}api/sim/say`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(refused.status).toBe(403)
    // A form post from another site carries neither the token nor the right origin.
    const crossSite = await fetch(`${server.url}api/sim/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: 'ms=86400000',
    })
    expect(crossSite.status).toBe(403)
    expect(sim.world.transcript.length).toBe(before)
    // Under another host name (a rebinding page's), the simulator answers nothing at all.
    const { port } = new URL(server.url)
    const rebound = await new Promise<number>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (r) => resolve(r.statusCode ?? 0)).on('error', reject),
    )
    expect(rebound).toBe(421)
  })
})
