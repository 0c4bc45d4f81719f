# syntax=docker/dockerfile:1
# One image per app, all from this file:
#   docker build --build-arg APP=gateway -t shopcast/gateway:latest .
# APP is one of gateway | auth | content | platform | analytics. The deps and build stages do not use
# APP, so building the five images compiles once; the runtime layers up to `ARG APP` are shared too.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- deps: every dependency, dev included (the Nest CLI and TypeScript build the code) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: `nest build --all` writes dist/apps/<app>/apps/<app>/src/main.js per app ---
FROM deps AS build
COPY . .
RUN npm run build

# --- runtime: production dependencies and one app's compiled output ---
FROM ${NODE_IMAGE} AS runtime
# ffmpeg and fonts (text, and emoji in user text) are what the content app renders product videos with. They are installed in every
# image on purpose: the layer is then identical (stored and pulled once) for all five apps.
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core fonts-noto-color-emoji \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

ARG APP
# Kept as an environment variable so that CMD, which runs when the container starts, can read it.
ENV APP=${APP}
COPY --from=build /app/dist/apps/${APP} ./dist/apps/${APP}
# The web app's static build (a few MB); only the gateway serves it, at `/`.
COPY --from=build /app/dist/web ./dist/web
RUN test -f "dist/apps/${APP}/apps/${APP}/src/main.js" \
  || { echo "APP must be one of gateway, auth, content, platform, analytics (got '${APP}')" >&2; exit 1; }

# The image's `node` user (uid 1000), numeric so that Kubernetes can verify runAsNonRoot.
# The code stays owned by root: the process cannot modify it.
USER 1000:1000
# gateway: HTTP API on PORT (3000). services: /health/live, /health/ready, /metrics on OPS_PORT (8081).
EXPOSE 3000 8081
# `exec` makes node PID 1, so SIGTERM reaches the app's graceful shutdown. Migrations only:
#   docker run --rm shopcast/auth node dist/apps/auth/apps/auth/src/main.js migrate
CMD ["/bin/sh", "-c", "exec node dist/apps/${APP}/apps/${APP}/src/main.js"]
