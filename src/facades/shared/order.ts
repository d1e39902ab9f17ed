/**
 * The one ascending order for dimension values is the engine's own (booleans before numbers
 * before strings, strings by UTF-16 code units, nulls last): the façades sort with the same
 * comparator the engine's dictionaries are built with, so their tie-breaks cannot drift from it.
 *
 * @example
 * ['b', null, 'a'].sort(compareValues) // ['a', 'b', null]
 */
export { compareValues } from '../../engine/values.ts';
