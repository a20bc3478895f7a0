// snowball-stemmers ships no type declarations; this covers the two calls we use.
declare module "snowball-stemmers" {
  export type TSnowballStemmer = { stem(word: string): string };
  export function newStemmer(language: string): TSnowballStemmer;
  export function algorithms(): string[];
}
