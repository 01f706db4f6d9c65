// The shape of a numbered migration. Once a migration has run anywhere, its sql never changes: the store
// records its sha256 and refuses to open a database whose recorded hash differs. Change the schema by
// adding the next numbered file instead.

export interface Migration {
  /** 1, 2, 3…: applied in order, never reused. */
  readonly id: number
  /** Matches the file name after the number, e.g. `initial` for 0001-initial.ts. */
  readonly name: string
  readonly sql: string
}
