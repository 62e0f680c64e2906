/** Text between dollars that reads as prose: two words in a row ("US$, der Gewinn bei 1 Mrd. US$"), which TeX rarely has. */
export function looksLikeProse(math: string): boolean {
  return /\p{L}{2,}[.,;:!?)]*\s+\p{L}{2,}/u.test(math.replace(/\\[A-Za-z]+/g, ' '))
}
