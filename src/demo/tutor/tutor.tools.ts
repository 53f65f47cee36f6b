import { Injectable } from '@nestjs/common';
import { Args, PublicTool, Tool } from '../../mcp/index.js';
import { ConjugationService } from './conjugation.service.js';
import { ProgressService } from './progress.service.js';
import { CheckAnswerDto } from './dto/check-answer.dto.js';
import { ConjugateDto } from './dto/conjugate.dto.js';
import { VerbDto } from './dto/verb.dto.js';
import { WordDto } from './dto/word.dto.js';
import { IRREGULAR_VERBS, SPANISH } from './verbs.data.js';

const IRREGULAR_OUTPUT = {
  type: 'object',
  properties: {
    base: { type: 'string' },
    past: { type: 'string' },
    pastParticiple: { type: 'string' },
  },
  required: ['base', 'past', 'pastParticiple'],
  additionalProperties: false,
};

/** The language-tutor tools: anonymous agents may use them all (they only read). */
@PublicTool()
@Injectable()
export class TutorTools {
  constructor(
    private readonly conjugation: ConjugationService,
    private readonly progress: ProgressService,
  ) {}

  @Tool({
    name: 'conjugate',
    title: 'Conjugate a verb',
    description:
      'Conjugate an English verb in a tense and person, e.g. eat, past_simple, 3sg → "ate".',
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  conjugate(@Args() args: ConjugateDto): string {
    return this.conjugation.conjugate(args.verb, args.tense, args.person);
  }

  @Tool({
    name: 'lookup_irregular_verb',
    title: 'Irregular verb forms',
    description:
      'The three principal parts of an irregular English verb (base, past, past participle).',
    outputSchema: IRREGULAR_OUTPUT,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  lookupIrregular(
    @Args() args: VerbDto,
  ): { base: string; past: string; pastParticiple: string } | string {
    const base = args.verb.toLowerCase();
    const forms = IRREGULAR_VERBS[base];
    if (!forms)
      throw new Error(
        `"${args.verb}" is not in the irregular verb list; it is probably regular (${this.conjugation.past(base)}).`,
      );
    return { base, past: forms[0], pastParticiple: forms[1] };
  }

  @Tool({
    name: 'lookup_spanish',
    title: 'English → Spanish',
    description: 'Translate an English word (inflected forms included, e.g. "ate") into Spanish.',
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  lookupSpanish(@Args() args: WordDto): string {
    const word = args.word.trim().toLowerCase().replace(/\s+/g, '_');
    const spanish = SPANISH[word];
    if (!spanish) throw new Error(`No Spanish entry for "${args.word}".`);
    return spanish;
  }

  @Tool({
    name: 'check_conjugation',
    title: "Check a learner's answer",
    description: "Check a learner's conjugation and explain the right form when it is wrong.",
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  async check(@Args() args: CheckAnswerDto): Promise<string> {
    const expected = this.conjugation.conjugate(args.verb, args.tense, args.person);
    const subject = this.conjugation.subject(args.person);
    const ok = args.answer.trim().toLowerCase() === expected;
    await this.progress.record(ok);
    return ok
      ? `Correct: "${subject} ${expected}".`
      : `Not quite: the ${args.tense.replace('_', ' ')} of "${args.verb}" for "${subject}" is "${expected}", not "${args.answer}".`;
  }
}
