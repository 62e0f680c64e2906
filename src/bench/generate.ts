import {mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

/**
 * A deterministic generator of German Markdown articles for benchmarks and
 * property tests: the same seed gives the same bytes on every machine.
 */

/** mulberry32: a small, fast, seeded PRNG. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SUBJECTS = [
  'Die Bundesregierung',
  'Das Unternehmen',
  'Der Vorstand',
  'Die Forscherin',
  'Ein Sprecher des Ministeriums',
  'Die Stadtverwaltung',
  'Der Verband',
  'Die Kommission',
  'Das Team um Dr. Meier',
  'Die Aufsichtsbehörde',
  'Der Konzern',
  'Die Gewerkschaft'
]
const VERBS = ['kündigte', 'bestätigte', 'kritisierte', 'prüfte', 'veröffentlichte', 'verschob', 'begrüßte', 'untersuchte', 'bewertete', 'stoppte']
const OBJECTS = [
  'den neuen Haushaltsplan',
  'die geplante Reform',
  'das Pilotprojekt',
  'die Studie zur Energiewende',
  'den Vertrag mit den Zulieferern',
  'die Ergebnisse der Umfrage',
  'das Gesetz zur künstlichen Intelligenz',
  'die Zahlen des dritten Quartals',
  'den Ausbau der Netze',
  'die Vorwürfe der Opposition'
]
const TAILS = [
  'am 3. Oktober an',
  'nach langen Verhandlungen',
  'z. B. in Berlin und Hamburg',
  'mit deutlichen Worten',
  'ohne weitere Begründung',
  'bereits im Frühjahr',
  'trotz erheblicher Bedenken',
  'u. a. wegen gestiegener Kosten',
  'in einer ausführlichen Stellungnahme',
  'vor Beginn der Sitzung'
]
const NOUNS = ['Haushalt', 'Netzausbau', 'Datenschutz', 'Verkehrswende', 'Forschung', 'Bildung', 'Digitalisierung', 'Klimaschutz', 'Wohnungsbau', 'Gesundheit']
const CODE = [
  ['ts', 'const total = items.reduce((sum, item) => sum + item.price, 0)\nconsole.log(total)'],
  ['bash', 'npm ci\nnpm run build'],
  ['json', '{\n  "name": "beispiel",\n  "version": 1\n}'],
  ['python', 'def mittelwert(werte):\n    return sum(werte) / len(werte)']
] as const

/** A generator over one PRNG; every article draws from it in order. */
class Writer {
  private serial = 0
  constructor(private readonly next: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A sentence, unique within the corpus through its running number. */
  sentence(inline: boolean): string {
    this.serial++
    const number = `${this.serial.toLocaleString('de-DE')} Euro`
    let words = `${this.pick(SUBJECTS)} ${this.pick(VERBS)} ${this.pick(OBJECTS)} ${this.pick(TAILS)}, es ging um ${number}.`
    if (!inline) return words
    const roll = this.next()
    if (roll < 0.15) words = words.replace(/ (den|die|das) /, ' $1 **wichtigen** ')
    else if (roll < 0.25) words = words.replace(/, es ging/, ', so *hieß* es, es ging')
    else if (roll < 0.35) words = words.replace(/ um /, ` um [${this.pick(NOUNS)}](https://example.org/${this.serial}) und `)
    else if (roll < 0.42) words = words.replace(/ (den|die|das) /, ' $1 Parameter `limit` für ')
    else if (roll < 0.47) words = words.replace(/\.$/, `[^${this.serial}].`)
    return words
  }

  paragraph(): string {
    return Array.from({length: this.int(2, 4)}, () => this.sentence(true)).join(' ')
  }

  footnotes(text: string): string {
    const labels = [...text.matchAll(/\[\^(\d+)\]/g)].map((match) => match[1])
    return labels.map((label) => `[^${label}]: ${this.sentence(false)}`).join('\n')
  }

  article(index: number, targetBytes: number): string {
    const blocks: string[] = []
    blocks.push(`---\ntitle: ${this.pick(NOUNS)} im Wandel ${index}\ndescription: ${this.sentence(false)}\ndate: 2026-0${this.int(1, 9)}-1${this.int(0, 9)}\n---`)
    blocks.push(`# ${this.pick(NOUNS)}: Bericht Nummer ${index}`)
    let size = blocks.join('\n\n').length
    while (size < targetBytes) {
      const roll = this.next()
      let block: string
      if (roll < 0.45) block = this.paragraph()
      else if (roll < 0.55) block = `## ${this.pick(NOUNS)} und ${this.pick(NOUNS)} ${this.int(1, 99)}`
      else if (roll < 0.67) block = Array.from({length: this.int(2, 4)}, () => `- ${this.sentence(true)}`).join('\n')
      else if (roll < 0.74) block = Array.from({length: this.int(2, 3)}, (_, i) => `${i + 1}. ${this.sentence(true)}`).join('\n')
      else if (roll < 0.81) {
        const rows = Array.from({length: this.int(2, 3)}, () => `| ${this.pick(NOUNS)} ${this.int(1, 999)} | ${this.sentence(false)} | ${this.int(1, 99)} % |`)
        block = ['| Bereich | Bewertung | Anteil |', '| --- | --- | ---: |', ...rows].join('\n')
      } else if (roll < 0.87) {
        const [language, code] = this.pick(CODE)
        block = `\`\`\`${language}\n${code}\n\`\`\``
      } else if (roll < 0.93) block = `> ${this.paragraph()}`
      else block = `Mehr dazu unter <https://example.org/artikel/${index}> und im [Archiv](https://example.org/archiv "Archiv der Redaktion").`
      blocks.push(block)
      size += block.length + 2
    }
    const body = blocks.join('\n\n')
    const notes = this.footnotes(body)
    return `${body}\n${notes === '' ? '' : `\n${notes}\n`}`
  }
}

/** `count` articles of about `bytes` bytes each, as [file name, text]. */
export function generateCorpus(count: number, options: {seed?: number; bytes?: number} = {}): Array<[string, string]> {
  const writer = new Writer(random(options.seed ?? 20261128))
  return Array.from({length: count}, (_, index) => [`artikel-${String(index + 1).padStart(4, '0')}.md`, writer.article(index + 1, options.bytes ?? 5000)])
}

/** Write a generated corpus into `dir` (emptied first). */
export async function writeCorpus(dir: string, count: number, options: {seed?: number; bytes?: number} = {}): Promise<number> {
  await rm(dir, {recursive: true, force: true})
  await mkdir(dir, {recursive: true})
  let bytes = 0
  for (const [name, text] of generateCorpus(count, options)) {
    await writeFile(join(dir, name), text)
    bytes += Buffer.byteLength(text)
  }
  return bytes
}
