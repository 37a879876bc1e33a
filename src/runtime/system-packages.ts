// Finds a server binary on this machine, or installs its Debian package when we are root with apt-get.
// The project installs what it needs itself: nothing is set up by hand (DEVELOPERS.md).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { runtimeTexts } from './runtime.texts.ts'

export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : null
}

let aptUpdated = false

/** Installs Debian packages, or throws with a message telling the user how. */
export function aptInstall(packages: string[], say: (line: string) => void): void {
  const isRoot = process.getuid?.() === 0
  if (!isRoot || !which('apt-get')) {
    throw new Error(runtimeTexts.cannotInstall(packages.join(' ')))
  }
  say(runtimeTexts.installing(packages.join(' ')))
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env })
    aptUpdated = true
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'ignore', env })
  say(runtimeTexts.installed(packages.join(' ')))
}

export function findRedisServer(say: (line: string) => void): string {
  const found = which('redis-server')
  if (found) return found
  aptInstall(['redis-server'], say)
  const after = which('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null)
  if (!after) throw new Error(runtimeTexts.redisMissing)
  return after
}

/** The bin folder of the newest PostgreSQL server installed (Debian keeps them off PATH). */
export function findPostgresBin(say: (line: string) => void): string {
  const look = () => {
    const base = '/usr/lib/postgresql'
    if (!existsSync(base)) return null
    const versions = readdirSync(base)
      .filter((v) => existsSync(`${base}/${v}/bin/initdb`))
      .sort((a, b) => Number(b) - Number(a))
    return versions[0] ? `${base}/${versions[0]}/bin` : null
  }
  const found = look()
  if (found) return found
  aptInstall(['postgresql'], say)
  const after = look()
  if (!after) throw new Error(runtimeTexts.postgresMissing)
  return after
}
