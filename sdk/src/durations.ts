// Durations and times as people write them ("90d", "+1h", an ISO date) and as the contracts count them (seconds),
// for every module: launch configurations, revenue streams, a DAO's delays.

/** Seconds in a day. */
export const DAY = 86_400;

/** A year as durations count it: 365 days (a lock of "1y" ends on the same date a year later, leap years aside). */
export const YEAR = 365 * DAY;

const DURATION = /^\d+\s*[smhdwy]?$/;

/**
 * Seconds in a duration written as seconds or with a unit (s, m, h, d, w, or y for 365 days).
 *
 * @example
 * import { toSeconds } from "open-model-registry/sdk";
 * toSeconds("90d"); // 7776000
 */
export function toSeconds(value: number | string): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)\s*([smhdwy]?)$/.exec(value.trim())!;
  const units = { "": 1, s: 1, m: 60, h: 3600, d: DAY, w: 7 * DAY, y: YEAR };
  const unit = units[match[2] as keyof typeof units];
  return Number(match[1]) * unit;
}

/**
 * Seconds in a duration given as text (seconds, or a number with a unit: "7d", "12h"), or undefined when the text
 * is not a duration (the caller says why in its own words).
 */
export function durationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  return DURATION.test(trimmed) ? toSeconds(trimmed) : undefined;
}

/**
 * A duration in words, in the largest unit it is a whole number of: "7 days", "12 hours", "90 seconds".
 *
 * @example
 * import { formatDuration } from "open-model-registry/sdk";
 * formatDuration(604800); // "7 days"
 */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ["day", DAY],
    ["hour", 3600],
    ["minute", 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}${seconds === size ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

/**
 * A time written as unix seconds, an ISO date or an offset from `now` ("+1h"), in unix seconds.
 *
 * @example
 * import { toUnix } from "open-model-registry/sdk";
 * toUnix("+1h", 1_700_000_000); // 1700003600
 */
export function toUnix(value: number | string, now: number): number {
  if (typeof value === "number") return value;
  if (value.startsWith("+")) return now + toSeconds(value.slice(1));
  return Math.floor(Date.parse(value) / 1000);
}

/** A unix time given in seconds (as a contract error carries it) as an ISO date; anything else as it is written. */
export function isoTime(seconds: unknown): string {
  const value = Number(seconds);
  return Number.isFinite(value) && value < 8.64e12 ? new Date(value * 1000).toISOString() : `${seconds}`;
}
