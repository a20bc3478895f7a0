// stopword ships no type declarations (the README points to @types/stopword, which we do not
// install); only the lists we read are declared.
declare module "stopword" {
  export const deu: string[];
  export const eng: string[];
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
}
