// The console login code as it reads in a sent post (login.texts.ts), and what replaces it once WeChat has it.
export const outboxTexts = {
  loginCodeLabel: '登录码:',
  loginCodePattern: '登录码:[2-9A-Z]{4}-[2-9A-Z]{4}',
  loginCodeGone: '登录码:(已发送,不再保存)',
}
