import { IsInt, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export class DeleteNoteDto {
  @IsInt()
  @Min(1)
  @JSONSchema({ description: 'Id of the note to delete' })
  id!: number;
}
