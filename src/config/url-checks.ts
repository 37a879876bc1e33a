// What a usable DATABASE_URL and REDIS_URL look like: the message names what is wrong (the variable is named by
// the caller), so `REDIS_URL=localhost:6379` fails at once instead of retrying for ever.
import { readFileSync } from 'node:fs'
import { parseClusterNodes } from './redis-url.ts'
import { clusterNodesTexts } from './cluster-nodes.texts.ts'
import { envTexts } from './env.texts.ts'

/** null when `v` is a PostgreSQL URL, else what is wrong with it. */
export function checkDatabaseUrl(v: string): string | null {
  const u = parse(v)
  if (!u || !['postgres:', 'postgresql:'].includes(u.protocol)) return envTexts.notPostgres
  if (!u.hostname && !u.searchParams.get('host')) return envTexts.noPostgresHost
  return null
}

/** null when `v` is a Redis URL ioredis can use, else what is wrong with it. */
export function checkRedisUrl(v: string): string | null {
  if (v.startsWith('unix://')) return v.length > 'unix://'.length ? null : envTexts.noSocketPath
  const u = parse(v)
  if (!u || !['redis:', 'rediss:'].includes(u.protocol)) return envTexts.notRedis
  if (!u.hostname) return envTexts.noRedisHost
  if (u.pathname.length > 1 && !/^\/\d+$/.test(u.pathname)) return envTexts.redisDbNumber
  return null
}

/** null when `v` is a usable REDIS_CLUSTER_NODES list (host:port,host:port,…), else what is wrong with it. */
export function checkClusterNodeList(v: string): string | null {
  const { nodes, bad } = parseClusterNodes(v)
  if (bad !== null) return clusterNodesTexts.notHostPort(bad)
  return nodes.length ? null : clusterNodesTexts.noNodes
}

function parse(v: string): URL | null {
  // `localhost:6379` parses as a URL whose scheme is "localhost:": the scheme checks above refuse it.
  try {
    return new URL(v)
  } catch {
    return null
  }
}

/** null when `v` is a readable file (a PEM for REDIS_CLUSTER_TLS_CA/_CERT/_KEY), else why not. */
export function checkReadableFile(v: string): string | null {
  try {
    readFileSync(v)
    return null
  } catch (e) {
    return clusterNodesTexts.unreadable(v, (e as NodeJS.ErrnoException).code ?? (e as Error).message)
  }
}
