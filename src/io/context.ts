import type { EventFileError } from './errors.ts';

/** What a format reader needs to know besides the path. */
export interface ReaderContext {
  file: string;
  chunkRows: number;
  skipInvalid: boolean;
  onInvalid: ((error: EventFileError) => void) | undefined;
  /** Columns to read; undefined reads all. */
  columns: string[] | undefined;
}
