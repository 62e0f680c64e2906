/**
 * `promise` itself, with a handler attached, for a promise awaited only later:
 * a rejection before anyone awaits it must not end the process as unhandled.
 * Awaiting it still throws.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
}
