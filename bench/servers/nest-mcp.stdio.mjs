// nest-mcp's stdio server with the bench app (see bench-app.mjs), as `bootstrapStdio` serves it.
import 'reflect-metadata';
import { bootstrapStdio } from '../../dist/src/mcp/index.js';
import { benchAppModule } from './bench-app.mjs';

await bootstrapStdio(benchAppModule(), { logger: ['error', 'warn'] });
