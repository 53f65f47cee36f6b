/** Every user-facing text of the library, each saying what to fix. */
export const McpMessages = {
  duplicateRegistration: (what: string) =>
    `McpModule is registered more than once with ${what}. For one server, import McpModule.forRoot()/forRootAsync() once, in the root module (tools in any module are found). For several servers, give each further registration its own name and path, and the modules it serves: McpModule.forRoot({ name: 'admin', path: 'mcp/admin', include: [AdminToolsModule], serverInfo }).`,
  unknownServer: (name: string, known: string[]) =>
    `No MCP server is named "${name}"; this app registers: ${known.map((n) => `"${n}"`).join(', ') || 'none'}.`,
  missingServerInfo: () =>
    'McpModule options need serverInfo { name, version }: McpModule.forRoot({ serverInfo: { name: "orders", version: "1.0.0" } }).',
  invalidOption: (name: string, why: string) => `McpModule option "${name}" ${why}.`,
  duplicateName: (kind: string, name: string, first: string, second: string) =>
    `Duplicate MCP ${kind} "${name}": declared by ${first} and by ${second}. Give one of them another name.`,
  invalidToolName: (name: string, site: string) =>
    `Tool name "${name}" at ${site} is not valid: use 1-128 characters from A-Z a-z 0-9 _ - . only.`,
  requestScoped: (site: string) =>
    `${site} is request-scoped (or depends on a request-scoped provider). MCP handlers must be singletons: remove scope: Scope.REQUEST, and read per-call data from @McpCtx() instead.`,
  invalidSchema: (site: string, why: string) => `The schema of ${site} is not usable: ${why}`,
  noArgsSchemaForDto: (site: string) =>
    `${site} uses a DTO class with no class-validator decorators; decorate its properties (e.g. @IsString()) or pass inputSchema explicitly.`,
  rawBodyUnavailable: () =>
    'nest-mcp could not read the raw request body: another body parser consumed it first. Create the app with NestFactory.create(AppModule, { rawBody: true }).',
  missingPeer: (pkg: string, feature: string) =>
    `nest-mcp needs the optional package ${pkg} for ${feature}: npm install ${pkg}`,
  redisWithoutStateSecret: () =>
    'McpModule option "redis" needs a shared "stateSecret" (at least 32 bytes, the same on every replica): stateless-era requestState is sealed with it, and without it each replica would seal with its own random key, so a retry reaching another replica could not be read. Pass stateSecret: process.env.MCP_STATE_SECRET.',
  unsupportedAdapter: (name: string) =>
    `nest-mcp does not support the HTTP adapter "${name}"; use @nestjs/platform-express or @nestjs/platform-fastify.`,
} as const;
