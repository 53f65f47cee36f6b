import { IsString, Length } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { ConjugateDto } from './conjugate.dto.js';

export class CheckAnswerDto extends ConjugateDto {
  @IsString()
  @Length(1, 64)
  @JSONSchema({ description: 'The learner\'s answer, e.g. "eated"' })
  answer!: string;
}
