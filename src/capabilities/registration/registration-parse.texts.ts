// What #登记 / #确认 / #驳回 say about how they were typed, and what #帮助 shows of them.
export const registrationParseTexts = {
  noName: '请写上名单中的姓名',
  spaceInName: '姓名中不要有空格,手机后四位可选',
  phoneDigits: '手机号只写后四位数字',
  phoneExample: (name: string) => `#登记 ${name} 1234`,
  noApplicant: '请写上申请人的姓名;同名的有多条时再写登记号',
}

/** #帮助's section of registration. */
export const REGISTRATION_TITLE = '登记'

export const registrationCommandTexts = {
  register: { name: '登记', summary: '把您的微信登记到名单上的姓名(新成员)', usage: '#登记 <姓名> [手机后四位]' },
  confirm: { name: '确认', summary: '确认新成员的登记(负责人、管理员)', usage: '#确认 <姓名> [登记号] [网格员/志愿者…]' },
  reject: { name: '驳回', summary: '驳回新成员的登记(负责人、管理员)', usage: '#驳回 <姓名> [登记号] [网格员/志愿者…]' },
}
