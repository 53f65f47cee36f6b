import { Module } from '@nestjs/common';
import { McpModule } from '../mcp/index.js';
import { demoMcpOptions } from './demo.config.js';
import { NotesModule } from './notes/notes.module.js';
import { TutorModule } from './tutor/tutor.module.js';

/**
 * The demo: a language tutor and a notebook served over MCP, in memory, no other service needed
 * (or on Redis, for several replicas: MCP_REDIS_URL).
 */
@Module({
  imports: [
    McpModule.forRootAsync({ useFactory: () => demoMcpOptions() }),
    TutorModule,
    NotesModule,
  ],
})
export class AppModule {}
