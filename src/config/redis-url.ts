// A Redis URL as ioredis options. Used by the app's connections (src/jobs), the private redis-server starter
// (src/runtime) and the tests, so none of them has to import the others.

/** ioredis options for "redis://host:port/db", "rediss://…" or "unix:///path/to/socket". */
export function redisOptions(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (url.startsWith('unix://')) return { path: url.slice('unix://'.length), ...extra }
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: Number(u.pathname.slice(1) || 0),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  }
}
