import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

export class TableDto {
  @IsString()
  @Matches(/^[a-zA-Z]+$/, { message: 'verb must be a single English word' })
  @JSONSchema({ description: 'The verb in its base form' })
  verb!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  @JSONSchema({ description: 'Pause between tenses in ms, to watch the progress (default 0)' })
  pauseMs?: number;
}
