import { Module } from '@nestjs/common';
import { McpModule } from '../mcp/index.js';
import { TutorModule } from './tutor/tutor.module.js';

/** The demo: a language tutor served over MCP, in memory, no other service needed. */
@Module({
  imports: [
    McpModule.forRoot({
      serverInfo: {
        name: 'nest-mcp-demo',
        version: '0.1.0',
        title: 'Language tutor',
        description: 'English conjugation and Spanish look-ups over MCP',
      },
      instructions: 'A language tutor: conjugate English verbs, look up irregular forms, translate words into Spanish.',
    }),
    TutorModule,
  ],
})
export class AppModule {}
