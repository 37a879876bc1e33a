// A work-around for an ioredis behaviour that makes BullMQ's Worker.close() hang during or just after a Redis outage.
//
// ioredis emits no 'end' for a disconnect() made while it waits to reconnect (status 'reconnecting': its socket is
// already gone, a retry timer is armed): disconnect() clears the timer and closes a socket that no longer exists,
// so no stream event follows and the client never reaches 'end'. BullMQ's Worker.close() awaits exactly that 'end'
// on its blocking connection (a duplicate of the connection we give it), so a stop during or just after an outage
// hung for ever (seen in test/pipeline.int.test.ts, "stops cleanly while Redis is down").
// Upstream:
//   - redis/ioredis#1830 "disconnect does not emit end event" and redis/ioredis#1247 "Disconnecting during a
//     reconnection leaves events on event loop" (the ioredis behaviour; both closed upstream, yet the installed
//     ioredis 6.0.0 still does it: a client parked in 'reconnecting' and then disconnected stays there, no 'end');
//   - taskforcesh/bullmq#4656 "Worker.close() never resolves when Redis is unreachable" (open when this was
//     written; bullmq#4586 fixed the same trap only in the worker's read-timeout watchdog, not in close());
//   - redis/ioredis#2169 (open PR) whose discussion describes this exact chain for a blocking BZPOPMIN.
// Drop this file when the installed ioredis/BullMQ end such a disconnect themselves and that test passes without it.
import type { Redis } from 'ioredis'

/** Makes a disconnect() during a reconnect take ioredis's own path for a client that is not connected (which ends
 *  it at once, emitting 'end'); connections duplicated from this one (BullMQ's blocking ones) get the same fix. */
export function endsWhenDisconnected(r: Redis): Redis {
  const disconnect = r.disconnect.bind(r)
  r.disconnect = (reconnect = false) => {
    if (!reconnect && r.status === 'reconnecting') (r as unknown as { status: string }).status = 'wait'
    disconnect(reconnect)
  }
  const duplicate = r.duplicate.bind(r)
  r.duplicate = ((...args: Parameters<Redis['duplicate']>) => endsWhenDisconnected(duplicate(...args))) as Redis['duplicate']
  return r
}
