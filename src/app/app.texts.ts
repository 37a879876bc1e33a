// What an operator is told when a gateway cannot start its accounts (gridbot start).
export const appTexts = {
  noAccounts: '没有机器人账号:请先导入组织文件(gridbot org import <文件>)',
  noConnection: (accountId: string) => `账号 ${accountId} 没有连接配置`,
}
