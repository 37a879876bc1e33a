// The S3-compatible media store against an S3 API server in process (s3rver: the S3 REST protocol, path-style
// buckets, S3 error bodies): what one process puts, another process's store reads; names are kept inside the bucket.
// Limit: s3rver parses the Signature V4 Authorization header and checks the access key, but does not recompute V4
// signatures, so the signature itself is aws4fetch's (not verified here; a real S3 or MinIO would).
import { mkdtempSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEnv } from '../src/config/env.ts'
import { mediaStoreFor } from '../src/storage/media-store.ts'
import { S3MediaStore } from '../src/storage/s3-media-store.ts'
import { FileMediaStore } from '../src/storage/file-media-store.ts'
import { FIXTURES } from './helpers/paths.ts'

let server: S3rver
let endpoint: string
const BUCKET = 'gridbot-media'

beforeAll(async () => {
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(os.tmpdir(), 's3rver-')),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  })
  const addr = (await server.run()) as AddressInfo
  endpoint = `http://127.0.0.1:${addr.port}`
})
afterAll(async () => {
  await server?.close()
})

const env = (extra: Record<string, string> = {}) =>
  loadEnv({
    GRIDBOT_MEDIA_S3_BUCKET: BUCKET,
    GRIDBOT_MEDIA_S3_ENDPOINT: endpoint,
    GRIDBOT_MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
    GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
    GRIDBOT_MEDIA_S3_PREFIX: 'district-1/',
    ...extra,
  })

describe('S3-compatible media store', () => {
  it('keeps an image that another process reads back byte for byte', async () => {
    const photo = readFileSync(path.join(FIXTURES, 'photo.jpg'))
    const gateway = mediaStoreFor(env())
    expect(gateway).toBeInstanceOf(S3MediaStore)
    const ref = await gateway.put('bot-main/2026-11/msg 1.jpg', photo)
    expect(ref).toBe('bot-main/2026-11/msg_1.jpg')
    const worker = mediaStoreFor(env())
    expect(Buffer.compare(await worker.get(ref), photo)).toBe(0)
  })

  it('sends signed requests: an unknown access key is refused by the server, with its S3 error code', async () => {
    const wrong = mediaStoreFor(env({ GRIDBOT_MEDIA_S3_ACCESS_KEY_ID: 'NOT-A-KEY' }))
    await expect(wrong.put('x.jpg', Buffer.from('x'))).rejects.toThrow(/403 InvalidAccessKeyId/)
  })

  it('reports a missing object, and keeps names inside the bucket', async () => {
    const store = mediaStoreFor(env())
    await expect(store.get('no/such.jpg')).rejects.toThrow(/404/)
    expect(await store.put('../../etc/passwd', Buffer.from('x'))).toBe('_/_/etc/passwd')
  })

  it('without a bucket the media stay files under the data folder', () => {
    expect(mediaStoreFor(loadEnv({ GRIDBOT_DATA_DIR: '/tmp/x' }))).toBeInstanceOf(FileMediaStore)
    expect(() => mediaStoreFor(loadEnv({ GRIDBOT_MEDIA_S3_BUCKET: 'b' }))).toThrow(/GRIDBOT_MEDIA_S3_ENDPOINT/)
  })
})
