// Every Chinese text about bot accounts: alerts to the admins' group and the `gridbot accounts` listing.
import { formatLocal } from '../../core/time.ts'

/** The lease column: which gateway serves the account (null holders: Redis not reachable). */
function holderCell(id: string, holders: Map<string, { holder: string; token: number }> | null): string {
  if (!holders) return '未知(Redis 不可达)'
  const h = holders.get(id)
  return h ? `${h.holder} #${h.token}` : '无(没有网关在服务)'
}

export const STATE_LABEL: Record<string, string> = {
  starting: '启动中',
  waiting_scan: '等待扫码',
  logged_in: '在线',
  logged_out: '已退出登录',
  disconnected: '连接中断',
  failed_auth: 'token 被拒绝',
  stopped: '已停止',
  deaf: '收不到消息(探针未到)',
}

const who = (id: string, name: string | null) => (name && name !== id ? `「${name}」(${id})` : `「${id}」`)

function minutes(ms: number): string {
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s} 秒` : `${Math.round(s / 60)} 分钟`
}

export const accountTexts = {
  scan: (id: string, name: string | null, url: string) => `🔑 机器人账号${who(id, name)}需要扫码登录,请用该账号的微信扫描:\n${url}`,
  loggedOut: (id: string, name: string | null, at: Date) =>
    `⚠️ 机器人账号${who(id, name)}已于 ${formatLocal(at)} 退出登录。该账号的群消息暂存不发,重新登录后自动补发;登录二维码将发到本群。`,
  disconnected: (id: string, name: string | null, at: Date, reason?: string) =>
    `⚠️ 机器人账号${who(id, name)}与微信服务的连接于 ${formatLocal(at)} 中断${reason ? `(${reason.slice(0, 80)})` : ''},正在自动重连;待发消息暂存,恢复后补发。`,
  failedAuth: (id: string, name: string | null) => `❌ 机器人账号${who(id, name)}的 token 被微信服务拒绝,请检查该账号的 token 配置。`,
  deaf: (id: string, name: string | null, at: Date) =>
    `⚠️ 机器人账号${who(id, name)}于 ${formatLocal(at)} 起收不到消息(连接看似正常,但探针消息连续两次未收到),已自动重启连接;恢复后本群会收到通知。期间群里的指令可能没有回复。`,
  hearsAgain: (id: string, name: string | null) => `✅ 机器人账号${who(id, name)}又能收到消息了(探针已通过)。`,
  recovered: (id: string, name: string | null, downMs: number) => `✅ 机器人账号${who(id, name)}已恢复在线(中断 ${minutes(downMs)}),暂存的消息正在补发。`,
  leftRoom: (id: string, name: string | null, topic: string) =>
    `⚠️ 机器人账号${who(id, name)}已不在群「${topic}」中,发往该群的消息无法送达。请把该账号重新拉进群,然后运行 gridbot outbox retry 补发。`,
  /** `tokenVar`: the variable that holds this account's token, so the operator knows which line to fix. */
  fatalAuth: (id: string, reason: string, tokenVar: string) =>
    `错误:账号 ${id} 的 puppet-service token 一直被拒绝(${reason}),网关无法工作,已退出。请检查该账号的 token(${tokenVar})与服务端是否一致。`,
  roomsHeader: (unbound: number, all: number) =>
    `组织名单中共 ${all} 个群,未绑定 ${unbound} 个(未绑定的在前)。\n账号\t群名\t单位\t群ID\t绑定时间\t备用账号\t绑定建议`,
  roomLine: (
    r: { accountId: string; topic: string; unit: string; wxRoomId: string | null; boundAt: Date | null; backups: string[]; admin: boolean },
    proposal = '',
  ) =>
    [
      r.accountId,
      `${r.topic}${r.admin ? '(管理员群)' : ''}`,
      r.unit,
      r.wxRoomId ?? '未绑定',
      r.boundAt ? formatLocal(r.boundAt) : '',
      r.backups.join(','),
      proposal,
    ].join('\t'),
  listHeader: () => '账号\t名称\t状态\t自\t群数\t说明\t网关(租约持有者)',
  /** `holders`: the gateway holding each account's lease (null: Redis not reachable, the column says so). */
  listLine: (
    a: { id: string; name: string | null; state: string | null; since: Date | null; rooms: number; detail: string | null },
    holders: Map<string, { holder: string; token: number }> | null = null,
  ) =>
    [
      a.id,
      a.name ?? '',
      a.state ? (STATE_LABEL[a.state] ?? a.state) : '未启动',
      a.since ? formatLocal(a.since) : '',
      String(a.rooms),
      a.detail ?? '',
      holderCell(a.id, holders),
    ].join('\t'),
}
