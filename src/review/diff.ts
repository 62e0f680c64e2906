/** One step of a diff between two sequences. */
export type DiffOp<T> = {readonly op: 'same'; readonly a: T; readonly b: T} | {readonly op: 'delete'; readonly a: T} | {readonly op: 'insert'; readonly b: T}

/**
 * Myers' diff of two sequences, O((n + m) · d) for d differences: fast when
 * most of an article is unchanged. `equal` compares elements (default ===).
 */
export function diff<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = (x, y) => x === y): DiffOp<T>[] {
  const n = a.length
  const m = b.length
  const max = n + m
  const v = new Int32Array(2 * max + 2)
  const trace: Int32Array[] = []
  let done = false
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      const index = k + max
      let x = k === -d || (k !== d && (v[index - 1] ?? 0) < (v[index + 1] ?? 0)) ? (v[index + 1] ?? 0) : (v[index - 1] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && equal(a[x] as T, b[y] as T)) {
        x++
        y++
      }
      v[index] = x
      if (x >= n && y >= m) {
        done = true
        break
      }
    }
  }
  // Walk the trace back from the end.
  const ops: DiffOp<T>[] = []
  let x = n
  let y = m
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d] as Int32Array
    const k = x - y
    const index = k + max
    const prevK = k === -d || (k !== d && (vd[index - 1] ?? 0) < (vd[index + 1] ?? 0)) ? k + 1 : k - 1
    const prevX = vd[prevK + max] ?? 0
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push({op: 'same', a: a[x - 1] as T, b: b[y - 1] as T})
      x--
      y--
    }
    if (d === 0) break
    if (x === prevX) ops.push({op: 'insert', b: b[y - 1] as T})
    else ops.push({op: 'delete', a: a[x - 1] as T})
    x = prevX
    y = prevY
  }
  return ops.reverse()
}

/** A word-level diff of two texts: runs of words and spaces, each kept, removed or added. */
export function wordDiff(before: string, after: string): Array<{readonly op: 'same' | 'delete' | 'insert'; readonly text: string}> {
  const split = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? []
  const out: Array<{op: 'same' | 'delete' | 'insert'; text: string}> = []
  for (const step of diff(split(before), split(after))) {
    const text = step.op === 'insert' ? step.b : step.a
    const last = out.at(-1)
    if (last !== undefined && last.op === step.op) last.text += text
    else out.push({op: step.op, text})
  }
  return out
}

/**
 * Pair the units of two versions of an article: unchanged ones, and where a
 * run of old units was replaced by a run of new ones, old and new pair up in
 * order (a changed sentence). Returns, per new index, its old index or -1.
 */
export function alignUnits(before: readonly string[], after: readonly string[]): {readonly match: Int32Array; readonly changed: ReadonlySet<number>} {
  const match = new Int32Array(after.length).fill(-1)
  const changed = new Set<number>()
  let i = 0
  let j = 0
  let deleted: number[] = []
  let inserted: number[] = []
  const flush = (): void => {
    for (let p = 0; p < Math.min(deleted.length, inserted.length); p++) {
      match[inserted[p] as number] = deleted[p] as number
      changed.add(inserted[p] as number)
    }
    deleted = []
    inserted = []
  }
  for (const step of diff(before, after)) {
    if (step.op === 'same') {
      flush()
      match[j] = i
      i++
      j++
    } else if (step.op === 'delete') {
      deleted.push(i++)
    } else {
      inserted.push(j++)
    }
  }
  flush()
  return {match, changed}
}
