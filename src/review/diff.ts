/** One step of a diff between two sequences. */
export type DiffOp<T> = {readonly op: 'same'; readonly a: T; readonly b: T} | {readonly op: 'delete'; readonly a: T} | {readonly op: 'insert'; readonly b: T}

/** Beyond this many differences the exact diff gives way to a linear approximation. */
const MAX_EXACT = 2000

/**
 * The diff of two sequences: the common start and end are taken off first,
 * the middle is Myers' diff, O((n + m) · d) time and O(d²) memory, for up to
 * 2,000 differences, and a linear windowed match beyond (a rewritten article).
 * `equal` compares elements (default ===).
 */
export function diff<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = (x, y) => x === y): DiffOp<T>[] {
  let start = 0
  while (start < a.length && start < b.length && equal(a[start] as T, b[start] as T)) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && equal(a[endA - 1] as T, b[endB - 1] as T)) {
    endA--
    endB--
  }
  const head: DiffOp<T>[] = a.slice(0, start).map((x, i) => ({op: 'same', a: x, b: b[i] as T}))
  const tail: DiffOp<T>[] = a.slice(endA).map((x, i) => ({op: 'same', a: x, b: b[endB + i] as T}))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  let middle: DiffOp<T>[]
  if (midA.length === 0) middle = midB.map((y) => ({op: 'insert', b: y}))
  else if (midB.length === 0) middle = midA.map((x) => ({op: 'delete', a: x}))
  else middle = myers(midA, midB, equal) ?? windowed(midA, midB, equal)
  return [...head, ...middle, ...tail]
}

/** Myers' algorithm keeping only the diagonals in reach; undefined past MAX_EXACT differences. */
function myers<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): DiffOp<T>[] | undefined {
  const n = a.length
  const m = b.length
  const limit = Math.min(n + m, MAX_EXACT)
  // trace[d][k + d] is the furthest x on diagonal k after d differences.
  const trace: Int32Array[] = []
  let previous = new Int32Array(1)
  let found = -1
  for (let d = 0; d <= limit && found < 0; d++) {
    const current = new Int32Array(2 * d + 1)
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (previous[k - 1 + (d - 1)] ?? 0) < (previous[k + 1 + (d - 1)] ?? 0))
      let x = d === 0 ? 0 : down ? (previous[k + 1 + (d - 1)] ?? 0) : (previous[k - 1 + (d - 1)] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && equal(a[x] as T, b[y] as T)) {
        x++
        y++
      }
      current[k + d] = x
      if (x >= n && y >= m) {
        found = d
        break
      }
    }
    trace.push(current)
    previous = current
  }
  if (found < 0) return undefined
  const ops: DiffOp<T>[] = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const before = trace[d - 1] as Int32Array
    const k = x - y
    const down = k === -d || (k !== d && (before[k - 1 + (d - 1)] ?? 0) < (before[k + 1 + (d - 1)] ?? 0))
    const prevK = down ? k + 1 : k - 1
    const prevX = before[prevK + (d - 1)] ?? 0
    const prevY = prevX - prevK
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      ops.push({op: 'same', a: a[x - 1] as T, b: b[y - 1] as T})
      x--
      y--
    }
    if (down) ops.push({op: 'insert', b: b[y - 1] as T})
    else ops.push({op: 'delete', a: a[x - 1] as T})
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    ops.push({op: 'same', a: a[x - 1] as T, b: b[y - 1] as T})
    x--
    y--
  }
  return ops.reverse()
}

/** A linear approximation for very different sequences: resynchronise within a window of 200. */
function windowed<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): DiffOp<T>[] {
  const ops: DiffOp<T>[] = []
  let i = 0
  let j = 0
  const WINDOW = 200
  while (i < a.length && j < b.length) {
    if (equal(a[i] as T, b[j] as T)) {
      ops.push({op: 'same', a: a[i++] as T, b: b[j++] as T})
      continue
    }
    let inB = -1
    for (let q = j + 1; q < Math.min(b.length, j + WINDOW); q++) if (equal(a[i] as T, b[q] as T)) {
      inB = q
      break
    }
    let inA = -1
    for (let p = i + 1; p < Math.min(a.length, i + WINDOW); p++) if (equal(a[p] as T, b[j] as T)) {
      inA = p
      break
    }
    if (inB >= 0 && (inA < 0 || inB - j <= inA - i)) while (j < inB) ops.push({op: 'insert', b: b[j++] as T})
    else if (inA >= 0) while (i < inA) ops.push({op: 'delete', a: a[i++] as T})
    else {
      ops.push({op: 'delete', a: a[i++] as T})
      ops.push({op: 'insert', b: b[j++] as T})
    }
  }
  while (i < a.length) ops.push({op: 'delete', a: a[i++] as T})
  while (j < b.length) ops.push({op: 'insert', b: b[j++] as T})
  return ops
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
