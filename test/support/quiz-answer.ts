import { IRREGULAR_VERBS } from '../../src/demo/tutor/verbs.data.js';

/**
 * The right answer to a demo quiz question such as `What is the past simple of "go" for "she"?`,
 * worked out from the question text and the irregular-verb table (not from the server's own
 * conjugation code, so a wrong conjugation would fail the test).
 */
export function quizAnswer(question: string): string {
  const match = /^What is the (.+) of "([a-z]+)" for "she"\?$/.exec(question);
  if (!match) throw new Error(`not a quiz question: ${question}`);
  const [, tense, verb] = match;
  const [past, participle] = IRREGULAR_VERBS[verb] ?? [`${verb}ed`, `${verb}ed`];
  switch (tense) {
    case 'past simple':
      return past;
    case 'present perfect':
      return `has ${participle}`;
    case 'past perfect':
      return `had ${participle}`;
    case 'future simple':
      return `will ${verb}`;
    default:
      throw new Error(`quizAnswer does not know the ${tense}`);
  }
}
