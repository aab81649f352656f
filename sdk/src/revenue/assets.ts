import { getAddress } from "ethers";

import { IPaymentToken__factory, ModelToken__factory } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { SdkError, withDecodedReverts } from "../errors.js";
import type { RevenueAmount, RevenueAsset } from "./types.js";

// Revenue assets, and reading their symbols and decimals and the amounts claimable in them: shared by the revenue
// actions and the portfolio.

/** The address that stands for ETH among revenue assets (ERC-7528). */
export const NATIVE_ASSET = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

/** ETH as a revenue asset. */
export const ETH_REVENUE_ASSET: RevenueAsset = Object.freeze({
  address: NATIVE_ASSET,
  symbol: "ETH",
  decimals: 18,
  isEth: true,
});

/** Reads a revenue asset's symbol and decimals, each asset once however often it is asked for. */
export type RevenueAssetReader = (address: string) => Promise<RevenueAsset>;

/** A reader of revenue assets' symbols and decimals that reads each asset once. */
export function revenueAssetReader(context: ProtocolContext): RevenueAssetReader {
  const cache = new Map<string, Promise<RevenueAsset>>();
  return (address) => {
    const key = getAddress(address);
    let found = cache.get(key);
    if (!found) {
      found = readRevenueAsset(context, key);
      cache.set(key, found);
    }
    return found;
  };
}

async function readRevenueAsset(context: ProtocolContext, address: string): Promise<RevenueAsset> {
  if (address === NATIVE_ASSET) return ETH_REVENUE_ASSET;
  const token = IPaymentToken__factory.connect(address, context.runner);
  const [symbol, decimals] = await Promise.all([
    token.symbol().catch(() => undefined),
    token.decimals().catch((cause: unknown) => {
      throw new SdkError(`The revenue asset ${address} does not say its decimals, so amounts in it cannot be read.`, {
        cause,
      });
    }),
  ]);
  return { address, symbol: symbol || `${address.slice(0, 8)}…`, decimals: Number(decimals), isEth: false };
}

/**
 * What `holder` can claim now from the model token at `token`, per revenue asset in the token's order (ETH
 * first), zero amounts included. The public read is `getClaimable`, which names the model.
 */
export async function claimableOf(
  context: ProtocolContext,
  token: string,
  holder: string,
  assets: RevenueAssetReader = revenueAssetReader(context),
): Promise<RevenueAmount[]> {
  const contract = ModelToken__factory.connect(token, context.runner);
  const [addresses, amounts] = await withDecodedReverts([contract.interface], () => contract.claimableAll(holder));
  const metas = await Promise.all(addresses.map((address) => assets(address)));
  return metas.map((asset, i) => ({ asset, amount: amounts[i] }));
}
