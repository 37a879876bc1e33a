// The console in production's login mode, over the whole app: nothing without a session; a supervisor gets a one-time
// code from the bot in their own group (#登录), logs in in Chromium, sees only their subtree, and a guessed URL of
// another subtree is 403. Sessions live in the database (a second console process accepts the same cookie), expire,
// and every change needs the session's CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createLogger } from '../src/core/logger.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { consoleRoutes } from '../src/web/production-server.ts'
import { createHttpServer } from '../src/http/server.ts'
import { healthRoutes } from '../src/http/health.ts'
import type { ConsoleServer } from '../src/web/serve.ts'
import { launchBrowser, type TestBrowser } from './helpers/browser.ts'
import { serveTestConsole } from './helpers/console.ts'
import { botSaid, testSim, type TestSim } from './helpers/sim.ts'

const CODE = /登录码:([2-9A-Z]{4}-[2-9A-Z]{4})/

describe('web console: login and scoping (production mode)', () => {
  let sim: TestSim
  let a: ConsoleServer
  let b: ConsoleServer
  let browser: TestBrowser
  let page: Page
  let unitId: (name: string) => Promise<number>

  /** A person asks for a code in a group; returns the bot's reply there. */
  const ask = async (room: string, person: string) => {
    const before = botSaid(sim, room).length
    sim.world.say(sim.world.person(person), room, '#登录')
    await sim.settle()
    return botSaid(sim, room).slice(before).join('\n')
  }
  const codeFrom = (reply: string) => {
    const m = CODE.exec(reply)
    if (!m) throw new Error(`no code in: ${reply}`)
    return m[1]!
  }
  const logIn = async (p: Page, code: string) => {
    await p.goto(`${a.url}login`)
    await p.getByLabel('登录码').fill(code)
    await p.getByRole('button', { name: '登录' }).click()
    await p.waitForLoadState()
  }
  const get = (server: ConsoleServer, path: string, cookie = '', accept = 'text/html') =>
    fetch(`${server.url}${path.replace(/^\//, '')}`, { headers: { cookie, accept }, redirect: 'manual' })

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
    a = await serveTestConsole(sim, 'login')
    b = await serveTestConsole(sim, 'login')
    browser = await launchBrowser()
    page = await browser.page()
    unitId = async (name) => (await orgRepo.unitByName(sim.infra.db.prisma, (await orgRepo.findDistrict(sim.infra.db.prisma, '二七区'))!.id, name))!.id
    // Work in two communities: only one of them is 王书记's.
    sim.world.say(sim.world.person('李佳鑫'), '华府社区5号网格群', '#任务 修复3号楼路灯')
    sim.world.say(sim.world.person('周敏'), '正商社区1号网格群', '#任务 清理楼道杂物')
    await sim.settle()
  })
  afterAll(async () => {
    await browser?.close()
    await a?.close()
    await b?.close()
    await sim?.close()
  })

  it('serves nothing of the district without a session, and no simulator in production', async () => {
    const page = await get(a, '/board')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/login')
    for (const path of ['/board/panel', '/org', '/org/roster.xlsx', '/events']) expect((await get(a, path, '', 'application/json')).status).toBe(401)
    expect((await get(a, `/board?unit=${await unitId('华府社区')}`, '', 'application/json')).status).toBe(401)
    expect((await get(a, '/api/sim/messages?room=华府社区群')).status).toBe(404)
    const login = await get(a, '/login')
    expect(login.status).toBe(200)
    expect(await login.text()).not.toContain('修复3号楼路灯')
  })

  it('is served by gridbot start beside health and metrics on the process server, and asks for a login there too', async () => {
    const log = createLogger('silent')
    const server = createHttpServer({ host: '127.0.0.1', port: 0, log })
    server.mount('/', healthRoutes({ database: async () => undefined, redis: async () => undefined, accounts: () => [] }))
    server.mount('/', consoleRoutes({ db: sim.infra.db.prisma, transports: sim.app.transports, log }))
    const { url } = await server.listen()
    try {
      const at = (p: string) => fetch(new URL(p, url), { headers: { accept: 'text/html' }, redirect: 'manual' })
      const board = await at('/board')
      expect(board.status).toBe(303)
      expect(board.headers.get('location')).toBe('/login')
      expect((await at('/login')).status).toBe(200)
      expect((await at('/healthz')).status).toBe(200) // the operations routes still answer first
      expect((await at('/nothing-here')).status).toBe(404) // what the console does not answer goes on
    } finally {
      await server.close()
    }
  })

  it('gives a one-time code only to admins and supervisors, only in their own unit’s group', async () => {
    expect(await ask('华府社区5号网格群', '李佳鑫')).toContain('仅限管理员、负责人使用')
    expect(await ask('华府社区5号网格群', '王书记')).toContain('请在本单位(华府社区)的群里发送 #登录')
    const reply = await ask('华府社区群', '王书记')
    expect(reply).toMatch(CODE)
    expect(reply).toContain('@王书记')
  })

  it('logs a supervisor in with the code read from the group, showing only their subtree; guessed URLs elsewhere are 403', async () => {
    const code = codeFrom(botSaid(sim, '华府社区群').join('\n'))
    await logIn(page, code)
    expect(new URL(page.url()).pathname).toBe('/board')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('华府社区')
    expect(await page.locator('.who').innerText()).toContain('王书记')
    // Their community's task is there; the other community's is not, and nothing links above or beside them.
    expect(await page.locator('#tasks').innerText()).toContain('修复3号楼路灯')
    expect(await page.locator('main').innerText()).not.toContain('清理楼道杂物')
    expect(await page.locator('.units a').allInnerTexts()).toEqual(['华府社区5号网格', '华府社区6号网格'])

    for (const path of [
      `/board?unit=${await unitId('正商社区')}`,
      `/board/panel?unit=${await unitId('正商社区1号网格')}`,
      `/org?unit=${await unitId('二七区')}`,
      `/org/roster.xlsx?unit=${await unitId('人和路街道')}`,
      '/board?unit=99999',
    ]) {
      const res = await page.goto(`${a.url}${path.slice(1)}`)
      expect(res?.status(), path).toBe(403)
      expect(await page.locator('main').innerText()).toContain('无权查看')
    }
    expect((await page.goto(`${a.url}board?unit=${await unitId('华府社区6号网格')}`))?.status()).toBe(200)
    await page.goto(`${a.url}org`)
    expect(await page.locator('main').innerText()).not.toContain('周敏')
    expect(await page.locator('main').innerText()).toContain('李佳鑫')
  })

  it('keeps the session in the database: another console process accepts it; a used code is refused', async () => {
    const cookies = await browser.context.cookies(a.url)
    const session = cookies.find((c) => c.name === 'gridbot_session')!
    expect(session.httpOnly).toBe(true)
    const res = await get(b, '/board', `gridbot_session=${session.value}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('修复3号楼路灯')

    const other = await browser.context.browser()?.newContext()
    const p2 = other ? await other.newPage() : await browser.page()
    const used = codeFrom(botSaid(sim, '华府社区群').join('\n'))
    await p2.goto(`${a.url}login`)
    await p2.getByLabel('登录码').fill(used)
    await p2.getByRole('button', { name: '登录' }).click()
    await p2.locator('[role="alert"]').waitFor()
    expect(await p2.locator('[role="alert"]').innerText()).toContain('登录码无效、已使用或已过期')
  })

  it('refuses state-changing requests without the CSRF token', async () => {
    const cookie = `gridbot_session=${(await browser.context.cookies(a.url)).find((c) => c.name === 'gridbot_session')!.value}`
    const noToken = await fetch(`${a.url}logout`, { method: 'POST', headers: { cookie }, redirect: 'manual' })
    expect(noToken.status).toBe(403)
    const wrongToken = await fetch(`${a.url}logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=guessed',
      redirect: 'manual',
    })
    expect(wrongToken.status).toBe(403)
    // The login form itself: no double-submit cookie, no login (even with a valid code).
    const code = codeFrom(await ask('华府社区群', '王书记'))
    const forged = await fetch(`${a.url}login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: `code=${code}&_csrf=x`,
      redirect: 'manual',
    })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('set-cookie')).toBeNull()
    // Still logged in: the refused requests changed nothing.
    expect((await get(b, '/board', cookie)).status).toBe(200)
  })

  it('logs out with the token (the session is gone for every process), and sessions expire', async () => {
    const cookie = `gridbot_session=${(await browser.context.cookies(a.url)).find((c) => c.name === 'gridbot_session')!.value}`
    await page.goto(`${a.url}board`)
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.waitForURL(/\/login$/)
    expect((await get(b, '/board', cookie)).status).toBe(303)

    // An admin sees the whole district; after 8 hours the session is over.
    await logIn(page, codeFrom(await ask('二七区网格总群', '赵管理')))
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('二七区')
    expect((await page.goto(`${a.url}board?unit=${await unitId('正商社区')}`))?.status()).toBe(200)
    expect(await page.locator('#tasks').innerText()).toContain('清理楼道杂物')
    sim.clock.set(new Date(sim.clock.now().getTime() + 8 * 3600_000 + 60_000))
    await page.goto(`${a.url}board`)
    expect(new URL(page.url()).pathname).toBe('/login')
  })
})
