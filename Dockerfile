# Build stage: compiles TypeScript and the web app (web/dist); bcrypt's native addon builds
# here if no prebuilt binary fits.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# The workspaces' package.json files belong to the lockfile: npm ci needs them to install.
COPY package.json package-lock.json ./
COPY client/package.json ./client/
COPY web/package.json ./web/
# npm ci can die mid-install ("Exit handler never called!") and still exit 0, leaving a
# partial node_modules; npm ls fails on any missing or invalid package, so the build stops here.
RUN npm ci --no-audit --no-fund && npm ls --all >/dev/null
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY src ./src
COPY migrations ./migrations
COPY client ./client
COPY web ./web
# --omit=optional as well: @nestjs/swagger names typescript as an optional peer (for its
# build-time compiler plugin), which npm keeps in a production tree otherwise. The web
# app's packages (Vite, React) are its devDependencies, pruned with the rest; the
# workspace links under node_modules/@social-api would dangle in the runtime image.
RUN npm run build \
 && test -f web/dist/index.html \
 && npm prune --omit=dev --omit=optional \
 && test ! -e node_modules/typescript && test ! -e node_modules/vite \
 && npm ls --omit=dev --omit=optional >/dev/null \
 && rm -r node_modules/@social-api

# Runtime stage: production dependencies and the compiled app only. The code is root's
# and read-only to the app's user, who can write to the data directory and nothing else.
FROM node:20-bookworm-slim
# The image runs with only SECRET_KEY and DATABASE_URL given, as platforms start it. Without
# SMTP_URL, password reset is off (POST /password-reset answers 503, one warning at start):
# set SMTP_URL to your mail provider and PASSWORD_RESET_URL to the page the mails link to.
ENV NODE_ENV=production PORT=8000 DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
