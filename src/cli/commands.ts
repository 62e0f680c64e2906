/**
 * The code of every command but `build`, `check` and `merge` (which load on
 * their own: they run in every edit loop, CI job and git merge, and load
 * their stages only when an article needs them), loaded as one piece when
 * such a command runs (see `program.ts`). One lazy import instead of one per
 * command: the bundle then has fewer, larger files, and Node's module loader
 * costs about a quarter of a millisecond per file.
 */
export * as glossary from './glossary-command.js'
export {exportCommand, importCommand} from './interchange-command.js'
export {initCommand} from './init-command.js'
export {resolveCommand} from './resolve-command.js'
export {reviewCommand, statusCommand} from './review-command.js'
export {serveCommand} from './serve-command.js'
