# syntax=docker/dockerfile:1
# Multi-stage: dependencies are built (hnswlib-node is native) in one stage, the runtime image copies them.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --omit=dev keeps vitest, playwright and the type packages out of the image; tsx (a dependency) runs the TypeScript
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 SALESGRAPH_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json langgraph.json ./
COPY bin ./bin
COPY src ./src
COPY agents ./agents
COPY tools ./tools
COPY channels ./channels
COPY knowledge ./knowledge
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/salesgraph.js", "serve"]
