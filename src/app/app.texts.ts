// What an operator is told when a gateway cannot start its accounts (gridbot start).
export const appTexts = {
  noAccounts: '没有机器人账号:请先导入组织文件(gridbot org import <文件>)',
  mediaNotWritable: (where: string, reason: string) =>
    `图片目录不可写:${where}(${reason})。请让服务用户可写该目录,或设置 GRIDBOT_DATA_DIR / GRIDBOT_MEDIA_S3_*\n` +
    `media store not writable: ${where}; make it writable by the service user`,
  noConnection: (accountId: string) => `账号 ${accountId} 没有连接配置`,
}
