/** Irregular English verbs: base → [past simple, past participle]. */
export const IRREGULAR_VERBS: Readonly<Record<string, readonly [string, string]>> = {
  be: ['was', 'been'],
  begin: ['began', 'begun'],
  break: ['broke', 'broken'],
  bring: ['brought', 'brought'],
  buy: ['bought', 'bought'],
  come: ['came', 'come'],
  do: ['did', 'done'],
  drink: ['drank', 'drunk'],
  drive: ['drove', 'driven'],
  eat: ['ate', 'eaten'],
  find: ['found', 'found'],
  get: ['got', 'gotten'],
  give: ['gave', 'given'],
  go: ['went', 'gone'],
  have: ['had', 'had'],
  know: ['knew', 'known'],
  make: ['made', 'made'],
  read: ['read', 'read'],
  run: ['ran', 'run'],
  say: ['said', 'said'],
  see: ['saw', 'seen'],
  speak: ['spoke', 'spoken'],
  take: ['took', 'taken'],
  think: ['thought', 'thought'],
  write: ['wrote', 'written'],
};

/** A small English → Spanish glossary, inflected forms included. */
export const SPANISH: Readonly<Record<string, string>> = {
  eat: 'comer',
  ate: 'comió',
  eaten: 'comido',
  eats: 'come',
  go: 'ir',
  went: 'fue',
  gone: 'ido',
  goes: 'va',
  drink: 'beber',
  drank: 'bebió',
  speak: 'hablar',
  spoke: 'habló',
  write: 'escribir',
  wrote: 'escribió',
  read: 'leer',
  see: 'ver',
  saw: 'vio',
  house: 'casa',
  book: 'libro',
  water: 'agua',
  friend: 'amigo',
  good: 'bueno',
  thank_you: 'gracias',
};

export const TENSES = [
  'present_simple',
  'past_simple',
  'future_simple',
  'present_continuous',
  'present_perfect',
  'past_perfect',
] as const;
export type Tense = (typeof TENSES)[number];

export const PERSONS = ['1sg', '2sg', '3sg', '1pl', '2pl', '3pl'] as const;
export type Person = (typeof PERSONS)[number];
