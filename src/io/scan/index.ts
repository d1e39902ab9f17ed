/**
 * Event files and byte streams → column chunks (the store's input), in parallel on worker threads.
 */
export { scanEvents, type Scan, type ScanOptions, type ScanPool, type ScanProgress, type ScanSummary } from './scan.ts';
export { formatFromPath, type ScanInput } from './input.ts';
export { prescan, takePrescan, dropPrescan, prescanWaiting, type PrescanOptions } from './prescan.ts';
