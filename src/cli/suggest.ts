/**
 * "Did you mean": the closest known name to a mistyped command or flag, when it is close
 * enough to be a typo (at most a third of its letters off, rounded up, and never more than 3).
 */
import leven from 'leven';

/**
 * @example
 * didYouMean('recompte', ['recompute', 'serve', 'load', 'sample']); // 'recompute'
 * didYouMean('xyz', ['recompute', 'serve']); // undefined
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.ceil(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    // A flag typed without its last letters (`--inp`) is a prefix of the one meant.
    const distance = name.startsWith(word) && word.length >= 3 ? 1 : leven(word, name, { maxDistance: bestDistance });
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
