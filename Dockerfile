# syntax=docker/dockerfile:1
# The Thoth image: every step (`thoth-step <name>`), the investigator and the `thoth` CLI, on Node 20.
#   docker build -t quay.io/thoth-station/thoth:0.1.0 .
# The solver variant: the same code on a chosen Python (the solver inspects packages with the
# interpreter of the environment it solves for), one image per Python version; the chart runs
# `<solver.image.repository>:<tag>-py<version>` for the `solve` step:
#   docker build --target solver --build-arg PYTHON_VERSION=3.12 -t quay.io/thoth-station/thoth-solver:0.1.0-py3.12 .
# Both run as the unprivileged user 1001 (the chart's and workflows' runAsUser).

ARG NODE_VERSION=20
ARG PYTHON_VERSION=3.11
ARG DEBIAN_RELEASE=bookworm

# ---- build: full dependencies, generated types, compiled dist/ ----
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/gen-types.mjs scripts/
COPY schemas/ schemas/
COPY lib/ lib/
COPY steps/ steps/
COPY consumers/ consumers/
COPY cli/ cli/
RUN npm run build

# ---- deps: production dependencies only (no compilers, no test tools) ----
FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- app: what every variant copies (code, contracts, pipelines, entry points) ----
FROM node:${NODE_VERSION}-slim AS app
WORKDIR /app
COPY --from=deps /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
# Files read at run time beside the code (lib/assets finds the package root by package.json and lib/):
# schema migrations, workflows/ for the local engine. Contracts are bundled into dist at build time.
COPY package.json ./
COPY lib/graph/migrations/ lib/graph/migrations/
COPY schemas/ schemas/
COPY workflows/ workflows/
# Entry points on PATH: `thoth-step <name>` (steps/thoth-step.ts dispatches through steps/registry.ts)
# and `thoth` (cli/thoth.ts, package.json "bin").
RUN printf '#!/bin/sh\nexec node /app/dist/steps/thoth-step.js "$@"\n' > /app/thoth-step \
 && printf '#!/bin/sh\nexec node /app/dist/cli/thoth.js "$@"\n' > /app/thoth \
 && chmod 0755 /app/thoth-step /app/thoth

# ---- solver: the app on the Python of one solver environment ----
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_RELEASE} AS solver
# Node's binary needs libstdc++; the python image has no Node, so it comes from the node image.
RUN apt-get update && apt-get install -y --no-install-recommends libstdc++6 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=app /usr/local/bin/node /usr/local/bin/node
COPY --from=app /app/ /app/
RUN ln -s /app/thoth-step /usr/local/bin/thoth-step && ln -s /app/thoth /usr/local/bin/thoth \
 && groupadd --gid 1001 thoth && useradd --uid 1001 --gid 1001 --home-dir /home/thoth --create-home thoth
ENV THOTH_HOME=/home/thoth/.thoth
USER 1001:1001
WORKDIR /home/thoth
CMD ["thoth", "--help"]

# ---- runtime (default target): the app on Node 20 ----
FROM node:${NODE_VERSION}-slim AS runtime
COPY --from=app /app/ /app/
RUN ln -s /app/thoth-step /usr/local/bin/thoth-step && ln -s /app/thoth /usr/local/bin/thoth \
 && groupadd --gid 1001 thoth && useradd --uid 1001 --gid 1001 --home-dir /home/thoth --create-home thoth
ENV THOTH_HOME=/home/thoth/.thoth
USER 1001:1001
WORKDIR /home/thoth
CMD ["thoth", "--help"]
