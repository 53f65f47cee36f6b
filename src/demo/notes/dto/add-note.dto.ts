import { IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export class AddNoteDto {
  @IsString()
  @Length(1, 2000)
  @JSONSchema({ description: 'The text of the note' })
  text!: string;
}
