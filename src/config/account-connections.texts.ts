// Chinese texts of account connection errors (the operator reads them when `gridbot start` refuses to begin).
export const connectionTexts = {
  caUnreadable: (accountId: string, caFile: string) => `账号 ${accountId} 的 CA 证书文件无法读取:${caFile}`,
  noToken: (id: string, envKey: string) => `账号 ${id} 没有 puppet-service token:设置 ${envKey}_TOKEN(或单账号时 WECHATY_PUPPET_SERVICE_TOKEN)`,
  sharedToken: (other: string, id: string, masked: string, envKey: string) =>
    `账号 ${other} 和 ${id} 使用了同一个 token(${masked}):一个 token 只能服务一个账号,请为每个账号单独设置 ${envKey}_TOKEN`,
  unknownClient: (key: string, value: string, allowed: string[]) => `${key}_CLIENT 只能是 ${allowed.join(' 或 ')}(现在是 ${value})`,
  mixedClients: (juzi: string[]) =>
    `账号 ${juzi.join('、')} 使用 juzi 客户端(_CLIENT=juzi),其余账号使用上游客户端:两种客户端不能在同一个网关进程里同时工作。请分成两个网关进程,各用 --accounts(或 GRIDBOT_ACCOUNTS)指定自己的账号。`,
}
