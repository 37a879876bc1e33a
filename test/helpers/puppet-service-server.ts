// A stand-in for a production puppet service, in a process of its own so a test can kill and restart it:
// wechaty-puppet-service's PuppetServer serving a wechaty-puppet-mock on 127.0.0.1 (TLS with the package's
// built-in `insecure` certificate). Run with bin/run-ts.js; configured by LOOPBACK_SERVER (JSON, ServerConfig).
// stdin takes JSON lines ({op:'say'|'logout'|'login'|'scan'|'leave'|'deaf'|'hear'|'failSends'|'hangSends'|'sendOk'}):
// 'deaf' stops delivering messages to the client (pings still answered: a deaf account), 'failSends' refuses sends
// with a provider code (WorkPro's 23060, logged out), 'hangSends' never answers the next n sends (nothing said: a
// stalled provider) until 'sendOk' fails them; stdout gives JSON lines: {ev:'listening'},
// {ev:'message', self, roomId, talkerId, text} for everything said in a room (the bot's replies included).
import readline from 'node:readline'
import { PuppetServer } from 'wechaty-puppet-service'
import { mock } from 'wechaty-puppet-mock'
import * as PUPPET from 'wechaty-puppet'
import { SimPuppet } from '../../src/transport/mock/sim-puppet.ts'

export interface ServerConfig {
  port: number
  token: string
  bot: { id: string; name: string }
  people: { id: string; name: string }[]
  rooms: { id: string; topic: string; memberIds: string[] }[]
  /** Log the bot in at start (a real service keeps its WeChat session across restarts). Default true. */
  login?: boolean
  /** Serve with the maintained fork's own server (`@juzi/wechaty-puppet-service`, as WorkPro speaks), not upstream's. */
  client?: 'wechaty' | 'juzi'
}

const cfg = JSON.parse(process.env.LOOPBACK_SERVER ?? '{}') as ServerConfig
// The library's own logging (brolog) would print the token: keep it quiet.
PUPPET.log.level('silent')

const mocker = new mock.Mocker()
const puppet = new SimPuppet(mocker)
const out = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`)

const world = () => {
  mocker.createContact({ id: cfg.bot.id, name: cfg.bot.name })
  for (const p of cfg.people) mocker.createContact({ id: p.id, name: p.name })
  for (const r of cfg.rooms) mocker.createRoom({ id: r.id, topic: r.topic, memberIdList: [cfg.bot.id, ...r.memberIds] })
}
world()
let loggedOutOnPurpose = cfg.login === false
// A client's stop() stops this puppet too (the library's server does so); a real service keeps its session, so the
// bot is logged in again whenever the puppet starts, unless a test logged it out.
puppet.on('start', () => {
  if (!loggedOutOnPurpose) setTimeout(() => !puppet.isLoggedIn && mocker.login(mocker.ContactMock.load(cfg.bot.id)), 50)
})
const told = ({ messageId }: { messageId: string }) => {
  const p = mocker.messagePayload(messageId)
  out({
    ev: 'message',
    id: messageId,
    self: p.talkerId === cfg.bot.id,
    roomId: p.roomId ?? null,
    talkerId: p.talkerId,
    text: p.type === PUPPET.types.Message.Text ? p.text : `[${p.type}]`,
  })
}
puppet.on('message', told)
// Deaf: messages are still said (and told on stdout) but no longer reach the service's client; pings are answered.
let deaf = false
const emit = puppet.emit.bind(puppet) as (event: string, ...args: unknown[]) => boolean
puppet.emit = ((event: string, ...args: unknown[]) => {
  if (deaf && event === 'message') {
    told(args[0] as { messageId: string })
    return true
  }
  return emit(event, ...args)
}) as typeof puppet.emit
// Sends refused with a provider's code while set (how WorkPro answers a send of an account that has dropped).
let failCode: number | null = null
// Sends left to hang, and the hung ones (failed, late, by 'sendOk').
let hangLeft = 0
const hung: ((e: Error) => void)[] = []
const sendText = puppet.messageSendText.bind(puppet)
puppet.messageSendText = async (...args: Parameters<typeof sendText>) => {
  if (hangLeft > 0) {
    hangLeft--
    out({ ev: 'hung', roomId: args[0] })
    return new Promise<never>((_, reject) => hung.push(reject))
  }
  if (failCode !== null) throw Object.assign(new Error(`[${failCode}] 账号已掉线,发送失败`), { code: failCode })
  return sendText(...args)
}

// The fork after upstream (its protobuf classes must be the last loaded: src/transport/wechaty/service-puppet.ts).
const Server = cfg.client === 'juzi' ? (await import('@juzi/wechaty-puppet-service')).PuppetServer : PuppetServer
if (cfg.client === 'juzi') (await import('@juzi/wechaty-puppet')).log.level('silent')
const server = new Server({ puppet: puppet as never, token: cfg.token, endpoint: `127.0.0.1:${cfg.port}` })
await server.start()
out({ ev: 'listening', port: cfg.port })

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line) as { op: string; from?: string; roomId?: string; text?: string; qr?: string; n?: number; code?: number }
  try {
    if (c.op === 'deaf' || c.op === 'hear') deaf = c.op === 'deaf'
    else if (c.op === 'failSends') failCode = c.code ?? 23060
    else if (c.op === 'hangSends') hangLeft = c.n ?? 1
    else if (c.op === 'sendOk') {
      failCode = null
      hangLeft = 0
      for (const reject of hung.splice(0)) reject(new Error('answered late'))
    } else if (c.op === 'say') mocker.ContactMock.load(c.from!).say(c.text!).to(mocker.RoomMock.load(c.roomId!))
    else if (c.op === 'logout') {
      loggedOutOnPurpose = true
      void puppet.logout('logged out by the test')
    } else if (c.op === 'login') {
      loggedOutOnPurpose = false
      mocker.login(mocker.ContactMock.load(cfg.bot.id))
    } else if (c.op === 'scan') mocker.scan(c.qr ?? 'https://login.weixin.qq.com/l/loopback')
    else if (c.op === 'leave') {
      // The bot is removed from a room: the mock forgets the bot's membership.
      const room = mocker.RoomMock.load(c.roomId!)
      const payload = mocker.roomPayload(c.roomId!)
      mocker.roomPayload(c.roomId!, { ...payload, memberIdList: payload.memberIdList.filter((id: string) => id !== cfg.bot.id) })
      void room
    }
    out({ ev: 'done', op: c.op })
  } catch (e) {
    out({ ev: 'error', op: c.op, message: (e as Error).message })
  }
})
