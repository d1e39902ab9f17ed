/**
 * Event files in: NDJSON, CSV, Arrow IPC and Parquet, streamed into arquero tables.
 */
export { readEvents, readEventChunks, formatFromPath, DEFAULT_CHUNK_ROWS } from './read.ts';
export { writeTextFile } from './write.ts';
export { EventFileError, type FilePosition } from './errors.ts';
export { EVENT_FORMATS } from './types.ts';
export type { ColumnType, EventFormat, ReadOptions, ReadProgress, ReadResult } from './types.ts';
