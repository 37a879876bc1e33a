// Server-sent events: pages subscribe once and are told when something changed (a message, time moving on, or
// every few seconds in production where changes come from other processes). Payloads are small JSON.
import type { IncomingMessage, ServerResponse } from 'node:http'

export class EventHub {
  private readonly clients = new Set<ServerResponse>()
  private readonly keepAlive: NodeJS.Timeout

  constructor(pingEveryMs = 15_000) {
    this.keepAlive = setInterval(() => this.write(': ping\n\n'), pingEveryMs)
    this.keepAlive.unref()
  }

  subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    res.write('retry: 2000\n\n')
    this.clients.add(res)
    req.on('close', () => this.clients.delete(res))
  }

  emit(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  private write(chunk: string): void {
    for (const c of this.clients) c.write(chunk)
  }

  close(): void {
    clearInterval(this.keepAlive)
    for (const c of this.clients) c.end()
    this.clients.clear()
  }
}
