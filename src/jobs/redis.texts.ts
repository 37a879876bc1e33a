// What an operator is told when Redis cannot be reached or its connection drops.
export const redisTexts = {
  lost: 'Redis 连接中断,正在重连 / Redis connection lost, reconnecting',
  lostLine: (reason: string) => `[gridbot] Redis 连接中断,正在重连:${reason}\n`,
  unreachable: (where: string, seconds: number, last: string) => `无法连接 Redis(REDIS_URL=${where}),已等待 ${seconds} 秒:${last}`,
}
