import { IsString, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export class VerbDto {
  @IsString()
  @Matches(/^[a-zA-Z]+$/, { message: 'verb must be a single English word' })
  @JSONSchema({ description: 'The verb in its base form, e.g. "go"' })
  verb!: string;
}
