// What the embedded servers say while they are found, installed and started (gridbot sim, start --embedded, tests).
export const runtimeTexts = {
  cannotInstall: (packages: string) => `需要 ${packages},但本机没有,且无法自动安装(需要 root 与 apt-get)。请运行: sudo apt-get install -y ${packages}`,
  installing: (packages: string) => `正在安装 ${packages}(apt-get,仅首次需要)…`,
  installed: (packages: string) => `已安装 ${packages}`,
  redisMissing: 'redis-server 安装后仍未找到',
  postgresMissing: 'PostgreSQL 安装后仍未找到 initdb',
  redisNotStarted: (log: string) => `redis-server 未能启动(见 ${log})`,
}
