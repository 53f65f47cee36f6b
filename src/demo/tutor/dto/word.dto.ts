import { IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export class WordDto {
  @IsString()
  @Length(1, 64)
  @JSONSchema({ description: 'An English word, e.g. "ate"' })
  word!: string;
}
