// A throwaway PostgreSQL server on loopback for the test suite (and anyone who wants a real one locally).
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findPostgresBin } from './system-packages.ts'
import { freePort } from './free-port.ts'

export interface PostgresServer {
  url: string
  /** The same server through its Unix socket (a client on this machine: no loopback TCP stack per write). */
  socketUrl: string
  /** Restarts the server (fast shutdown: connections are cut, as in a crash of the clients' view). */
  restart(): void
  stop(): Promise<void>
}

/**
 * `durable`: fsync, synchronous_commit and full-page writes on, as production runs (benchmarks); off by default, for
 * the test suite's speed (a crash of a throwaway test server loses nothing anyone needs).
 */
export async function startPostgresServer(say: (line: string) => void = () => undefined, opts: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin(say)
  const root = mkdtempSync(path.join(os.tmpdir(), 'gridbot-pg-'))
  chmodSync(root, 0o777)
  const data = path.join(root, 'data')
  const sock = path.join(root, 'sock')
  mkdirSync(sock, { mode: 0o777 })
  chmodSync(sock, 0o777)
  const port = await freePort()
  // initdb refuses to run as root: run the server as the postgres user when we are root.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : []
  if (asUser.length && spawnSync('id', ['postgres']).status !== 0) {
    // Binaries copied without the Debian package's system user: make one.
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'])
  }
  const run = (cmd: string, args: string[]) => {
    const [exe = cmd, ...rest] = [...asUser, path.join(bin, cmd), ...args]
    const r = spawnSync(exe, rest, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`)
  }
  run('initdb', ['-D', data, '-U', 'gridbot', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(root, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 ${opts.durable ? '-c fsync=on -c synchronous_commit=on -c full_page_writes=on' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off'} -c max_connections=300`,
    'start',
  ])
  return {
    url: `postgresql://gridbot@127.0.0.1:${port}/postgres`,
    socketUrl: `postgresql://gridbot@localhost:${port}/postgres?host=${encodeURIComponent(sock)}`,
    restart: () => run('pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-w', '-m', 'fast', 'restart']),
    stop: async () => {
      try {
        execFileSync(
          asUser[0] ?? path.join(bin, 'pg_ctl'),
          asUser.length ? [...asUser.slice(1), path.join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop'] : ['-D', data, '-m', 'fast', 'stop'],
          { stdio: 'ignore' },
        )
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    },
  }
}
