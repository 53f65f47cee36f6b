import { Injectable } from '@nestjs/common';
import { IRREGULAR_VERBS, type Person, type Tense } from './verbs.data.js';

const SUBJECTS: Record<Person, string> = {
  '1sg': 'I',
  '2sg': 'you',
  '3sg': 'he/she/it',
  '1pl': 'we',
  '2pl': 'you',
  '3pl': 'they',
};

/** English conjugation with the common spelling rules for regular verbs. */
@Injectable()
export class ConjugationService {
  /** The verb form alone, e.g. eat + past_simple + 3sg → "ate". */
  conjugate(verb: string, tense: Tense, person: Person): string {
    const base = verb.trim().toLowerCase();
    if (base === 'be') return this.be(tense, person);
    const third = person === '3sg';
    switch (tense) {
      case 'present_simple':
        return third ? this.thirdPerson(base) : base;
      case 'past_simple':
        return this.past(base);
      case 'future_simple':
        return `will ${base}`;
      case 'present_continuous':
        return `${person === '1sg' ? 'am' : third ? 'is' : 'are'} ${this.gerund(base)}`;
      case 'present_perfect':
        return `${third ? 'has' : 'have'} ${this.participle(base)}`;
      case 'past_perfect':
        return `had ${this.participle(base)}`;
    }
  }

  subject(person: Person): string {
    return SUBJECTS[person];
  }

  past(base: string): string {
    return IRREGULAR_VERBS[base]?.[0] ?? this.regularPast(base);
  }

  participle(base: string): string {
    return IRREGULAR_VERBS[base]?.[1] ?? this.regularPast(base);
  }

  private be(tense: Tense, person: Person): string {
    const singular = person.endsWith('sg') && person !== '2sg';
    if (tense === 'present_simple')
      return person === '1sg' ? 'am' : person === '3sg' ? 'is' : 'are';
    if (tense === 'past_simple') return singular ? 'was' : 'were';
    if (tense === 'future_simple') return 'will be';
    if (tense === 'present_continuous')
      return `${person === '1sg' ? 'am' : person === '3sg' ? 'is' : 'are'} being`;
    return tense === 'present_perfect' ? `${person === '3sg' ? 'has' : 'have'} been` : 'had been';
  }

  private thirdPerson(base: string): string {
    if (base === 'have') return 'has';
    if (/(s|sh|ch|x|z|o)$/.test(base)) return `${base}es`;
    if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
    return `${base}s`;
  }

  private regularPast(base: string): string {
    if (base.endsWith('e')) return `${base}d`;
    if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
    if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(base)) return `${base}${base.at(-1)}ed`;
    return `${base}ed`;
  }

  private gerund(base: string): string {
    if (base.endsWith('ie')) return `${base.slice(0, -2)}ying`;
    if (base.endsWith('e') && base !== 'be' && !base.endsWith('ee'))
      return `${base.slice(0, -1)}ing`;
    if (/^[^aeiou]*[aeiou][^aeiouwxy]$/.test(base)) return `${base}${base.at(-1)}ing`;
    return `${base}ing`;
  }
}
