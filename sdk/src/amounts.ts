import { formatUnits, parseUnits } from "ethers";

import { SdkError } from "./errors.js";

// Amounts as people write them ("1.5", "250") and as the contracts count them (the asset's smallest units),
// for every module: payment assets, revenue assets, model tokens, a subnet's tokens.

/** An amount could not be read, or is not positive. */
export class InvalidAmountError extends SdkError {}

/**
 * Reads an amount written in whole units ("1.5", "250", "0.000001") as the asset's smallest units.
 * Refuses negative numbers, exponents and more decimals than the asset has.
 *
 * @example
 * import { parseAmount } from "open-model-registry/sdk";
 * parseAmount("1.5", 18); // 1500000000000000000n
 * parseAmount("2.25", 6); // 2250000n
 */
export function parseAmount(text: string, decimals: number): bigint {
  const trimmed = text.trim().replace(/_/g, "");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    throw new InvalidAmountError(`"${text}" is not an amount: write a number such as 1.5.`);
  }
  const [, fraction = ""] = trimmed.split(".");
  if (fraction.replace(/0+$/, "").length > decimals) {
    throw new InvalidAmountError(`"${text}" has more than ${decimals} decimals, the most this asset has.`);
  }
  return parseUnits(trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed, decimals);
}

/**
 * Writes an amount of the asset's smallest units in whole units, without trailing zeros.
 *
 * @example
 * import { formatAmount } from "open-model-registry/sdk";
 * formatAmount(1500000000000000000n, 18); // "1.5"
 * formatAmount(2000000n, 6); // "2"
 */
export function formatAmount(value: bigint, decimals: number): string {
  const text = formatUnits(value, decimals);
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

/** What an amount is counted in: its decimals, and its symbol for the sentences. */
export interface AmountUnit {
  decimals: number;
  symbol: string;
}

/**
 * An amount given to an action (a bigint in smallest units, or a string in whole units) as smallest units, more
 * than zero (or zero too, with `allowZero`); `zero` is the refusal's sentence, which names the symbol by default.
 */
export function toUnits(
  amount: bigint | string,
  unit: AmountUnit,
  options: { allowZero?: boolean; zero?: string } = {},
): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, unit.decimals);
  if (value < 0n || (value === 0n && !options.allowZero)) {
    throw new InvalidAmountError(options.zero ?? `The amount must be more than zero ${unit.symbol}.`);
  }
  return value;
}
