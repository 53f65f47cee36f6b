import { Injectable } from '@nestjs/common';

export interface Note {
  id: number;
  text: string;
  author: string;
  createdAt: string;
}

/** The notebook: in memory, like the rest of the demo. */
@Injectable()
export class NotesService {
  private readonly notes = new Map<number, Note>();
  private nextId = 1;

  list(): Note[] {
    return [...this.notes.values()];
  }

  add(text: string, author: string): Note {
    const note = { id: this.nextId++, text, author, createdAt: new Date().toISOString() };
    this.notes.set(note.id, note);
    return note;
  }

  delete(id: number): boolean {
    return this.notes.delete(id);
  }
}
