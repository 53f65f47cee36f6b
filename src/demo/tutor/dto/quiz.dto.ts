import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { TENSES, type Tense } from '../verbs.data.js';

export class QuizDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-zA-Z]+$/, { message: 'verb must be a single English word' })
  @JSONSchema({ description: 'The verb to ask about (default: a random irregular verb)' })
  verb?: string;

  @IsOptional()
  @IsIn(TENSES)
  @JSONSchema({ description: 'The tense to ask about (default: past_simple)', type: 'string' })
  tense?: Tense;
}
