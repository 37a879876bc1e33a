// In front of every open API route: the key (`api_key` in the query or body as Open311 clients send it, or
// `Authorization: Bearer`, or `X-Api-Key`), the per-key rate limit (shared in Redis, or this process's memory), and
// the audit row every call leaves, refused ones too. Refusals are Open311's error array: [{ code, description }].
import type { Request, RequestHandler, Response } from 'express'
import type { Logger } from '../../core/logger.ts'
import type { Db } from '../../db/client.ts'
import { apiKeyRepo } from '../../capabilities/openapi/api-key.repo.ts'
import { authenticate, type ApiPrincipal } from '../../capabilities/openapi/api-key.service.ts'
import { RateLimiter, type BucketOptions, type KeyLimiter } from '../../capabilities/openapi/rate-limit.ts'

export interface ApiDeps {
  db: Db
  log: Logger
  now: () => Date
  /** Default: 20 calls at once, 5 a second after that. */
  rate?: BucketOptions
  /** The limiter every process shares (Redis); absent: a bucket in this process's memory with `rate`. */
  limiter?: KeyLimiter
}

export const DEFAULT_RATE: BucketOptions = { capacity: 20, perSecond: 5 }

/** Open311's error format (and ours for every API error). */
export function apiError(res: Response, status: number, description: string, code: number = status) {
  res.status(status).json([{ code, description }])
}

export const principalOf = (res: Response): ApiPrincipal => res.locals.principal as ApiPrincipal

function keyOf(req: Request): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1]
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).api_key : undefined
  const query = req.query.api_key
  for (const k of [bearer, req.get('x-api-key'), body, query]) if (typeof k === 'string' && k) return k
  return undefined
}

export function apiAuth(deps: ApiDeps): RequestHandler {
  const limiter = deps.limiter ?? new RateLimiter(deps.rate ?? DEFAULT_RATE)
  return (req, res, next) => {
    let keyId: number | null = null
    res.on('finish', () => {
      const row = {
        keyId,
        at: deps.now(),
        method: req.method,
        path: req.originalUrl.replace(/\?.*$/s, '').slice(0, 300),
        status: res.statusCode,
        ip: req.ip ?? null,
      }
      apiKeyRepo.audit(deps.db, row).catch((err: unknown) => deps.log.error({ err, code: 'API_AUDIT' }, 'api call not audited'))
    })
    authenticate(deps.db, keyOf(req))
      .then(async (p) => {
        if (!p) return apiError(res, 401, 'api_key missing, unknown or revoked')
        keyId = p.keyId
        const r = await limiter.take(p.keyId, deps.now().getTime())
        if (!r.ok) {
          res.set('Retry-After', String(r.retryAfterS))
          return apiError(res, 429, `rate limit: retry after ${r.retryAfterS} s`)
        }
        res.locals.principal = p
        next()
      })
      .catch(next)
  }
}

/** A route that changes something: the key must be read-write. */
export const needsWrite: RequestHandler = (_req, res, next) => {
  if (!principalOf(res).write) return apiError(res, 403, 'this api_key is read-only')
  next()
}
