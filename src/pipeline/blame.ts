import type {PhrasingContent, Root} from 'mdast'
import {parseMarkdown, stringifyMarkdown} from '../markdown/processor.js'
import {compareStructure, structureOf} from '../qa/structure.js'
import {sentenceNodes, type Lookup} from '../segment/assemble.js'
import type {Extraction} from '../segment/model.js'

/**
 * The sentences whose English breaks the structure on their own: each
 * sentence is written alone, in German and in English, read back, and the two
 * compared. Used when an article's English failed the structure check, to
 * find the answers that must not stay in the memory.
 */
export function sentencesBreakingStructure(extraction: Extraction, german: Lookup, english: Lookup): string[] {
  const guilty: string[] = []
  const alone = (nodes: PhrasingContent[]): Root => parseMarkdown(stringifyMarkdown({type: 'root', children: [{type: 'paragraph', children: nodes}]}))
  for (const slot of extraction.slots) {
    if (slot.type !== 'phrasing') continue
    for (const unit of slot.sentences) {
      if (!unit.segment.translatable || english(unit.segment) === german(unit.segment)) continue
      try {
        const expected = structureOf(alone(sentenceNodes(unit, german)))
        if (compareStructure(expected, alone(sentenceNodes(unit, english))) !== undefined) guilty.push(unit.segment.source)
      } catch {
        guilty.push(unit.segment.source)
      }
    }
  }
  return guilty
}
