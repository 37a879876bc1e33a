// Chinese texts of account connection errors (the operator reads them when `gridbot start` refuses to begin).
export const connectionTexts = {
  unknownClient: (key: string, value: string, allowed: string[]) => `${key}_CLIENT 只能是 ${allowed.join(' 或 ')}(现在是 ${value})`,
  mixedClients: (juzi: string[]) =>
    `账号 ${juzi.join('、')} 使用 juzi 客户端(_CLIENT=juzi),其余账号使用上游客户端:两种客户端不能在同一个网关进程里同时工作。请分成两个网关进程,各用 --accounts(或 GRIDBOT_ACCOUNTS)指定自己的账号。`,
}
