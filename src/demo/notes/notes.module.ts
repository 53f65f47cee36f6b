import { Module } from '@nestjs/common';
import { DemoStateModule } from '../demo-state.module.js';
import { NotesService } from './notes.service.js';
import { NotesTools } from './notes.tools.js';

@Module({ imports: [DemoStateModule], providers: [NotesService, NotesTools] })
export class NotesModule {}
