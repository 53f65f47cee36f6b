import { IsIn, IsString, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { PERSONS, TENSES, type Person, type Tense } from '../verbs.data.js';

export class ConjugateDto {
  @IsString()
  @Matches(/^[a-zA-Z]+$/, { message: 'verb must be a single English word' })
  @JSONSchema({ description: 'The verb in its base form, e.g. "eat"' })
  verb!: string;

  @IsIn(TENSES)
  @JSONSchema({ description: 'The tense', type: 'string' })
  tense!: Tense;

  @IsIn(PERSONS)
  @JSONSchema({ description: 'Grammatical person: 1sg, 2sg, 3sg, 1pl, 2pl or 3pl', type: 'string' })
  person!: Person;
}
