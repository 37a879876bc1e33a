// Redis Cluster placement of the queues: every key of one queue in one hash slot (BullMQ's scripts need it), the
// queues on different tags so they spread over the nodes; a single Redis keeps the plain prefix.
import { describe, expect, it } from 'vitest'
import { clusterAuthOptions, clusterNodes, clusterUrl, isClusterUrl, parseClusterNodes } from '../../src/config/redis-url.ts'
import { loadEnv, redisLocation, secretsOf } from '../../src/config/env.ts'
import { hashedPart, keySlot, queuePrefix, slotTag } from '../../src/jobs/queue-slots.ts'

const keysOf = (prefix: string, queue: string) => ['wait', 'active', 'meta', 'events', 'delayed', 'marker', 'id'].map((t) => `${prefix}:${queue}:${t}`)

describe('queue placement on a Redis Cluster', () => {
  it('tags each inbound shard, each account and the timers on their own', () => {
    expect(queuePrefix('gridbot', 'inbound-7', true)).toBe('{gridbot:in:7}')
    expect(queuePrefix('gridbot', 'outbound-bot-042', true)).toBe('{gridbot:out:bot-042}')
    expect(queuePrefix('gridbot', 'timers', true)).toBe('{gridbot:timers}')
    expect(slotTag('something')).toBe('something')
  })

  it("keeps every key of one queue on one slot, and different queues' keys on different tags", () => {
    const names = ['inbound-0', 'inbound-15', 'outbound-bot-a', 'outbound-bot-b', 'timers']
    const tags = names.map((n) => {
      const parts = new Set(keysOf(queuePrefix('gridbot', n, true), n).map(hashedPart))
      expect(parts.size, n).toBe(1)
      return [...parts][0]
    })
    expect(new Set(tags).size).toBe(names.length)
  })

  it('leaves a single Redis as it was', () => {
    expect(queuePrefix('gridbot', 'inbound-7', false)).toBe('gridbot')
    expect(hashedPart('gridbot:inbound-7:wait')).toBe('gridbot:inbound-7:wait')
  })
})

describe('REDIS_CLUSTER_NODES', () => {
  it('reads host:port lists, and names a bad entry', () => {
    expect(parseClusterNodes(' 10.0.0.1:7000, 10.0.0.2:7001 ,')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      bad: null,
      auth: { tls: false },
    })
    expect(parseClusterNodes('10.0.0.1:7000,redis://x:1/2').bad).toBe('redis://x:1/2')
    expect(parseClusterNodes('10.0.0.1').bad).toBe('10.0.0.1')
    const url = clusterUrl([{ host: 'a', port: 1 }])
    expect(isClusterUrl(url)).toBe(true)
    expect(clusterNodes(url)).toEqual([{ host: 'a', port: 1 }])
  })

  it('takes a password and TLS from URL entries or REDIS_CLUSTER_PASSWORD, for every node', () => {
    const listed = parseClusterNodes('rediss://ops:p%2Cw%40d@10.0.0.1:7000, 10.0.0.2:7001')
    expect(listed).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      bad: null,
      auth: { username: 'ops', password: 'p,w@d', tls: true },
    })
    const url = clusterUrl(listed.nodes, listed.auth)
    expect(clusterNodes(url)).toEqual(listed.nodes)
    expect(clusterAuthOptions(url)).toEqual({ username: 'ops', password: 'p,w@d', tls: {} })
    const env = loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000,r2:7000', REDIS_CLUSTER_PASSWORD: 'secret-pw' })
    expect(clusterAuthOptions(redisLocation(env) ?? '')).toEqual({ password: 'secret-pw' })
    expect(secretsOf(env, {})).toContain('secret-pw')
    expect(secretsOf(loadEnv({ REDIS_CLUSTER_NODES: 'redis://:in-list-pw@r1:7000' }), {})).toContain('in-list-pw')
    expect(clusterAuthOptions(clusterUrl(listed.nodes))).toEqual({})
  })

  it('replaces REDIS_URL when set; a bad list stops the configuration naming the variable', () => {
    const env = loadEnv({ REDIS_URL: 'redis://localhost:6379', REDIS_CLUSTER_NODES: 'r1:7000,r2:7000' })
    expect(redisLocation(env)).toBe('redis-cluster://r1:7000,r2:7000')
    expect(redisLocation(loadEnv({ REDIS_URL: 'redis://localhost:6379' }))).toBe('redis://localhost:6379')
    expect(() => loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000,localhost' })).toThrow(/REDIS_CLUSTER_NODES[\s\S]*localhost/)
  })

  it("computes a key's hash slot as Redis Cluster does (CRC16 XMODEM of the hashed part, mod 16384)", () => {
    // Values from the Redis Cluster specification and CLUSTER KEYSLOT.
    expect(keySlot('123456789')).toBe(0x31c3)
    expect(keySlot('foo')).toBe(12182)
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'))
    expect(keySlot('{}foo')).toBe(keySlot('{}foo')) // an empty tag: the whole key
  })

  it('carries the TLS files on every node of the cluster form; a file implies TLS; a cert wants its key', () => {
    const env = loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000,r2:7000', REDIS_CLUSTER_TLS_CA: 'package.json' })
    const url = redisLocation(env) ?? ''
    expect(url).toBe('redis-cluster://rediss://r1:7000?ca=package.json,rediss://r2:7000?ca=package.json')
    expect(Object.keys((clusterAuthOptions(url).tls ?? {}) as object)).toEqual(['ca'])
    expect(redisLocation(loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_CLUSTER_TLS: '1' }))).toBe('redis-cluster://rediss://r1:7000')
    expect(() => loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_CLUSTER_TLS_CERT: 'package.json' })).toThrow(/REDIS_CLUSTER_TLS_KEY/)
    expect(() => loadEnv({ REDIS_CLUSTER_NODES: 'r1:7000', REDIS_CLUSTER_TLS_CA: 'no-such.pem' })).toThrow(/REDIS_CLUSTER_TLS_CA[\s\S]*no-such\.pem/)
    expect(parseClusterNodes('rediss://r1:7000?sni=x').bad).toBe('rediss://r1:7000?sni=x')
  })
})
