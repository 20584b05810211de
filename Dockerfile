# syntax=docker/dockerfile:1
#
# One image for all five services (gateway, user, video, chat, search).
# docker-compose.yml picks the process per service with `command:`, e.g.
#   node dist/gateway/main.js   node dist/subgraphs/video/main.js
#
# Build:  docker build -t vidhub:local .

# Node 24 (the active LTS line), pinned to one release; both stages use it.
# Node 20 runs the code as well (package.json "engines"; CI tests both).
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# ---------------------------------------------------------------------------
# build: install every dependency (compiling better-sqlite3's native addon),
# compile TypeScript to dist/ and the web app to web/dist/, then drop the
# dev dependencies.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build

# python3, make and g++ let node-gyp build better-sqlite3 when no prebuilt
# binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that source edits reuse this layer.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# Sources (see .dockerignore), then `tsc -p tsconfig.build.json` into dist/
# keeping the folder layout: dist/gateway/main.js, dist/subgraphs/<name>/main.js,
# dist/lib/..., dist/scripts/...
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------------------
# runtime: production dependencies, compiled JS, SDL files, ffmpeg.
# Same base image as the build stage, so the native addon matches its libc.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# ffmpeg (with ffprobe): the video subgraph extracts frames and probes uploads.
# tini: PID 1 that forwards SIGTERM to node and reaps children (ffmpeg).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production HOST=0.0.0.0

WORKDIR /app

# Owned by root and so read-only for the `node` user that runs the services.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# SDL files are read at run time from <root>/schema.
COPY --from=build /app/schema ./schema
# The web app the gateway serves at / (WEB_DIR, default web/dist), built by `npm run build`.
COPY --from=build /app/web/dist ./web/dist

# DATA_DIR (default ./data) is the only place a service may write under /app.
RUN mkdir -p /app/data && chown node:node /app/data

USER node

# GATEWAY_PORT USER_PORT VIDEO_PORT CHAT_PORT SEARCH_PORT defaults
EXPOSE 4000 4001 4002 4003 4004

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=64", "dist/gateway/main.js"]
