// A router of our own, small on purpose: method + exact path → handler. The console mounts on any node:http server.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Request {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  /** A POST's body, read (within the route's limit) before the CSRF check; '' for a GET. */
  body: string
}
export type Handler<V> = (r: Request, viewer: V) => Promise<void>
export interface Route<V> {
  method: 'GET' | 'POST'
  path: string
  /** Served without a session (the login page). Its POSTs check their own CSRF token. */
  open?: boolean
  /** Largest body accepted (bytes); default 64 KiB. */
  bodyLimit?: number
  handler: Handler<V>
}

export class Router<V> {
  private readonly routes = new Map<string, Route<V>>()
  add(route: Route<V>): this {
    this.routes.set(`${route.method} ${route.path}`, route)
    return this
  }
  find(method: string, path: string): Route<V> | undefined {
    return this.routes.get(`${method === 'HEAD' ? 'GET' : method} ${path}`)
  }
  /** A path the console serves under some method (for 405 rather than "not ours"). */
  knows(path: string): boolean {
    return this.routes.has(`GET ${path}`) || this.routes.has(`POST ${path}`)
  }
}
