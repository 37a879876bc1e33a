// `gridbot sim --web` as a newcomer meets it: the real command (embedded PGlite), its terminal shell and its page in
// Debian's Chromium. A check-in typed in the browser is answered on the page and lands in the JSON transcript; the
// shell still works beside it; the page's screenshot shows Chinese text and the bot's emoji as real glyphs.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchBrowser, outputFile, type TestBrowser } from './helpers/browser.ts'
import { expectRendered } from './helpers/glyphs.ts'
import { HANG_MS } from './helpers/wait.ts'

const ROOT = path.resolve(import.meta.dirname, '..')

/** Types a message and presses 发送; resolves when the server answered (after the bot did). */
async function send(page: Page, text: string) {
  await page.getByLabel('消息').fill(text)
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/sim/say'))
  await page.getByRole('button', { name: '发送', exact: true }).click()
  expect((await answered).status()).toBe(200)
}

describe('gridbot sim --web', () => {
  let child: ChildProcessWithoutNullStreams
  let out = ''
  let url = ''
  let dir = ''
  let transcript = ''
  let browser: TestBrowser
  let page: Page

  /** Waits until the command's output contains `text`. */
  const printed = (text: string | RegExp, limitMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => (typeof text === 'string' ? out.includes(text) : text.test(out))
      if (seen()) return resolve()
      const timer = setTimeout(() => reject(new Error(`output never contained ${text}:\n${out}`)), Math.max(limitMs, HANG_MS))
      const on = () => {
        if (seen()) {
          clearTimeout(timer)
          child.stdout.off('data', on)
          resolve()
        }
      }
      child.stdout.on('data', on)
    })

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-web-sim-'))
    transcript = path.join(dir, 'transcript.jsonl')
    child = spawn(process.execPath, [path.join(ROOT, 'bin/gridbot.js'), 'sim', '--web', '0', '--transcript', transcript], {
      cwd: ROOT,
      env: {
        ...process.env,
        GRIDBOT_NO_DOTENV: '1',
        GRIDBOT_DATA_DIR: dir,
        REDIS_URL: inject('redisUrl'),
        GRIDBOT_QUEUE_PREFIX: `web-${path.basename(dir)}`,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
      },
    })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (d: string) => void (out += d))
    child.stderr.on('data', (d: Buffer) => void (out += d.toString()))
    await printed(/网页模拟器:(http:\/\/127\.0\.0\.1:\d+\/)/)
    url = /网页模拟器:(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!
    browser = await launchBrowser()
    page = await browser.page()
  })

  afterAll(async () => {
    await browser?.close()
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints the address, and a check-in typed in the browser is answered on the page and in the JSON transcript', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    await page.goto(url)
    // A newcomer lands in a grid group as its cadre.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('华府社区5号网格群')
    expect(await page.getByLabel('发言人').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.dataset.name)).toBe('李佳鑫')
    await page.locator('.sim[data-ready="true"]').waitFor()
    await send(page, '#签到 走访 3户')
    const reply = page.locator('#messages .msg.bot .bubble', { hasText: '签到成功' })
    await reply.waitFor()
    expect(await reply.textContent()).toContain('走访 3户')
    // The person's own message is on the page too, on the right like WeChat shows one's own.
    expect(await page.locator('#messages .msg.own .bubble', { hasText: '#签到 走访 3户' }).count()).toBe(1)

    const lines = readFileSync(transcript, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { room: string; from: string; text: string; mentions: string[] })
    expect(lines).toContainEqual(expect.objectContaining({ room: '华府社区5号网格群', from: '李佳鑫', text: '#签到 走访 3户' }))
    const bot = lines.find((l) => l.from === '网格助手' && l.text.includes('签到成功'))
    expect(bot).toMatchObject({ room: '华府社区5号网格群', mentions: ['李佳鑫'] })
  })

  it('keeps the terminal shell working beside the browser: what is typed there appears on the page', async () => {
    child.stdin.write('#今日\n')
    const reply = page.locator('#messages .msg.bot .bubble', { hasText: '华府社区5号网格' }).filter({ hasText: '签到 1 次' })
    await reply.waitFor()
    expect(await reply.textContent()).toContain('李佳鑫')
    await printed('签到 1 次')
  })

  it('shows images and locations, moves virtual time with its buttons, and its screenshot renders Chinese and the bot’s emoji', async () => {
    await page.getByText('图片 / 位置').click()
    await page.getByLabel('图片', { exact: true }).setInputFiles(path.join(ROOT, 'test/fixtures/street.png'))
    await page.getByRole('button', { name: '发送图片' }).click()
    await page.locator('#messages .msg.own img').waitFor()
    await page.getByRole('button', { name: '发送位置' }).click()
    await page.locator('#messages .msg.own .bubble.location', { hasText: '华府小区3号楼' }).waitFor()

    // An urgent task (📋), then two +3分钟: it climbs to the community's group (⚠️).
    await send(page, '#任务 清理5号楼消防通道 紧急')
    await page.locator('#messages .msg.bot .bubble', { hasText: '📋 已创建任务 T1' }).waitFor()
    const clockMoved = async (from: string | null) => page.waitForFunction((b) => document.getElementById('now')?.textContent !== b, from)
    const before = await page.locator('#now').textContent()
    await page.getByRole('button', { name: '+3分钟' }).click()
    await page.locator('#messages .msg.bot .bubble', { hasText: '已等待3分钟' }).waitFor()
    await clockMoved(before)
    const after3 = await page.locator('#now').textContent()
    await page.getByRole('button', { name: '+3分钟' }).click()
    await clockMoved(after3)

    // The community's group, as its supervisor: the escalation is there; a check-in (✅) and a task (📋) too.
    await page.getByRole('link', { name: '华府社区群', exact: true }).click()
    await page.locator('.sim[data-ready="true"]').waitFor()
    await page.locator('#messages .msg.bot .bubble', { hasText: '⚠️' }).waitFor()
    await page.getByLabel('发言人').selectOption({ label: '王书记（负责人）' })
    await send(page, '#签到 巡查 2户')
    await page.locator('#messages .msg.bot .bubble', { hasText: '✅ 签到成功' }).waitFor()
    await send(page, '#任务 走访独居老人')
    await page.locator('#messages .msg.bot .bubble', { hasText: '📋 已创建任务' }).filter({ hasText: '走访独居老人' }).waitFor()
    // @-mentions are highlighted.
    expect(await page.locator('#messages .msg.bot .mention', { hasText: '@王书记' }).count()).toBeGreaterThan(0)

    await page.screenshot({ path: outputFile('simulator.png') })
    await expectRendered(page, '#messages .msg.bot .bubble', ['签', '到', '成', '功', '任', '务'], ['✅', '⚠️', '📋'])
  })
})
