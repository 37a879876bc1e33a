// The deployment files hold what the operations section promises. docker-compose.yml is validated against the
// Compose Specification's JSON schema (vendored in deploy/schema/, from compose-spec/compose-spec, Apache-2.0) —
// `docker compose config` needs the compose plugin, which this machine's docker client lacks; where it exists it is
// run too.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'

const root = path.resolve(import.meta.dirname, '../..')
const read = (f: string) => readFileSync(path.join(root, f), 'utf8')
const compose = YAML.parse(read('docker-compose.yml'), { merge: true })

describe('docker-compose.yml', () => {
  it('is valid by the Compose Specification schema', () => {
    const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: true })
    const validate = ajv.compile(JSON.parse(read('deploy/schema/compose-spec.json')))
    const ok = validate(compose)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('and by `docker compose config` where the compose plugin exists', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' })
    if (probe.status !== 0) return // no plugin here: the schema check above stands alone
    const r = spawnSync('docker', ['compose', '-f', path.join(root, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('the schema check catches a broken file (it is not vacuous)', () => {
    const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false })
    const validate = ajv.compile(JSON.parse(read('deploy/schema/compose-spec.json')))
    expect(validate({ services: { redis: { image: 'redis:7', restart: 'sometimes', helthcheck: {} } } })).toBe(false)
  })

  it('runs PostgreSQL, Redis with AOF everysec and noeviction, one gateway and two workers, each with a health check', () => {
    const s = compose.services
    expect(Object.keys(s).sort()).toEqual(['gateway', 'postgres', 'redis', 'worker'])
    const redis: string[] = s.redis.command
    expect(redis.join(' ')).toContain('--appendonly yes')
    expect(redis.join(' ')).toContain('--appendfsync everysec')
    expect(redis.join(' ')).toContain('--maxmemory-policy noeviction')
    expect(s.gateway.command).toEqual(['start', '--role', 'gateway'])
    expect(s.gateway.deploy?.replicas ?? 1).toBe(1)
    expect(s.worker.command).toEqual(['start', '--role', 'worker'])
    expect(s.worker.deploy.replicas).toBe(2)
    for (const name of Object.keys(s)) expect(s[name].healthcheck?.test, name).toBeTruthy()
    for (const name of ['gateway', 'worker']) {
      expect(s[name].environment.DATABASE_URL).toMatch(/^postgresql:\/\/.+@postgres:5432\//)
      expect(s[name].environment.REDIS_URL).toBe('redis://redis:6379/0')
      expect(s[name].depends_on.postgres.condition).toBe('service_healthy')
      expect(s[name].volumes).toContain('media:/data/media')
    }
  })
})

describe('Dockerfile and service units', () => {
  it('builds in stages and runs the compiled build as a non-root user', () => {
    const df = read('Dockerfile')
    expect(df.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2)
    expect(df).toMatch(/^USER node$/m)
    expect(df).toContain('npm run build')
    expect(df).toContain('--omit=dev')
    expect(df).toMatch(/^HEALTHCHECK /m)
  })

  it('systemd units run node on the checkout with an environment file, as an unprivileged user', () => {
    for (const f of ['deploy/systemd/gridbot-gateway.service', 'deploy/systemd/gridbot-worker@.service']) {
      const unit = read(f)
      expect(unit).toMatch(/^User=gridbot$/m)
      expect(unit).toMatch(/^EnvironmentFile=/m)
      expect(unit).toMatch(/^ExecStart=.*node .*bin\/gridbot\.js.* start --role (gateway|worker)/m)
      expect(unit).toMatch(/^Restart=on-failure$/m)
      // Issue #25: a configuration error is not restarted; the data folder cannot be overridden by the env file.
      expect(unit).toMatch(/^RestartPreventExitStatus=78$/m)
      expect(unit).toMatch(/^ExecStart=.*GRIDBOT_DATA_DIR=\/var\/lib\/gridbot .*bin\/gridbot\.js/m)
      expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/gridbot$/m)
    }
  })

  it('the image creates the media folder for its user; .env.example sets no data folder that would override the kits', () => {
    expect(read('Dockerfile')).toMatch(/^RUN mkdir -p \/data\/media && chown -R node:node \/data$/m)
    expect(read('.env.example')).not.toMatch(/^GRIDBOT_DATA_DIR=/m)
  })

  it('compose parks a gateway or worker that exits 78 instead of restarting it, and can supply the org and CA files', () => {
    for (const name of ['gateway', 'worker']) {
      const svc = compose.services[name]
      const script = svc.entrypoint.join(' ')
      expect(script).toContain('-eq 78')
      expect(script).toContain('sleep infinity')
      expect(svc.volumes.some((v: string) => v.endsWith(':/config:ro'))).toBe(true)
    }
    // The shell sees $@ and $? (compose's $$ escape), not compose's interpolation.
    expect(read('docker-compose.yml')).toContain('"$$@"')
  })
})
