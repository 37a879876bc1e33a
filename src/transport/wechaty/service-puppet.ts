import { PuppetService } from 'wechaty-puppet-service'

/** The production puppet: a WeChat account behind a puppet service (token per account). */
export function createServicePuppet(token: string, endpoint?: string) {
  return new PuppetService({ token, ...(endpoint ? { endpoint } : {}) })
}
