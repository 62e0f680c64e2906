import {compile} from '@mdx-js/mdx'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'

/** Undefined when the real MDX compiler (with the plugins an Astro Starlight site uses) takes the text, else its message. */
export async function compiles(text: string): Promise<string | undefined> {
  try {
    await compile(text, {remarkPlugins: [remarkFrontmatter, remarkGfm, remarkDirective]})
    return undefined
  } catch (error) {
    return String((error as Error).message)
  }
}
