// What PGlite through @electric-sql/pglite-socket does with several clients (issue #27; BENCHMARKS.md, "BullMQ's
// PostgreSQL backend"). Each probe prints what it saw: `node bin/run-ts.js bench/queue-backends-probes.ts`.
import { Queue, Worker } from 'bullmq'
import { createPostgresBackend, runMigrations } from 'bullmq/dist/esm/postgres/index.js'
import pg from 'pg'
import { startPgliteSocket, type PgliteSocketStore } from './queue-backends-pglite.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const client = (lite: PgliteSocketStore, options?: string) =>
  new pg.Client({ host: lite.socketDir, port: 5432, user: 'postgres', database: 'postgres', options })

/** Two connections at once; settings; NOTIFY without the relay; a transaction on one, a statement on the other. */
async function sessions(): Promise<void> {
  const lite = await startPgliteSocket({ relay: false })
  const a = client(lite)
  const b = client(lite, '-c search_path=asked')
  await a.connect()
  await b.connect()
  const path = (await b.query<{ search_path: string }>('SHOW search_path')).rows[0]?.search_path
  console.log(`two connections served; b asked for search_path=asked at startup and has the session's: ${path}`)
  const heard = { a: 0, b: 0 }
  a.on('notification', () => heard.a++)
  b.on('notification', () => heard.b++)
  await a.query('LISTEN ch')
  await b.query("NOTIFY ch, 'x'")
  await sleep(200)
  await a.query('SELECT 1')
  console.log(`LISTEN on a, NOTIFY from b: a heard ${heard.a}, b (the producer) heard ${heard.b}`)
  await a.query('CREATE TABLE public.t (id int PRIMARY KEY, v int)')
  await a.query('INSERT INTO public.t SELECT g, 0 FROM generate_series(1, 10) g')
  await a.query('BEGIN')
  await a.query('SELECT id FROM public.t ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED')
  const t0 = Date.now()
  const other = b
    .query<{ id: number }>('SELECT id FROM public.t ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED')
    .then((r) => ({ ms: Date.now() - t0, id: r.rows[0]?.id }))
  await sleep(200)
  await a.query('COMMIT')
  const got = await other
  console.log(`a holds row 1 FOR UPDATE for 200 ms; b's SKIP LOCKED waited ${got.ms} ms and then took row ${got.id}`)
  await a.end()
  await b.end()
  await lite.stop()
}

/** A socket client's autocommit write while an in-process transaction is open on the same PGlite. */
async function inProcess(): Promise<void> {
  const lite = await startPgliteSocket()
  await lite.db.exec('CREATE TABLE public.t (id int PRIMARY KEY, who text)')
  const c = client(lite)
  await lite.db
    .transaction(async (tx) => {
      await tx.query("INSERT INTO public.t VALUES (1, 'in-process')")
      const t0 = Date.now()
      const write = c
        .connect()
        .then(() => c.query("INSERT INTO public.t VALUES (2, 'socket')"))
        .then(() => Date.now() - t0)
      const ms = await Promise.race([write, sleep(1000).then(() => null)])
      console.log(
        ms === null
          ? 'socket INSERT still waiting after 1 s (in-process transaction open)'
          : `socket INSERT acknowledged after ${ms} ms while the in-process transaction was open`,
      )
      await tx.rollback()
      await write.catch(() => undefined)
    })
    .catch(() => undefined)
  const rows = (await lite.db.query<{ id: number }>('SELECT id FROM public.t')).rows.map((r) => r.id)
  console.log(`after the in-process ROLLBACK the table holds: [${rows.join(', ')}]`)
  await c.end()
  await lite.stop()
}

/** A worker that dies mid-job (its sockets destroyed): does another worker get the job once the lock lapses? */
async function stalled(): Promise<void> {
  const lite = await startPgliteSocket()
  const m = await lite.pool(1).connect()
  await runMigrations(m as never)
  m.release()
  const opts = { lockDuration: 2000, stalledInterval: 1000 }
  const q = new Queue('s', { connection: lite.pool(3) } as never, createPostgresBackend as never)
  const poolA = lite.pool(3)
  let taken = false
  const a = new Worker(
    's',
    async () => {
      taken = true
      await new Promise(() => undefined)
    },
    { connection: poolA, ...opts } as never,
    createPostgresBackend as never,
  )
  a.on('error', () => undefined)
  await q.add('j', {}, { jobId: 'j1', attempts: 3 })
  while (!taken) await sleep(50)
  const t0 = Date.now()
  for (const c of (poolA as unknown as { _clients: { connection: { stream: { destroy(): void } } }[] })._clients) c.connection.stream.destroy()
  void a.close(true).catch(() => undefined)
  const b = new Worker('s', async () => undefined, { connection: lite.pool(3), ...opts } as never, createPostgresBackend as never)
  b.on('error', () => undefined)
  const done = new Promise<number>((r) => b.on('completed', () => r(Date.now() - t0)))
  const ms = await Promise.race([done, sleep(20_000).then(() => null)])
  console.log(
    ms === null
      ? 'the dead worker’s job was not taken again within 20 s'
      : `the dead worker's job was completed by another worker ${ms} ms later (lockDuration 2 s)`,
  )
  await b.close()
  await q.close()
  await lite.stop()
}

await sessions()
await inProcess()
await stalled()
process.exit(0)
