// Where a queue's keys live on a Redis Cluster. BullMQ's scripts touch several keys of one queue at once
// (`<prefix>:<queue>:wait`, `…:active`, `…:meta` …), which a cluster refuses (CROSSSLOT) unless they share a hash
// slot: a `{hash tag}` in the prefix or the queue name. One tag for the whole deployment would put every queue on
// one node; so each queue gets its own — `{gridbot:in:7}` an inbound shard, `{gridbot:out:bot-042}` an account's
// outbound queue, `{gridbot:timers}` the timers — and the queues spread over the cluster's nodes.
// On a single Redis nothing changes: the prefix stays the plain GRIDBOT_QUEUE_PREFIX (keys `gridbot:inbound-7:…`).

/** The hash tag's name for a queue: `in:7`, `out:bot-042`, or the queue's own name. */
export function slotTag(queueName: string): string {
  const shard = /^inbound-(\d+)$/.exec(queueName)
  if (shard) return `in:${shard[1]}`
  const account = /^outbound-(.+)$/.exec(queueName)
  if (account) return `out:${account[1]}`
  return queueName
}

/** BullMQ's prefix for `queueName`: the deployment's prefix, hash-tagged per queue on a cluster. */
export function queuePrefix(prefix: string, queueName: string, cluster: boolean): string {
  return cluster ? `{${prefix}:${slotTag(queueName)}}` : prefix
}

/** The part of a key Redis Cluster hashes (its first non-empty `{…}`, else the whole key). */
export function hashedPart(key: string): string {
  const open = key.indexOf('{')
  if (open < 0) return key
  const close = key.indexOf('}', open + 1)
  return close > open + 1 ? key.slice(open + 1, close) : key
}

export const CLUSTER_SLOTS = 16_384

/** The hash slot Redis Cluster gives `key`: CRC16 (XMODEM) of its hashed part, mod 16384 (as CLUSTER KEYSLOT). */
export function keySlot(key: string): number {
  let crc = 0
  for (const byte of Buffer.from(hashedPart(key))) {
    crc ^= byte << 8
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc % CLUSTER_SLOTS
}
