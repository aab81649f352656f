import { isAddress, type Interface } from "ethers";

import { toUnits } from "../amounts.js";
import {
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  ModelToken__factory,
  type ModelToken,
} from "../contracts.js";
import { findLaunch, type LaunchRecord } from "../launches.js";
import { moduleIo } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import { ETH_REVENUE_ASSET, type RevenueAssetReader } from "./assets.js";
import { UnknownRevenueAssetError } from "./errors.js";
import type { RevenueAsset, RevenueAssetRef, RevenueContext } from "./types.js";

// What the revenue actions share: the model token's interface, a launched model's token, revenue assets named
// as people name them, and amounts. Internal: not exported from the SDK.

export const tokenInterface: Interface = ModelToken__factory.createInterface();

// The model token's interface also decodes OpenZeppelin ERC-20 revenue assets' errors (allowance, balance, permit).
export const io = moduleIo([
  tokenInterface,
  ModelRegistry__factory.createInterface(),
  ModelLaunchFactory__factory.createInterface(),
]);

export const BPS = 10_000n;

/** A launched model's token; a model without one is refused with `OfferingNotFoundError`. */
export function findToken(context: RevenueContext, model: ModelRef): Promise<LaunchRecord> {
  return findLaunch(context, model, "no token to share revenue with");
}

/** A revenue asset as people name it: `"ETH"`, an address, or the symbol of one of the token's revenue assets. */
export async function resolveAsset(
  context: RevenueContext,
  launch: LaunchRecord,
  ref: RevenueAssetRef,
  assets: RevenueAssetReader,
): Promise<RevenueAsset> {
  const text = ref.trim();
  if (text.toUpperCase() === "ETH") return ETH_REVENUE_ASSET;
  // Given `unknown`, the type guard leaves `text` typed as a string for the symbol lookup below.
  if (isAddress(text as unknown)) return assets(text);
  if (text.startsWith("0x")) throw new UnknownRevenueAssetError(`"${ref}" is not an address.`);
  const token: ModelToken = ModelToken__factory.connect(launch.token, context.runner);
  const known = await Promise.all((await io.read(() => token.revenueAssets())).map((a) => assets(a)));
  const matches = known.filter((asset) => asset.symbol.toLowerCase() === text.toLowerCase());
  if (matches.length === 1) return matches[0];
  const names = known.map((asset) => asset.symbol).join(", ");
  if (matches.length === 0) {
    throw new UnknownRevenueAssetError(
      `"${ref}" is not a revenue asset of ${launch.slug}'s token, which takes ${names}.`,
      {
        details: "Name the asset as ETH, by its address, or by the symbol of one of those.",
      },
    );
  }
  throw new UnknownRevenueAssetError(
    `More than one revenue asset of ${launch.slug}'s token is called ${ref}: name it by address (${matches.map((m) => m.address).join(", ")}).`,
  );
}

/** An amount of a revenue asset: a bigint in its smallest units, or a string in whole units; more than zero. */
export function assetUnits(amount: bigint | string, asset: RevenueAsset): bigint {
  return toUnits(amount, asset);
}

/** An amount of model tokens (18 decimals): a bigint in token units, or a string in whole tokens; more than zero. */
export function tokenUnits(amount: bigint | string): bigint {
  return toUnits(amount, { decimals: 18, symbol: "tokens" }, { zero: "The amount of tokens must be more than zero." });
}
