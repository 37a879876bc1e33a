// node:http primitives the console needs: bodies with a size limit, cookies, and the few kinds of answer it gives.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AppError } from '../core/errors.ts'
import { webTexts } from './texts.ts'

/** Security headers on every answer: no framing, no sniffing, only our own scripts and styles. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers })
  res.end(body)
}

export const sendHtml = (res: ServerResponse, body: string, status = 200, headers: Record<string, string | string[]> = {}) =>
  send(res, status, 'text/html; charset=utf-8', body, headers)
export const sendJson = (res: ServerResponse, value: unknown, status = 200) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
export const redirect = (res: ServerResponse, to: string, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers })
  res.end()
}

/** The request body as text, refused past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new AppError('WEB_BODY_TOO_LARGE', `request body over ${limit} bytes`, webTexts.bodyTooLarge)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A JSON object body (what the console's own scripts send). */
export async function readJson(req: IncomingMessage, limit?: number): Promise<Record<string, unknown>> {
  const text = await readBody(req, limit)
  try {
    const v = JSON.parse(text) as unknown
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  } catch {
    /* answered below */
  }
  throw new AppError('WEB_BAD_JSON', 'request body is not a JSON object', webTexts.badJson)
}

/** A form body (application/x-www-form-urlencoded). */
export const readForm = async (req: IncomingMessage) => new URLSearchParams(await readBody(req))

export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()))
  }
  return out
}

export function cookie(name: string, value: string, o: { maxAgeSec?: number; secure: boolean }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict']
  if (o.maxAgeSec !== undefined) parts.push(`Max-Age=${o.maxAgeSec}`)
  if (o.secure) parts.push('Secure')
  return parts.join('; ')
}

/** Behind TLS (directly or at a proxy that says so): cookies get the Secure flag. */
export const overTls = (req: IncomingMessage) => Boolean((req.socket as { encrypted?: boolean }).encrypted) || req.headers['x-forwarded-proto'] === 'https'
