/**
 * The closed vocabularies of Scenario's `GET /usages`, in the order the vendor document lists
 * them in the API reference. Series of `usages` and `assetUsages` follow
 * these orders exactly.
 */

/** `usages[].usageName`: one series per name, always, in this order. */
export const USAGE_NAMES = [
  'background-removal',
  'captioning',
  'creative-unit-cost',
  'creative-unit-discount',
  'custom',
  'custom-asset-created',
  'detection',
  'image-prompt-editing',
  'images-generation',
  'models-training',
  'patch',
  'pixelate',
  'repaint',
  'restyle',
  'segmentation',
  'skybox-base-360',
  'skybox-upscale-360',
  'texture',
  'upscale',
  'vectorization',
] as const;
export type UsageName = (typeof USAGE_NAMES)[number];

/** `assetUsages[].kind`: one series per kind, always, in this order. */
export const ASSET_KINDS = ['3d', 'audio', 'document', 'image', 'image-hdr', 'json', 'video'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** The `type` values on the wire, in the vendor document's order. */
export const USAGE_TYPES = ['usages', 'activity', 'consumption', 'model-usages', 'asset-usages', 'nsfw-usages'] as const;
export type UsageType = (typeof USAGE_TYPES)[number];

/** `timeRange` presets and their lengths; each ends at the façade's `now`. */
export const TIME_RANGES = {
  'last-hour': 3_600_000,
  'last-day': 24 * 3_600_000,
  'last-three-days': 72 * 3_600_000,
  'last-seven-days': 7 * 24 * 3_600_000,
  'last-thirty-one-days': 31 * 24 * 3_600_000,
} as const;
export type TimeRange = keyof typeof TIME_RANGES;
export const DEFAULT_TIME_RANGE: TimeRange = 'last-seven-days';

/** Longest custom `startDate`…`endDate` span the vendor accepts. */
export const MAX_CUSTOM_RANGE_MS = 120 * 24 * 3_600_000;

/** `usages[].granularity` values: fixed steps on the UTC timeline. */
export const GRANULARITIES = ['1m', '5m', '15m', '30m', '1h', '1d', '7d'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Activity items per page (`activityOffset` moves by items, not pages). */
export const ACTIVITY_PAGE_SIZE = 100;
