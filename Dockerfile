# 督办助手 container: build the native module (better-sqlite3) in one stage, run as a non-root
# user in a slim one. Data lives in the /var/lib/duban volume; see docs/部署与运维.md.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY handlers ./handlers
COPY jobs ./jobs
COPY knowledge ./knowledge
COPY tsconfig.json ./

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/duban \
    PORT=8080
RUN groupadd --system --gid 10001 duban \
 && useradd --system --uid 10001 --gid duban --home-dir /var/lib/duban --shell /usr/sbin/nologin duban \
 && mkdir -p /var/lib/duban \
 && chown duban:duban /var/lib/duban \
 && chmod 700 /var/lib/duban
WORKDIR /app
COPY --from=build /app /app
USER duban
VOLUME ["/var/lib/duban"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly (not npm): SIGTERM reaches the bot, which checkpoints and closes the database.
CMD ["node", "--import", "tsx", "src/main.ts"]
