import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Args, McpCtx, PublicTool, Resource, Tool, type McpContext } from '../../mcp/index.js';
import { ConjugationService } from './conjugation.service.js';
import { QuizDto } from './dto/quiz.dto.js';
import { TableDto } from './dto/table.dto.js';
import { PROGRESS_URI, ProgressService } from './progress.service.js';
import { IRREGULAR_VERBS, PERSONS, TENSES } from './verbs.data.js';

const ANSWER_SCHEMA = {
  type: 'object',
  properties: {
    answer: {
      type: 'string',
      title: 'Your answer',
      description: 'The verb form only, e.g. "went"',
    },
  },
  required: ['answer'],
};

/** Practice tools that talk back during the call: a quiz (elicitation) and a table (progress). */
@PublicTool()
@Injectable()
export class TutorPracticeTools {
  /** Tables that stopped because the client cancelled them (observable in tests and logs). */
  cancelledTables = 0;

  constructor(
    private readonly conjugation: ConjugationService,
    private readonly progress: ProgressService,
  ) {}

  @Tool({
    name: 'quiz',
    title: 'Quiz me',
    description:
      'Ask the learner to conjugate a verb (the question goes to the user through elicitation), then grade the answer.',
    annotations: { readOnlyHint: false, openWorldHint: false },
  })
  async quiz(@Args() args: QuizDto, @McpCtx() ctx: McpContext): Promise<string> {
    // The verb of the day, not a random one: in the stateless era the handler runs again when
    // the answer comes back, and must ask (and grade) the same question.
    const verbs = Object.keys(IRREGULAR_VERBS);
    const verb = (
      args.verb ?? verbs[Math.floor(Date.now() / 86_400_000) % verbs.length]
    ).toLowerCase();
    const tense = args.tense ?? 'past_simple';
    const expected = this.conjugation.conjugate(verb, tense, '3sg');
    const reply = await ctx.elicit({
      key: 'answer',
      message: `What is the ${tense.replace('_', ' ')} of "${verb}" for "she"?`,
      requestedSchema: ANSWER_SCHEMA,
    });
    if (reply.action !== 'accept')
      return `Quiz skipped (${reply.action}). The answer was "${expected}".`;
    const given =
      typeof reply.content?.answer === 'string' ? reply.content.answer.trim().toLowerCase() : '';
    const ok = given === expected;
    await this.progress.record(ok);
    return ok ? `Correct: "she ${expected}".` : `Not quite: "she ${expected}", not "${given}".`;
  }

  @Tool({
    name: 'conjugation_table',
    title: 'Conjugation table',
    description:
      'Every tense and person of a verb, reporting progress tense by tense (and logging it when asked).',
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  async table(@Args() args: TableDto, @McpCtx() ctx: McpContext): Promise<string> {
    const rows: string[] = [];
    for (const [i, tense] of TENSES.entries()) {
      if (ctx.signal.aborted) {
        this.cancelledTables += 1;
        throw new Error('cancelled');
      }
      const forms = PERSONS.map(
        (p) => `${this.conjugation.subject(p)} ${this.conjugation.conjugate(args.verb, tense, p)}`,
      );
      rows.push(`${tense.replace('_', ' ')}: ${forms.join(', ')}`);
      ctx.log('info', `conjugated ${args.verb} in the ${tense.replace('_', ' ')}`, 'tutor');
      ctx.progress(i + 1, TENSES.length, tense);
      if (args.pauseMs)
        await sleep(args.pauseMs, undefined, { signal: ctx.signal }).catch(() => undefined);
    }
    return rows.join('\n');
  }

  @Resource({
    uri: PROGRESS_URI,
    name: 'progress',
    title: "The learner's score",
    description: 'Answers checked and answers correct; subscribe to hear of each change.',
    mimeType: 'application/json',
  })
  async score(): Promise<string> {
    return JSON.stringify(await this.progress.snapshot());
  }
}
