import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nest-mcp';
import { OrdersTools } from './orders.tools.js';

@Module({
  imports: [McpModule.forRoot({ serverInfo: { name: 'dto-heavy', version: '1.0.0' } })],
  providers: [OrdersTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`MCP endpoint: ${await app.getUrl()}/mcp`);
