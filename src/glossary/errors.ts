import {TandemError} from '../errors.js'

/**
 * A glossary file is invalid; `file` and `line` say where, `key` names the
 * reason among `glossary.*` of the CLI's locales, whose texts get `{{where}}`
 * (`file:line`) and `params`.
 */
export class GlossaryError extends TandemError {
  override name = 'GlossaryError'
  readonly file: string
  readonly line: number
  constructor(file: string, line: number, reason: string, key: string, params: Record<string, string | number> = {}) {
    super('config-invalid', `${file}:${line}: ${reason}`, {params: {...params, file, line, reason, where: `${file}:${line}`}, key: `glossary.${key}`})
    this.file = file
    this.line = line
  }
}
