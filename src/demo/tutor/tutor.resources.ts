import { Injectable } from '@nestjs/common';
import { Args, Prompt, PublicTool, Resource, ResourceTemplate } from '../../mcp/index.js';
import { ConjugationService } from './conjugation.service.js';
import { IRREGULAR_VERBS, PERSONS, TENSES } from './verbs.data.js';

const verbNames = Object.keys(IRREGULAR_VERBS);
const startsWith = (value: string): string[] =>
  verbNames.filter((v) => v.startsWith(value.toLowerCase()));

/** Reference material and a practice prompt for the tutor. */
@PublicTool()
@Injectable()
export class TutorResources {
  constructor(private readonly conjugation: ConjugationService) {}

  @Resource({
    uri: 'tutor://tenses',
    name: 'tenses',
    title: 'The tenses the tutor knows',
    description: 'How each tense is formed, with an example.',
    mimeType: 'text/markdown',
  })
  tenses(): string {
    const lines = TENSES.map(
      (t) => `- **${t.replace('_', ' ')}**: she ${this.conjugation.conjugate('eat', t, '3sg')}`,
    );
    return `# Tenses\n\n${lines.join('\n')}\n`;
  }

  @ResourceTemplate({
    uriTemplate: 'tutor://verbs/{verb}',
    name: 'verb-card',
    title: 'Verb card',
    description: 'Every tense and person of one verb, as JSON.',
    mimeType: 'application/json',
    complete: { verb: startsWith },
  })
  verbCard(@Args() vars: { verb: string }): string {
    const verb = vars.verb.toLowerCase();
    const table = Object.fromEntries(
      TENSES.map((t) => [
        t,
        Object.fromEntries(PERSONS.map((p) => [p, this.conjugation.conjugate(verb, t, p)])),
      ]),
    );
    return JSON.stringify({ verb, irregular: verb in IRREGULAR_VERBS, table });
  }

  @Prompt({
    name: 'drill',
    title: 'Conjugation drill',
    description: 'Start a short conjugation drill on one tense.',
    arguments: [
      { name: 'tense', description: `One of: ${TENSES.join(', ')}`, required: true },
      { name: 'verbs', description: 'Comma-separated verbs to practise (optional)' },
    ],
    complete: { tense: (value) => TENSES.filter((t) => t.startsWith(value)) },
  })
  drill(@Args() args: { tense: string; verbs?: string }): string {
    const verbs = args.verbs ?? 'eat, go, write';
    return `Quiz me on the ${args.tense.replace('_', ' ')} of these verbs, one at a time: ${verbs}. Use the conjugate tool to check my answers.`;
  }
}
