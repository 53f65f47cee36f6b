import { Inject, Injectable } from '@nestjs/common';
import { DemoState } from '../demo-state.js';

export interface Note {
  id: number;
  text: string;
  author: string;
  createdAt: string;
}

/** The notebook: in memory, or in Redis so that every replica lists the same notes. */
@Injectable()
export class NotesService {
  constructor(@Inject(DemoState) private readonly state: DemoState) {}

  async list(): Promise<Note[]> {
    const notes = Object.values(await this.state.all('notes')).map(
      (raw) => JSON.parse(raw) as Note,
    );
    return notes.sort((a, b) => a.id - b.id);
  }

  async add(text: string, author: string): Promise<Note> {
    const id = await this.state.increment('counters', 'note');
    const note = { id, text, author, createdAt: new Date().toISOString() };
    await this.state.put('notes', String(id), JSON.stringify(note));
    return note;
  }

  delete(id: number): Promise<boolean> {
    return this.state.remove('notes', String(id));
  }
}
