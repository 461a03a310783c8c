# syntax=docker/dockerfile:1
# nexus-api image: the datasource-server workspace, compiled by tsc to dist/ and run as plain JavaScript.
#
# Debian (glibc), not Alpine: chDB's native package @chdb/lib-linux-x64-gnu ships a glibc libchdb.so.
# linux/amd64 only for now: package-lock.json records chDB's native package for linux-x64 alone, so an
# arm64 build fails at the `require('chdb')` check below instead of at the first start.
#
#   docker build -t nexus-api:local .
#   docker run -p 8080:8080 -v nexus-data:/data -e NEXUS_ADMIN_TOKEN=... nexus-api:local

ARG NODE_IMAGE=node:20-bookworm-slim

# ── build: all dependencies (TypeScript included), then tsc → packages/spl/dist, datasource-server/dist ──
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# npm ci installs the nexus-api workspace and what it needs (@nexus/spl); tests/ is not in the build
# context (.dockerignore).
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/spl/package.json packages/spl/
COPY datasource-server/package.json datasource-server/
COPY plugin/package.json plugin/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace nexus-api --include-workspace-root --no-audit --no-fund
COPY packages/spl/tsconfig.json packages/spl/tsconfig.build.json packages/spl/
COPY packages/spl/src packages/spl/src
COPY datasource-server/tsconfig.json datasource-server/tsconfig.build.json datasource-server/
COPY datasource-server/src datasource-server/src
RUN npm run build -w nexus-api

# ── deps: production node_modules only (no tsx, no TypeScript) ───────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/spl/package.json packages/spl/
COPY datasource-server/package.json datasource-server/
COPY plugin/package.json plugin/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace nexus-api --omit=dev --no-audit --no-fund \
 && node -e "require('chdb'); require('snappy')"

# ── runtime ───────────────────────────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    NEXUS_DATA_DIR=/data \
    UV_THREADPOOL_SIZE=24
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY packages/spl/package.json packages/spl/
COPY --from=build /app/packages/spl/dist packages/spl/dist
COPY datasource-server/package.json datasource-server/
COPY datasource-server/bin datasource-server/bin
COPY datasource-server/macros datasource-server/macros
COPY datasource-server/migrations datasource-server/migrations
COPY --from=build /app/datasource-server/dist datasource-server/dist

# The image's `node` user (uid 1000) owns only the data directory; the code stays root-owned.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080

# No curl in the slim image: Node 20's fetch does the probe. Ready = listening and the store answers.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# node runs as PID 1 directly (not through npm) so SIGTERM reaches the service, which then fails
# readiness, stops accepting, flushes its ingest batches and exits.
WORKDIR /app/datasource-server
# --conditions=nexus-dist: @nexus/spl resolves to its built dist/ (its default export is the .ts sources,
# for development and tests).
CMD ["node", "--conditions=nexus-dist", "dist/main.js"]
