// Debian's Chromium driven by playwright-core, with a fresh profile each launch; screenshots go to the test output.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM } from '../setup/browser.ts'
import { HANG_MS } from './wait.ts'

export const TEST_OUTPUT = path.resolve('.data/test-output/web')

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface TestBrowser {
  context: BrowserContext
  page(): Promise<Page>
  close(): Promise<void>
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gridbot-chromium-'))
  // launchPersistentContext passes this folder as --user-data-dir: a fresh profile per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  // Playwright's own 30 s for an action or a locator's wait is a speed limit: Chromium and the bot on a loaded machine
  // can take longer. Like every wait of the tests (wait.ts), the bound only ends a hang.
  context.setDefaultTimeout(HANG_MS)
  return {
    context,
    page: () => context.newPage(),
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export function outputFile(name: string): string {
  mkdirSync(TEST_OUTPUT, { recursive: true })
  return path.join(TEST_OUTPUT, name)
}
