import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseWhole, stringifyStock} from '../markdown/processor.js'

/**
 * The floor of this stack, run as its own process by the benchmark: read
 * every Markdown file of a folder, parse it with remark and write it back to
 * a string (tandem's processor: CommonMark, GFM, frontmatter; text escaped by
 * remark's own handler, not tandem's faster one). Nothing else.
 */
const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: floor.js <folder>')
let bytes = 0
for (const name of (await readdir(dir)).sort()) {
  if (!name.endsWith('.md')) continue
  bytes += stringifyStock(parseWhole(await readFile(join(dir, name), 'utf8'))).length
}
process.stdout.write(`BENCH ${JSON.stringify({bytes, maxRssMb: process.resourceUsage().maxRSS / 1024})}\n`)
