// The cold-start floor: a bare Nest application context holding the demo's conjugation service
// and loading the demo's DTOs (user code: class-validator and its JSON Schema decorators),
// answering the first stdin line with a hand-written initialize result. The demo's tool
// classes are left out: they import nest-mcp itself.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConjugationService } from '../../dist/src/demo/tutor/conjugation.service.js';
import '../../dist/src/demo/tutor/dto/check-answer.dto.js';
import '../../dist/src/demo/tutor/dto/conjugate.dto.js';
import '../../dist/src/demo/tutor/dto/quiz.dto.js';
import '../../dist/src/demo/tutor/dto/table.dto.js';
import '../../dist/src/demo/tutor/dto/verb.dto.js';
import '../../dist/src/demo/tutor/dto/word.dto.js';
import '../../dist/src/demo/notes/dto/add-note.dto.js';
import '../../dist/src/demo/notes/dto/delete-note.dto.js';

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
