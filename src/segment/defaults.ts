/** What is translated when the configuration does not say (no imports: the build's start reads it). */

/** Default translated frontmatter fields. */
export const DEFAULT_FRONTMATTER_FIELDS: readonly string[] = ['title', 'description', 'summary']

/** Default translated attributes of MDX elements and directives. */
export const DEFAULT_MDX_ATTRIBUTES: readonly string[] = ['title', 'alt', 'label', 'description']
