// What the open API says in Chinese: the CLI's answers and the posts in a grid's group for requests filed from outside.
import { formatLocal } from '../../core/time.ts'

/** China time, as every reply writes it. */
const when = (d: Date) => formatLocal(d)

export const openApiTexts = {
  unitUnknown: (name: string) => `没有这个单位:${name}`,
  unitAmbiguous: (name: string) => `有多个单位叫"${name}",请加 --district <区名>`,
  keyNameEmpty: () => '请用 --name 给密钥起个名字,例如 --name 12345热线',
  keyNameTaken: (unit: string, name: string) => `${unit}已有名为"${name}"的密钥;换个名字,或先吊销旧的`,
  keyUnknown: (s: string) => `没有这个密钥:${s}(用 gridbot api-key list 查看编号)`,
  keyAmbiguous: (s: string, ids: number[]) => `有多个名为"${s}"的有效密钥(编号 ${ids.join('、')}),请用编号吊销`,
  keyCreated: (id: number, unit: string, name: string, write: boolean) =>
    `已创建密钥 #${id}:${unit} · ${name} · ${write ? '读写' : '只读'}。密钥只显示这一次,请妥善保存:`,
  keyLine: (k: { id: number; name: string; prefix: string; write: boolean; createdAt: Date; revokedAt: Date | null; unit: { name: string } }) =>
    `#${k.id} ${k.unit.name} · ${k.name} · ${k.write ? '读写' : '只读'} · ${k.prefix}… · 创建 ${when(k.createdAt)}${k.revokedAt ? ` · 已吊销 ${when(k.revokedAt)}` : ''}`,
  noKeys: () => '还没有密钥。例如:gridbot api-key create --unit 任城区 --name 12345热线',
  webhookEvents: (unknown: string[], known: readonly string[]) =>
    `${unknown.length ? `不认识的事件:${unknown.join('、')}。` : '请用 --events 指定事件。'}可选:${known.join(',')}`,
  bodyUnknown: (body: string, known: string[]) =>
    known.length
      ? `没有对接「${body}」:本单位能转办的有 ${known.join('、')},例如:#转办 H3 ${known[0]} 请派人清理`
      : `没有对接「${body}」:本单位还没有对接物业、供电等外部单位,请管理员先用 gridbot webhooks add --body 添加`,
  webhookUrl: (url: string, problem: string) => `不能使用这个地址:${url}(${problem})`,
  webhookUnknown: (id: number) => `没有这个订阅:#${id}(用 gridbot webhooks list 查看)`,
  deliveryUnknown: (id: number) => `没有这个失败的推送:#${id}(用 gridbot webhooks failed 查看)`,
  webhookAdded: (id: number, unit: string, url: string, events: string[]) => `已订阅 #${id}:${unit} → ${url}(${events.join(',')})。签名密钥只显示这一次:`,
  webhookLine: (w: { id: number; url: string; events: string[]; owning: boolean; body?: string | null; unit: { name: string } }) =>
    `#${w.id} ${w.unit.name} → ${w.url} · ${w.events.join(',')}${w.owning ? ' · 本单位(不打码)' : ''}${w.body ? ` · 外部单位「${w.body}」(#转办)` : ''}`,
  noWebhooks: () => '还没有订阅。例如:gridbot webhooks add --unit 任城区 --url https://example.org/hook --events hazard.reported',
  webhookRemoved: (id: number) => `已取消订阅 #${id}`,
  failedLine: (d: { id: number; deliveryId: string; event: string; attempts: number; lastError: string | null; failedAt: Date | null }) =>
    `#${d.id} ${d.event} · ${d.deliveryId} · 尝试 ${d.attempts} 次 · ${d.lastError ?? ''}${d.failedAt ? ` · ${when(d.failedAt)}` : ''}`,
  noFailed: () => '没有失败的推送',
  retried: (id: number) => `已重新排队推送 #${id}`,
  keyRevoked: (id: number, name: string, changed: boolean) => (changed ? `已吊销密钥 #${id}(${name})` : `密钥 #${id}(${name})早已吊销`),
}

/** Open311's `group` of every service (hazard categories). */
export const SERVICE_GROUP = '安全隐患'

/** What a grid's group reads when a request from outside becomes a report there: the caller in full (this group owns it). */
export const open311Texts = {
  announced: (
    ref: string,
    a: {
      source: string
      category: string
      description: string
      address: string | null
      caller: { name: string | null; phone: string | null }
      mediaUrl: string | null
    },
  ) =>
    [
      `【外部来件 ${ref}】${a.source} 转来(${a.category}):${a.description}`,
      a.address ? `地址:${a.address}` : '',
      a.caller.name || a.caller.phone ? `来电人:${[a.caller.name, a.caller.phone].filter(Boolean).join(' ')}(仅本网格可见)` : '',
      a.mediaUrl ? `图片:${a.mediaUrl}` : '',
      `请受理:#受理 ${ref};处置:#处置 ${ref} 说明;办结:#办结 ${ref} 结果`,
    ]
      .filter(Boolean)
      .join('\n'),
  descriptionWithAddress: (description: string, address: string) => `${description}(地址:${address})`,
}
