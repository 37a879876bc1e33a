// `npm run docs:screenshots`: the README's two pictures of the web console (docs/web-simulator.png, docs/web-board.png),
// taken from a running `gridbot sim --web` on throwaway stores, driven in Debian's Chromium like a person would.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../test/helpers/browser.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-shots-'))
const child = spawn(process.execPath, [path.join(ROOT, 'bin/gridbot.js'), 'sim', '--web', '0'], {
  cwd: ROOT,
  env: { ...process.env, GRIDBOT_NO_DOTENV: '1', GRIDBOT_DATA_DIR: dir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
})
let out = ''
const url = await new Promise<string>((resolve, reject) => {
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    const m = /网页模拟器:(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)
    if (m?.[1]) resolve(m[1])
  })
  child.once('exit', () => reject(new Error(out)))
})
// The tests' Chromium launch (Debian's chromium, a fresh profile, the issue's flags).
const browser = await launchBrowser()
const page = await browser.page()
const say = async (p: Page, room: string, person: string, text: string) => {
  await p.goto(`${url}?room=${encodeURIComponent(room)}`)
  await p.locator('.sim[data-ready="true"]').waitFor()
  await p.getByLabel('发言人').selectOption({ label: person })
  await p.getByLabel('消息').fill(text)
  const answered = p.waitForResponse((r) => r.url().endsWith('/api/sim/say'))
  await p.getByRole('button', { name: '发送', exact: true }).click()
  await answered
}
const advance = async (label: string) => {
  const done = page.waitForResponse((r) => r.url().endsWith('/api/sim/advance'))
  await page.getByRole('button', { name: label }).click()
  await done
}
try {
  await say(page, '人和路街道工作群', '刘书记（负责人）', '#通知 今晚有暴雨,请各网格排查低洼地带')
  await say(page, '华府社区6号网格群', '陈晓（网格员）', '收到')
  await say(page, '正商社区1号网格群', '周敏（网格员）', '#签到 巡查 2户')
  await say(page, '正商社区1号网格群', '周敏（网格员）', '#隐患 5号楼电动车楼道充电,电线裸露')
  await say(page, '华府社区5号网格群', '李佳鑫（网格员）', '#任务 清理5号楼消防通道 紧急')
  await advance('+3分钟')
  await say(page, '华府社区5号网格群', '李佳鑫（网格员）', '收到')
  await say(page, '华府社区5号网格群', '张大爷（群众）', '@李佳鑫 3号楼路灯又坏了,晚上太黑')
  await say(page, '华府社区5号网格群', '李佳鑫（网格员）', '#签到 走访 3户 独居老人家中检查用电')
  await page.goto(`${url}?room=${encodeURIComponent('华府社区5号网格群')}&as=wxid_lijiaxin`)
  await page.locator('.sim[data-ready="true"]').waitFor()
  await page.screenshot({ path: path.join(ROOT, 'docs/web-simulator.png') })
  await page.goto(`${url}board`)
  await page.screenshot({ path: path.join(ROOT, 'docs/web-board.png'), fullPage: true })
  console.log('wrote docs/web-simulator.png and docs/web-board.png')
} finally {
  await browser.close()
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  rmSync(dir, { recursive: true, force: true })
}
