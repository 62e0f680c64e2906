/** A locale of the same keys as the English one, any texts. */
export type Shape<T> = {readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]>}
