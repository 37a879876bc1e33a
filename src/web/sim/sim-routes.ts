// The simulator's routes: the page, a group's messages, and what a person does (say, image, location) or the clock
// does (move on). Actions run one at a time and each waits until the bot has answered (session.settle).
import { z } from 'zod'
import { formatLocal } from '../../core/time.ts'
import { validateOrg } from '../../config/org-spec.ts'
import type { SimSession } from '../../sim/session.ts'
import type { TranscriptLine } from '../../sim/world.ts'
import { HttpError, signedIn, type Viewer } from '../auth/viewer.ts'
import type { ConsoleContext } from '../context.ts'
import { send, sendHtml, sendJson } from '../http.ts'
import type { Request, Route } from '../router.ts'
import { webTexts } from '../texts.ts'
import { simPage } from './sim-page.ts'
import { group } from '../../core/match-group.ts'
import { must } from '../../core/must.ts'

const IMAGE_LIMIT = 8 * 1024 * 1024
/** Images typed in the browser, kept for showing them (the newest few hundred). */
const KEEP_IMAGES = 300
const DAY_MS = 86_400_000
/** What the mock's transcript says for an image. */
const IMAGE_TEXT = webTexts.imageLine

const sayBody = z.object({ room: z.string().min(1), from: z.string().min(1), text: z.string().trim().min(1).max(2000) })
const imageBody = z.object({ room: z.string().min(1), from: z.string().min(1), name: z.string().max(200), data: z.string().min(1) })
const locationBody = z.object({
  room: z.string().min(1),
  from: z.string().min(1),
  address: z.string().trim().min(1).max(200),
  lat: z.coerce.number(),
  lng: z.coerce.number(),
})
const advanceBody = z.object({
  ms: z.coerce
    .number()
    .int()
    .positive()
    .max(7 * DAY_MS),
})

/** A transcript line as the page shows it. */
export interface ChatLine extends TranscriptLine {
  image: string | null
}

function parse<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = null
  }
  const r = schema.safeParse(json)
  if (!r.success)
    throw new HttpError(400, 'WEB_BAD_INPUT', `bad simulator input: ${r.error.issues.map((i) => i.path.join('.')).join(', ')}`, webTexts.badRequest)
  return r.data
}

/** What every route of one simulator session shares: the images kept, the serial action chain, the default room
 *  and speaker, and the checks of a person and a room named in a request. */
function simState(ctx: ConsoleContext, session: SimSession) {
  const { world } = session
  const images = new Map<string, { bytes: Buffer; type: string }>()
  // A person's image links to its bytes when the browser sent it (the page shows a placeholder when they are not here):
  // the line reaches the page while the mock emits it, before the id is known to us.
  const chatLine = (l: TranscriptLine): ChatLine => ({
    ...l,
    image: l.id && !l.self && l.text === IMAGE_TEXT ? `/api/sim/image?id=${encodeURIComponent(l.id)}` : null,
  })
  world.onLine((l) => {
    ctx.hub.emit('line', chatLine(l))
    ctx.hub.emit('changed', {})
  })
  let chain: Promise<unknown> = Promise.resolve()
  /** One action at a time, in arrival order; each ends when the bot has answered. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn)
    chain = p.catch(() => undefined)
    return p
  }
  const clock = () => {
    const now = session.clock.now()
    ctx.hub.emit('clock', { now: formatLocal(now), iso: now.toISOString() })
    ctx.hub.emit('changed', {})
    return { now: formatLocal(now), iso: now.toISOString() }
  }
  const person = (wxid: string) => {
    try {
      return world.person({ wxid })
    } catch {
      throw new HttpError(400, 'WEB_UNKNOWN_PERSON', `unknown person ${wxid}`, webTexts.badRequest)
    }
  }
  const room = (topic: string) => {
    if (!world.rooms.has(topic)) throw new HttpError(404, 'WEB_UNKNOWN_ROOM', `unknown room ${topic}`, webTexts.notFound)
    return topic
  }
  const grids = new Set(
    validateOrg(world.spec)
      .units.filter((u) => u.kind === 'grid')
      .map((u) => u.name),
  )
  const defaultRoom = world.spec.rooms.find((r) => grids.has(r.unit))?.topic ?? must(world.spec.rooms[0], 'SIM_NO_ROOM').topic
  const defaultSpeaker = (topic: string) =>
    must(
      (
        world.spec.members.find((m) => m.role === 'grid_cadre' && m.wxid && m.rooms.includes(topic)) ??
        world.people.find((p) => p.rooms.includes(topic)) ??
        must(world.people[0], 'SIM_NO_PERSON')
      ).wxid,
      'SIM_NO_WXID',
    )
  return { world, images, chatLine, serial, clock, person, room, defaultRoom, defaultSpeaker }
}

type SimState = ReturnType<typeof simState>

export function simRoutes(ctx: ConsoleContext, session: SimSession): Route<Viewer | null>[] {
  const s = simState(ctx, session)
  return [...pageRoutes(session, s), ...actionRoutes(session, s)]
}

/** The page, a room's transcript and an image a person sent. */
function pageRoutes(session: SimSession, { world, images, chatLine, room, defaultRoom, defaultSpeaker }: SimState): Route<Viewer | null>[] {
  return [
    {
      method: 'GET',
      path: '/',
      handler: async ({ res, url }, signed) => {
        const viewer = signedIn(signed)
        const topic = url.searchParams.get('room') ?? defaultRoom
        room(topic)
        const as = url.searchParams.get('as')
        const speaker = as && world.people.some((p) => p.wxid === as) ? as : defaultSpeaker(topic)
        sendHtml(res, simPage({ world, viewer, room: topic, speaker, now: session.clock.now() }))
      },
    },
    {
      method: 'GET',
      path: '/api/sim/messages',
      handler: async ({ res, url }) => {
        const topic = room(url.searchParams.get('room') ?? '')
        sendJson(res, { now: formatLocal(session.clock.now()), lines: world.transcript.filter((l) => l.room === topic).map(chatLine) })
      },
    },
    {
      method: 'GET',
      path: '/api/sim/image',
      handler: async ({ res, url }) => {
        const img = images.get(url.searchParams.get('id') ?? '')
        if (!img) throw new HttpError(404, 'WEB_NO_IMAGE', 'no such image', webTexts.notFound)
        send(res, 200, img.type, img.bytes, { 'cache-control': 'private, max-age=3600' })
      },
    },
  ]
}

/** What the page does: say, send an image or a location, advance the clock — one at a time, each answered. */
function actionRoutes(session: SimSession, { world, images, serial, clock, person, room }: SimState): Route<Viewer | null>[] {
  const act =
    (handler: (r: Request) => Promise<unknown>): Route<Viewer | null>['handler'] =>
    async (r) =>
      sendJson(r.res, { ok: true, ...((await serial(() => handler(r))) as object) })

  return [
    {
      method: 'POST',
      path: '/api/sim/say',
      handler: act(async ({ body }) => {
        const b = parse(sayBody, body)
        world.say(person(b.from), room(b.room), b.text)
        await session.settle()
        return clock()
      }),
    },
    {
      method: 'POST',
      path: '/api/sim/image',
      bodyLimit: Math.ceil(IMAGE_LIMIT * 1.4),
      handler: act(async ({ body }) => {
        const b = parse(imageBody, body)
        const m = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(b.data)
        if (!m) throw new HttpError(400, 'WEB_BAD_IMAGE', 'image is not a base64 data URL', webTexts.badRequest)
        const bytes = Buffer.from(group(m, 2), 'base64')
        if (bytes.length > IMAGE_LIMIT) throw new HttpError(413, 'WEB_IMAGE_TOO_LARGE', `image of ${bytes.length} bytes`, webTexts.imageTooLarge)

        const id = world.sendImageBytes(person(b.from), room(b.room), b.name || 'image.jpg', bytes)
        images.set(id, { bytes, type: group(m, 1) })
        for (const oldest of images.keys()) {
          if (images.size <= KEEP_IMAGES) break
          images.delete(oldest)
        }
        await session.settle()
        return clock()
      }),
    },
    {
      method: 'POST',
      path: '/api/sim/location',
      handler: act(async ({ body }) => {
        const b = parse(locationBody, body)
        world.sendLocation(person(b.from), room(b.room), { lat: b.lat, lng: b.lng, address: b.address })
        await session.settle()
        return clock()
      }),
    },
    {
      method: 'POST',
      path: '/api/sim/advance',
      handler: act(async ({ body }) => {
        await session.advance(parse(advanceBody, body).ms)
        return clock()
      }),
    },
  ]
}
