/**
 * A message's sentences: split after ? ! ؟ ؛ or a line break, and after a "." ":" ";" or an
 * emoji followed by a space (so "Llama 3.1", "$8.5B" and "tl;dr" stay whole; chat often ends a
 * sentence with an emoji instead of a stop). A long message is often a sentence or two of context
 * and then the question; the matcher scores the question.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[!?؟؛\n])|(?<=[.:;\p{Extended_Pictographic}])(?=\s)/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** Whether a sentence ends with a question mark (Latin or Arabic), emoji or quotes after it aside. */
export const endsAsQuestion = (sentence: string): boolean => /[?؟][^\p{L}\p{N}]*$/u.test(sentence);

/**
 * A sentence's clauses: split after a comma (Latin or Arabic) or a dash between words. A long
 * sentence often carries its context in a clause before the question ("I work in software and
 * we argued about it at lunch, how much compute does Llama 4 need?").
 */
export function clausesOf(sentence: string): string[] {
  return sentence
    .split(/(?<=[,،])|\s[-–—]\s/u)
    .map((clause) => clause.trim())
    .filter((clause) => /[\p{L}\p{N}]/u.test(clause));
}
