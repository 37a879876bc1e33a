// One gridbot process (`--role all`) on the test stores, its accounts on an in-process mock WeChat, with what the bot
// said kept in order: the set-up the binding tests share (they populate the mock's groups themselves, after start).
import { systemClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import { startApp, type App } from '../../src/main.ts'
import { MockWeChat } from '../../src/transport/mock/mock-wechat.ts'
import type { ObservedMessage } from '../../src/transport/transport.ts'
import { tempMedia } from './seams.ts'
import type { TestStores } from './stores.ts'

export interface MockApp {
  app: App
  wechat: MockWeChat
  /** Every message the bot sent, in order. */
  said: ObservedMessage[]
}

export async function startOnMock(stores: TestStores, accounts: string[]): Promise<MockApp> {
  const said: ObservedMessage[] = []
  const wechat = new MockWeChat({ clock: systemClock, log: createLogger('silent'), media: tempMedia() })
  wechat.onMessage((m) => {
    if (m.self) said.push(m)
  })
  const app = await startApp({
    role: 'all',
    env: stores.env,
    infra: stores.infra,
    log: createLogger('silent'),
    makeTransport: wechat.transport,
    accounts,
    pace: null,
  })
  return { app, wechat, said }
}
