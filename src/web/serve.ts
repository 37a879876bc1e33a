// A plain node:http server for the console alone (the simulator's, and production's until the console is mounted
// on the operations server). Anything the console does not serve is a 404.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WebConsole } from './console.ts'

export interface ConsoleServer {
  url: string
  close(): Promise<void>
}

/** `front`: a handler asked first (the open API), calling `next` for what it does not serve. */
export type FrontHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void

export async function serveConsole(console: WebConsole, host: string, port: number, front?: FrontHandler): Promise<ConsoleServer> {
  const server = http.createServer((req, res) => (front ? front(req, res, () => toConsole(req, res)) : toConsole(req, res)))
  const toConsole = (req: http.IncomingMessage, res: http.ServerResponse) =>
    console
      .handle(req, res)
      .then((served) => {
        if (!served) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          res.end('not found')
        }
      })
      .catch((err: unknown) => {
        // handle() answers its own errors; this is the last resort for a failure while answering.
        if (!res.headersSent) res.writeHead(500)
        res.end()
        server.emit('console-error', err)
      })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const a = server.address() as AddressInfo
  const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address
  return {
    url: `http://${shown}:${a.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        console.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
