/**
 * Sentences that read like instructions to a language model ("ignore all
 * previous instructions …", role markers, a forged answer). An LLM provider
 * gets such a sentence in a request of its own and without it in anyone's
 * context, so that whatever it makes the model do touches only its own
 * translation, which validation and the structure check still guard.
 */
const PATTERNS: readonly RegExp[] = [
  // English and German "ignore / forget the previous instructions".
  /\b(?:ignore|disregard|forget|override)\b[^.!?]{0,40}\b(?:instructions?|prompts?|rules?|directions?)\b/i,
  /\b(?:ignorier|vergiss|vergessen|missachte)\w*\b[^.!?]{0,40}\b(?:anweisung|anleitung|instruktion|regel|vorgabe|prompt)\w*/i,
  // Talking to the model about itself.
  /\b(?:system ?prompt|you are now|you are an? (?:ai|assistant|language model)|as an ai\b|jailbreak|developer mode)/i,
  /\b(?:systemprompt|system-prompt|du bist (?:jetzt|ab sofort|nun)|als (?:ki|sprachmodell)\b)/i,
  // Orders about the translation itself.
  /\b(?:translate|render|replace|answer|respond|output|return)\b[^.!?]{0,60}\b(?:every|all|each|other|remaining)\b[^.!?]{0,40}\b(?:sentences?|segments?|ids?|translations?)\b/i,
  /\b(?:übersetze|ersetze|antworte|gib|schreibe)\w*\b[^.!?]{0,60}\b(?:alle|jeden|jede|übrigen|anderen|restlichen)\b[^.!?]{0,40}\b(?:sätze|satz|segmente?|ids?|übersetzungen?)\b/i,
  // Chat-template and role markers, forged JSON answers.
  /<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>|^\s*#{2,}\s*(?:instruction|system|response)\b/im,
  /(?:^|\n)\s*(?:system|assistant|user)\s*:/i,
  /"(?:translations|segments)"\s*:\s*\[|"id"\s*:\s*"/
]

/** Whether a text reads like instructions addressed to a language model. */
export function looksLikeInstruction(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text))
}
