/** A sentence cut to 80 characters for a message. */
export function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}
