import 'reflect-metadata';
import { bootstrapStdio } from '../mcp/index.js';
import { AppModule } from './app.module.js';

// The demo over stdio: an MCP client runs `node dist/src/demo/stdio.js` (or `npm run -s start:stdio`).
void bootstrapStdio(AppModule);
