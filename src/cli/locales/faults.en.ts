/** English texts of the faults raised below the CLI (providers, glossary, imports, memory, lock, writing, frontmatter, usage), by key: see `cli/faults.ts`. */
export const faultsEn = {
  provider: {
    detail: '{{provider}}: HTTP {{status}}{{said}}',
    detailFrom: '{{provider}}: HTTP {{status}} from {{endpoint}}{{said}}',
    http: '{{detail}}',
    auth: '{{detail}} (check the API key)',
    quota: '{{detail}} (quota exceeded)',
    notTheApi: '{{detail}} (not the API: is the URL right?)',
    htmlPage: '{{provider}}: {{endpoint}} answered an HTML page (HTTP {{status}}), not the API: is the URL right?',
    redirect: '{{provider}}: {{endpoint}} redirects to {{target}} (HTTP {{status}}); tandem does not follow redirects: set the URL to where it points',
    undecodable: '{{provider}}: the answer from {{endpoint}} does not decompress as its Content-Encoding says',
    unsafe: '{{provider}}: the answer from {{endpoint}} contains the API key; refused, nothing of it is kept',
    connection: '{{provider}}: connection failed to {{endpoint}} ({{code}})',
    midAnswer: '{{provider}}: the connection closed mid-answer to {{endpoint}} ({{code}})',
    unreachable: '{{provider}}: cannot reach {{endpoint}} ({{code}}): is the server running and the URL right?',
    exhausted: '{{reason}} (gave up after {{attempts}} attempts)',
    tooLong: '{{reason}}: the server asks to wait {{seconds}} s, longer than tandem waits ({{max}} s); try again later',
    timeout: 'no answer within {{ms}} ms',
    setup: '{{provider}} could not start, nothing was translated: {{reason}}',
    notJson: '{{provider}}: the answer is not valid JSON',
    notShape: '{{provider}}: the answer is not valid JSON of the form {{shape}}',
    noList: '{{provider}}: the answer has no {{field}} list',
    count: '{{provider}}: {{got}} translations for {{sent}} texts',
    noGlossaryId: '{{provider}}: the created glossary has no glossary_id',
    noToken: '{{provider}}: the token answer has no access_token',
    badKey: '{{provider}}: the service account key cannot sign (its private_key is not an RSA key in PEM form)',
    notCompletion: '{{provider}}: the answer is not a chat completion (not JSON)',
    sentenceTooLong: '{{provider}}: a sentence of {{bytes}} bytes is more than the service takes ({{max}})',
    noText: '{{provider}}: the answer has no {{field}}',
    maxTokens: '{{provider}}: the answer was cut off (stop_reason "max_tokens"); lower the batch size',
    notMessage: '{{provider}}: the answer from {{endpoint}} is not a message',
    noChoices: '{{provider}}: the answer has no choices',
    cutOff: '{{provider}}: the answer was cut off (finish_reason "length"); lower the batch size or raise the model\'s output limit',
    refused: '{{provider}}: the model refused: {{said}}'
  },
  glossary: {
    notUtf8: '{{where}}: not valid UTF-8',
    invalidYaml: '{{where}}: invalid YAML: {{detail}}',
    notMap: '{{where}}: a glossary file is a map with "names" and "terms"',
    unknownSection: '{{where}}: unknown section "{{section}}" (known: names, terms, quotes)',
    notList: '{{where}}: "{{section}}" must be a list',
    nameShape: '{{where}}: a name is a string or a map with "name"',
    termShape: '{{where}}: a term is a map with "de" and "en"',
    quoteShape: '{{where}}: a quotation is a map with "de", "en" and "source"',
    quoteConflict: '{{where}}: the quotation „{{quote}}“ is already at {{place}} with other English words; keep one',
    unknownField: '{{where}}: unknown field "{{field}}" (known: {{known}})',
    emptyName: '{{where}}: a name must be a non-empty text',
    emptyField: '{{where}}: "{{field}}" must be a non-empty text',
    controlName: '{{where}}: a name contains a control character',
    controlField: '{{where}}: "{{field}}" contains a control character',
    caseValue: '{{where}}: "case" must be "sensitive" or "insensitive"',
    duplicate: '{{where}}: duplicate of "{{term}}" at {{place}}',
    conflict: '{{where}}: "{{term}}" conflicts with {{place}}, which renders it as "{{en}}" ({{kind}})',
    yaml: {BAD_INDENT: '{{detail}}', DUPLICATE_KEY: '{{detail}}', TAB_AS_INDENT: '{{detail}}', BLOCK_AS_IMPLICIT_KEY: '{{detail}}', MISSING_CHAR: '{{detail}}', MULTIPLE_DOCS: '{{detail}}', BAD_DQ_ESCAPE: '{{detail}}', MULTILINE_IMPLICIT_KEY: '{{detail}}', UNEXPECTED_TOKEN: '{{detail}}', other: '{{detail}}'},
    tomlMultiLine: 'not a one-line TOML string',
    kinds: {term: 'term', name: 'name'}
  },
  interchange: {
    rowNeedsBoth: '{{where}}: a row needs a German and an English term',
    emptyTerm: '{{where}}: empty term',
    unclosedQuote: '{{where}}: unclosed quote',
    entities: '{{where}}: a DOCTYPE that declares entities is refused: an entity can read local files or expand without end',
    notWellFormed: '{{where}}: not well-formed XML: {{detail}}',
    xmlUnreadable: '{{where}}: cannot read the XML: {{detail}}',
    entryNeedsBoth: '{{where}}: termEntry {{id}} needs a German and an English term',
    notXliff: '{{where}}: not an XLIFF file',
    notTmx: '{{where}}: not a TMX file',
    unitUnknown: '{{where}}: unit "{{id}}" is no sentence of a built article',
    unitSourceChanged: '{{where}}: unit "{{id}}": the German source was changed',
    duplicateUnit: '{{where}}: unit "{{id}}" again (first at line {{first}}); keep one of the two',
    unclosed: '{{where}}: the file ends with elements still open ({{list}}): is it cut short?'
  },
  memory: {
    folder: '{{path}}: is a folder, not a memory file',
    unreadable: '{{path}}: cannot be read ({{detail}})',
    notJson: '{{where}}: not valid JSON',
    noHeader: '{{where}}: missing tandem memory header',
    entryField: {
      status: '{{where}}: the field "status" of this entry is not valid: it is "machine" or "reviewed"',
      glossary: '{{where}}: the field "glossary" of this entry is not valid: it is a list of texts',
      by: '{{where}}: the field "by" of this entry is not valid: it is a text',
      at: '{{where}}: the field "at" of this entry is not valid: it is a text',
      conflict: '{{where}}: the field "conflict" of this entry is not valid: it is the other version (target, status, provider) or {"removed": true}',
      judge: '{{where}}: the field "judge" of this entry is not valid: it is a score from 0 to 100 with a list of findings; remove the field to keep the entry without its rating'
    },
    entryFields: '{{where}}: an entry needs {{fields}}',
    conflict: '{{where}}: the same German as line {{earlier}} with another translation; keep one of the two lines'
  },
  worker: {
    outOfMemory: 'a build worker ran out of memory while it held {{articles}}, so none of them was built. Give Node more (NODE_OPTIONS=--max-old-space-size=8192, in MB) or split a very large article'
  },
  lock: {
    starting: 'the lock {{path}} names no owner yet (written {{seconds}} s ago): another tandem process may be starting; try again, or delete it if no tandem runs',
    busy: 'another tandem {{command}} (process {{pid}} on {{host}}, since {{since}}) is writing to this output folder; wait for it to finish, or delete {{path}} if that process is gone',
    taken: 'could not take the lock {{path}}; delete it if no tandem build is running'
  },
  write: {
    folder: '{{path}}: a folder stands where this file goes',
    notFile: '{{path}}: something other than a file stands where this file goes',
    full: '{{path}}: the disk is full ({{code}})',
    denied: '{{path}}: not allowed to write here ({{code}})',
    system: '{{path}}: the system refused to write it ({{code}})'
  },
  frontmatter: {invalidYaml: 'invalid YAML in the frontmatter: {{detail}}', invalidJson: 'invalid JSON in the frontmatter: {{detail}}', invalidToml: 'invalid TOML in the frontmatter: {{detail}}'},
  usage: {
    notInGit: '{{option}} with a revision needs the input folder in a git repository ({{dir}} is not in one)',
    unknownRevision: 'unknown git revision "{{rev}}" (a commit, branch or tag of the repository at {{repository}})',
    initNotInGit: '{{dir}} is not in a git repository'
  },
  merge: {
    notTandem: '{{path}}: not a file tandem merges (its memory, state.json or a record); left as it is',
    markers: '{{path}}:{{line}}: holds git conflict markers; left as it is',
    threeWays: '{{path}}: "{{sentence}}" is translated two ways on one branch and changed on the other: decide it with tandem resolve on the branch that has both, then merge again; left as it is'
  }
} as const
