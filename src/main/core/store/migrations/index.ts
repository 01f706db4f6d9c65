// Every migration this build knows, in order. Append new ones; never edit or remove an applied one.
import type { Migration } from './migration'
import { migration as initial } from './0001-initial'

export const MIGRATIONS: readonly Migration[] = [initial]
