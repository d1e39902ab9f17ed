/**
 * Any input `engine.load` and `events.append` accept → a batch of events: records and tables
 * encoded here, paths and streams through the file scanners.
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../../errors.ts';
import type { EventRecords } from '../types.ts';
import { isLoadedEvents } from './events.ts';
import { readBytes } from './files.ts';
import { isByteInput, readMemory, type Batch, type LoadInput, type LoadOptions, type ReadContext } from './load.ts';
import { isColumnTable } from './memory.ts';

export async function readInput(input: LoadInput, options: LoadOptions & { time: string }, ctx: ReadContext): Promise<Batch> {
  if (isLoadedEvents(input)) throw new QueryError('is already loaded', 'events');
  if (Array.isArray(input) || isColumnTable(input)) return readMemory(input as EventRecords | ColumnTable, options, ctx);
  if (isByteInput(input)) return readBytes(input, options, ctx, ctx.workers?.getPool);
  throw new QueryError('must be a path, a stream, an array of records or an arquero table', 'events');
}
