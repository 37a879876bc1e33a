// What the webhook and open-API integration tests share: the CLI's own `gridbot webhooks|api-key …` commands run
// against the test app's database, and a local HTTP receiver that records every delivery.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Command } from 'commander'
import { registerOpenApiCommands } from '../../src/capabilities/openapi/openapi-cli.ts'
import type { TestSim } from './sim.ts'

/** Runs one `gridbot …` command of the open API's CLI on the sim's database; resolves to the lines it printed. */
export function openApiCli(sim: () => TestSim, allowLocal?: () => boolean) {
  return async (...args: string[]): Promise<string[]> => {
    const lines: string[] = []
    const program = new Command('gridbot').exitOverride()
    registerOpenApiCommands(
      program,
      (fn) => fn(sim().infra.db.prisma),
      (l) => lines.push(l),
      allowLocal,
    )
    await program.parseAsync(args, { from: 'user' })
    return lines
  }
}

export interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Receiver {
  /** http://127.0.0.1:<port>, without a path. */
  base: string
  port: number
  /** Every request, in arrival order. */
  received: Received[]
  close(): void
}

/** A local HTTP receiver recording into `received`; `status` picks each response's status (200 unless it says otherwise). */
export async function startReceiver(received: Received[] = [], status: (r: Received) => number = () => 200): Promise<Receiver> {
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body }
      received.push(r)
      res.writeHead(status(r)).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return { base: `http://127.0.0.1:${port}`, port, received, close: () => server.close() }
}
