import { Global, Module } from '@nestjs/common';
import { DemoState, MemoryDemoState, RedisDemoState } from './demo-state.js';

/** Provides {@link DemoState}: Redis when `MCP_REDIS_URL` is set, else in memory. */
@Global()
@Module({
  providers: [
    {
      provide: DemoState,
      useFactory: (): Promise<DemoState> | DemoState =>
        process.env.MCP_REDIS_URL
          ? RedisDemoState.connect(process.env.MCP_REDIS_URL)
          : new MemoryDemoState(),
    },
  ],
  exports: [DemoState],
})
export class DemoStateModule {}
