// What an operator is told about settings that cannot work (gridbot start, any command reading the environment).
export const envTexts = {
  invalid: (lines: string[]) => `配置有误(环境变量) / invalid configuration (environment):\n${lines.join('\n')}`,
  notPostgres: '不是 PostgreSQL 地址 / not a PostgreSQL URL (expected postgresql://user@host:5432/dbname)',
  noPostgresHost: '缺少主机名 / no host (postgresql://user@host:5432/dbname)',
  noSocketPath: '缺少套接字路径 / no socket path (unix:///path/to/redis.sock)',
  notRedis: '不是 Redis 地址 / not a Redis URL (expected redis://host:6379/0, rediss://… or unix:///path)',
  noRedisHost: '缺少主机名 / no host (redis://host:6379)',
  redisDbNumber: '数据库编号应为数字 / the database must be a number (redis://host:6379/0)',
}
