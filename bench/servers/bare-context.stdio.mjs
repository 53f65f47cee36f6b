// The cold-start floor: a bare Nest application context holding the demo's conjugation service
// (the demo's tool modules import nest-mcp itself), answering the first stdin line with a
// hand-written initialize result.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';

class BareModule {}
Reflect.decorate([Module({ providers: [ConjugationService] })], BareModule);

await NestFactory.createApplicationContext(BareModule, { logger: ['error', 'warn'] });
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  buffer += text;
  const newline = buffer.indexOf('\n');
  if (newline < 0) return;
  const { id, params } = JSON.parse(buffer.slice(0, newline));
  buffer = buffer.slice(newline + 1);
  const result = {
    protocolVersion: params.protocolVersion,
    capabilities: { tools: {} },
    serverInfo: { name: 'bare', version: '0.0.0' },
  };
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, result })}\n`);
});
process.stdin.on('end', () => process.exit(0));
