# gridbot: one image for every role (`start --role gateway|worker|all`). Multi-stage: the build stage compiles
# TypeScript to dist/ with the dev dependencies; the runtime stage has production dependencies, the compiled build and
# the migrations only, runs as the unprivileged `node` user, and needs no tsx or compiler.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# pg_dump / pg_restore for `gridbot backup` (PostgreSQL 15 client: use a server of 15 or older, or mount a newer client).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    GRIDBOT_HTTP_HOST=0.0.0.0 \
    GRIDBOT_HTTP_PORT=8080 \
    GRIDBOT_DATA_DIR=/data \
    GRIDBOT_NO_DOTENV=1
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY package.json ./
COPY examples ./examples
# The chart font (a Noto Sans SC subset, OFL) that digests render Chinese with.
COPY assets ./assets
# /data/media exists owned by `node`: a named volume mounted there (docker-compose.yml) starts with that owner, so the
# unprivileged user can write received images (gridbot start checks, and names the folder if not).
RUN mkdir -p /data/media && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GRIDBOT_HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["tini", "--", "node", "bin/gridbot.js"]
CMD ["start"]
