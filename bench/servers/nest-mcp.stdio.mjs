// nest-mcp's stdio server with the bench app (see bench-app.mjs), as `bootstrapStdio` serves it.
import 'reflect-metadata';
import { benchAppModule, nestMcp } from './bench-app.mjs';

await nestMcp.bootstrapStdio(benchAppModule(), { logger: ['error', 'warn'] });
