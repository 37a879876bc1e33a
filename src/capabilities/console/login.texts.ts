// Every Chinese text of #登录 (the web console's one-time code), in one place.
import { formatLocal } from '../../core/time.ts'

export const loginTexts = {
  code: (code: string, expiresAt: Date) =>
    `🔑 网页控制台登录码:${code}\n${formatLocal(expiresAt, false)} 前有效,只能使用一次。请在登录页输入;请勿转发,他人获得此码即可以您的身份登录。`,
  notAllowed: () => '网页控制台仅限负责人、管理员登录。',
  ownRoomOnly: (unitName: string) => `请在本单位(${unitName})的群里发送 #登录,登录码只发到您自己单位的群。`,
  tooMany: () => '登录码申请过于频繁,请 5 分钟后再试。',
}

/** #帮助: the console's login shares the 管理 line with binding (the same title). */
export const CONSOLE_TITLE = '管理'

export const loginCommandTexts = { name: '登录', summary: '网页控制台的一次性登录码(负责人、管理员,在本单位群)', usage: '#登录', example: '#登录' }
