import { Injectable } from '@nestjs/common';
import { Args, McpCtx, PublicTool, Tool, type McpContext } from '../../mcp/index.js';
import { AddNoteDto } from './dto/add-note.dto.js';
import { DeleteNoteDto } from './dto/delete-note.dto.js';
import { NotesService, type Note } from './notes.service.js';

const NOTE = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    text: { type: 'string' },
    author: { type: 'string' },
    createdAt: { type: 'string' },
  },
  required: ['id', 'text', 'author', 'createdAt'],
};

/** A shared notebook: anyone may read it; signed agents or token holders with the right scope may write. */
@Injectable()
export class NotesTools {
  constructor(private readonly notes: NotesService) {}

  @PublicTool()
  @Tool({
    name: 'notes_list',
    title: 'List notes',
    description: 'Every note in the shared notebook.',
    outputSchema: {
      type: 'object',
      properties: { notes: { type: 'array', items: NOTE } },
      required: ['notes'],
    },
    annotations: { readOnlyHint: true },
  })
  list(): { notes: Note[] } {
    return { notes: this.notes.list() };
  }

  @Tool({
    name: 'notes_add',
    title: 'Add a note',
    description:
      'Add a note to the notebook (signed agents or bearer tokens with scope notes:write).',
    access: 'write',
    scopes: ['notes:write'],
    outputSchema: NOTE,
    annotations: { readOnlyHint: false, destructiveHint: false },
  })
  add(@Args() args: AddNoteDto, @McpCtx() ctx: McpContext): Note {
    return this.notes.add(args.text, ctx.principal.id);
  }

  @Tool({
    name: 'notes_delete',
    title: 'Delete a note',
    description: 'Delete a note by id (signed agents or bearer tokens with scope notes:admin).',
    access: 'write',
    scopes: ['notes:admin'],
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  })
  delete(@Args() args: DeleteNoteDto): string {
    if (!this.notes.delete(args.id)) throw new Error(`No note with id ${args.id}.`);
    return `Deleted note ${args.id}.`;
  }
}
