import { describe, expect, it } from 'vitest'
import { loadEnv, secretsOf } from '../../src/config/env.ts'
import { maskSecrets, registerSecrets } from '../../src/core/secrets.ts'

describe('secrets in logs', () => {
  it('masks passwords in URLs and token parameters', () => {
    expect(maskSecrets('connect postgresql://gridbot:hunter2@db:5432/gridbot failed')).toBe('connect postgresql://gridbot:***@db:5432/gridbot failed')
    expect(maskSecrets('redis://:p%40ss@127.0.0.1:6379/0')).toBe('redis://:***@127.0.0.1:6379/0')
    expect(maskSecrets('GET /admin/queues?token=abcdef0123456789&x=1')).toBe('GET /admin/queues?token=***&x=1')
    expect(maskSecrets('postgresql://gridbot@db:5432/gridbot')).toBe('postgresql://gridbot@db:5432/gridbot')
  })

  it('masks the configured tokens wherever they appear (the puppet library prints its token)', () => {
    const env = loadEnv({ GRIDBOT_TOKENS: 'bot-01=puppet_padlocal_abc123,bot-02=insecure_two', GRIDBOT_ADMIN_TOKEN: 'admin-token-0123456789' })
    registerSecrets(secretsOf(env))
    expect(maskSecrets('16 UNAUTHENTICATED: Invalid Wechaty TOKEN "puppet_padlocal_abc123"')).toBe('16 UNAUTHENTICATED: Invalid Wechaty TOKEN "***"')
    expect(maskSecrets('token insecure_two and admin-token-0123456789')).toBe('token *** and ***')
  })
})

describe('environment', () => {
  it('reads empty values as the default', () => {
    const env = loadEnv({ GRIDBOT_WORKER_CONCURRENCY: '', GRIDBOT_ACCOUNTS: ' ', GRIDBOT_HTTP_PORT: '', GRIDBOT_RETENTION_DAYS: '', DATABASE_URL: '' })
    expect(env.GRIDBOT_WORKER_CONCURRENCY).toBeUndefined()
    expect(env.GRIDBOT_ACCOUNTS).toBeUndefined()
    expect(env.GRIDBOT_HTTP_PORT).toBe(8080)
    expect(env.GRIDBOT_RETENTION_DAYS).toBe(90)
    expect(env.DATABASE_URL).toBeUndefined()
  })

  it.each([
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'redis://127.0.0.1:6379/abc'],
    ['DATABASE_URL', 'nonsense'],
    ['DATABASE_URL', 'mysql://root@db/gridbot'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`${name}: `))
  })

  it.each([
    ['REDIS_URL', 'redis://127.0.0.1:6379/0'],
    ['REDIS_URL', 'rediss://user:pw@cache.internal:6380'],
    ['REDIS_URL', 'unix:///run/redis/redis.sock'],
    ['DATABASE_URL', 'postgresql://gridbot:pw@db:5432/gridbot'],
    ['DATABASE_URL', 'postgres://gridbot@localhost/gridbot?sslmode=require'],
  ])('accepts %s=%s', (name, value) => {
    expect(loadEnv({ [name]: value })[name as 'REDIS_URL']).toBe(value)
  })
})
