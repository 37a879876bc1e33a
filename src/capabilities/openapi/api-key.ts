// API keys (issue #28): 32 random bytes as base64url (43 characters of letters, digits, - and _), stored as their
// SHA-256 (a key this random needs no slow hash), with a short prefix kept so people can tell keys apart.
import { createHash, randomBytes } from 'node:crypto'

export const KEY_PREFIX = 'gbk_'
/** Characters a key may hold (RFC 3986 unreserved): what `api_key=` in a query string carries unescaped. */
export const KEY_SHAPE = /^[A-Za-z0-9\-_.~]{24,200}$/

export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** What a listing shows of a key: its first characters. */
export const shownPrefix = (key: string) => key.slice(0, KEY_PREFIX.length + 6)
