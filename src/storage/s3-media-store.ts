// Media in an S3-compatible bucket (AWS S3, MinIO, Ceph, OSS/COS in S3 mode): gateways and workers on different
// machines see the same images. Path-style addressing (https://endpoint/bucket/key), signed with AWS Signature V4
// (aws4fetch). References are the object keys, the same relative names the file store uses.
import { AwsClient } from 'aws4fetch'
import type { MediaStore } from '../core/ports.ts'
import { safeRef } from './media-ref.ts'

export interface S3Settings {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** Prepended to every key ("gridbot/"); references stay without it. */
  prefix?: string
}

export class S3MediaStore implements MediaStore {
  private readonly client: AwsClient
  private readonly base: string

  constructor(private readonly s: S3Settings) {
    this.client = new AwsClient({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, region: s.region, service: 's3' })
    this.base = `${s.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(s.bucket)}/`
  }

  get where(): string {
    return `${this.base}${this.s.prefix ?? ''}`
  }

  /** Writes and removes a small object: the start-up check and /readyz's (media-guard.ts). */
  async probe(): Promise<void> {
    const ref = await this.put(`.write-check/${process.pid}`, Buffer.from('ok'))
    await this.client.fetch(this.url(ref), { method: 'DELETE' }).catch(() => undefined)
  }

  private url(ref: string): string {
    return this.base + `${this.s.prefix ?? ''}${ref}`.split('/').map(encodeURIComponent).join('/')
  }

  async put(name: string, bytes: Buffer): Promise<string> {
    const ref = safeRef(name)
    const res = await this.client.fetch(this.url(ref), { method: 'PUT', body: new Uint8Array(bytes), headers: { 'content-length': String(bytes.length) } })
    if (!res.ok) throw new Error(`S3 PUT ${ref} failed: ${res.status} ${await errorCode(res)}`)
    return ref
  }

  async get(ref: string): Promise<Buffer> {
    const res = await this.client.fetch(this.url(safeRef(ref)), { method: 'GET' })
    if (!res.ok) throw new Error(`S3 GET ${ref} failed: ${res.status} ${await errorCode(res)}`)
    return Buffer.from(await res.arrayBuffer())
  }
}

/** The <Code> of an S3 error body (never the whole body: it can echo request details). */
async function errorCode(res: Response): Promise<string> {
  const text = await res.text().catch(() => '')
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? ''
}
