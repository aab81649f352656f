import { getAddress } from "ethers";

import { ModelToken__factory } from "../contracts.js";
import { launchScanStart } from "../context.js";
import { SdkError } from "../errors.js";
import { scanLogs } from "../logs.js";
import { accountOrSigner } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import { claimableOf, revenueAssetReader } from "./assets.js";
import { BPS, findToken, io, resolveAsset, tokenInterface, tokenUnits } from "./internal.js";
import type {
  ClaimableView,
  RedeemableView,
  RevenueAsset,
  RevenueAssetRef,
  RevenueAssetView,
  RevenueContext,
  RevenueView,
} from "./types.js";

// Reading a model token's revenue sharing: its totals per asset, balanced to the unit; what a holder can claim;
// what burning tokens would pay; and a revenue asset by the name people give it.

/** Where and how {@link getRevenue} reads the token's revenue events. */
export interface RevenueScanOptions {
  /** The first block to read events from; the launch factory's deployment block by default. */
  fromBlock?: number;
  /** The last block (its state is the one reported); the latest block by default. */
  toBlock?: number;
  /** Blocks per `eth_getLogs` request (`LOG_SCAN_BLOCKS` by default): lower it for RPCs with tight limits. */
  blockRange?: number;
}

/**
 * A model token's revenue sharing, per asset: whether it is accepted, its stream, what was deposited, released
 * ("streamed"), claimed, is outstanding (released and unclaimed), is still streaming, set aside for and paid
 * out of the reserve, and what the token holds. State is read at one block and the totals are added up from
 * the token's events up to it, read in chunks from the launch factory's deployment block, so the figures
 * balance to the unit (see {@link RevenueAssetView}).
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const revenue = await client.revenue.getRevenue("face-landmark-68");
 * for (const a of revenue.assets) {
 *   console.log(a.asset.symbol, formatAmount(a.deposited, a.asset.decimals), formatAmount(a.outstanding, a.asset.decimals));
 * }
 */
export async function getRevenue(
  context: RevenueContext,
  model: ModelRef,
  options: RevenueScanOptions = {},
): Promise<RevenueView> {
  const launch = await findToken(context, model);
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading revenue needs a provider: connect the client to one.");
  const toBlock = options.toBlock ?? (await provider.getBlockNumber());
  const fromBlock = Math.min(launchScanStart(context, options.fromBlock), toBlock);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const at = { blockTag: toBlock };
  const [addresses, reserveBps, totalSupply, eligibleSupply, minEligibleSupply, tokenSymbol, dao] = await io.read(() =>
    Promise.all([
      token.revenueAssets(at),
      token.reserveBps(at),
      token.totalSupply(at),
      token.eligibleSupply(at),
      token.minEligibleSupply(at),
      token.symbol(),
      token.dao(at),
    ]),
  );
  const assets = revenueAssetReader(context);
  const events = ["RevenueDeposited", "RevenueClaimed", "RevenueReservePaid"].map(
    (name) => tokenInterface.getEvent(name)!.topicHash,
  );
  const [infos, metas, logs] = await Promise.all([
    io.read(() => Promise.all(addresses.map((address) => token.assetInfo(address, at)))),
    Promise.all(addresses.map((address) => assets(address))),
    io.read(() =>
      scanLogs(provider, {
        address: launch.token,
        topics: [events],
        fromBlock,
        toBlock,
        blockRange: options.blockRange,
      }),
    ),
  ]);

  const totals = new Map<
    string,
    { deposits: number; deposited: bigint; reserved: bigint; claimed: bigint; reservePaid: bigint }
  >();
  const totalsOf = (asset: string) => {
    const key = getAddress(asset);
    let entry = totals.get(key);
    if (!entry) {
      entry = { deposits: 0, deposited: 0n, reserved: 0n, claimed: 0n, reservePaid: 0n };
      totals.set(key, entry);
    }
    return entry;
  };
  for (const log of logs) {
    const parsed = tokenInterface.parseLog(log);
    if (!parsed) continue;
    const entry = totalsOf(parsed.args.asset as string);
    const amount = parsed.args.amount as bigint;
    if (parsed.name === "RevenueDeposited") {
      entry.deposits++;
      entry.deposited += amount;
      // The contract sets aside this much of each deposit, rounded down.
      entry.reserved += (amount * reserveBps) / BPS;
    } else if (parsed.name === "RevenueClaimed") {
      entry.claimed += amount;
    } else {
      entry.reservePaid += amount;
    }
  }

  let complete = true;
  const views = infos.map((info, i): RevenueAssetView => {
    const entry = totalsOf(addresses[i]);
    const released = entry.deposited - entry.reserved - info.unreleased;
    const outstanding = released - entry.claimed;
    const owed = info.unreleased + outstanding + info.reserve;
    if (released < 0n || outstanding < 0n || entry.reserved - entry.reservePaid !== info.reserve) complete = false;
    if (metas[i].isEth ? info.held < owed : info.held !== owed) complete = false;
    return {
      asset: metas[i],
      active: info.active,
      streamDuration: Number(info.streamDuration),
      streamEnd: info.streamEnd === 0n ? undefined : new Date(Number(info.streamEnd) * 1000),
      deposits: entry.deposits,
      deposited: entry.deposited,
      released,
      claimed: entry.claimed,
      outstanding,
      unreleased: info.unreleased,
      reserved: entry.reserved,
      reservePaid: entry.reservePaid,
      reserve: info.reserve,
      held: info.held,
      accumulator: info.accumulator,
      eligibleSupply: info.eligibleSupply,
    };
  });
  return {
    model: launch.model,
    slug: launch.slug,
    token: launch.token,
    tokenSymbol,
    dao,
    reserveBps: Number(reserveBps),
    totalSupply,
    eligibleSupply,
    minEligibleSupply,
    assets: views,
    scan: { fromBlock, toBlock, complete },
  };
}

/** Parameters of {@link getClaimable}. */
export interface GetClaimableParameters {
  model: ModelRef;
  /** Whose revenue; the signer by default. */
  account?: string;
}

/**
 * What an account can claim now from a model token, in every revenue asset (zero amounts included).
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { claimable } = await client.revenue.getClaimable({ model: "face-landmark-68", account: holder });
 * for (const { asset, amount } of claimable) console.log(`${formatAmount(amount, asset.decimals)} ${asset.symbol}`);
 */
export async function getClaimable(context: RevenueContext, params: GetClaimableParameters): Promise<ClaimableView> {
  const launch = await findToken(context, params.model);
  const account = await accountOrSigner(context, params.account, "Reading your revenue");
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [claimable, tokenSymbol, forwards, excluded, excludedBySelf] = await Promise.all([
    claimableOf(context, launch.token, account),
    io.read(() => token.symbol()),
    io.read(() => token.forwardsRevenue(account)),
    io.read(() => token.isExcluded(account)),
    io.read(() => token.excludedBySelf(account)),
  ]);
  return {
    account,
    model: launch.model,
    slug: launch.slug,
    token: launch.token,
    tokenSymbol,
    claimable,
    forwards,
    excluded,
    excludedBySelf,
  };
}

/** Parameters of {@link getRedeemable}. */
export interface GetRedeemableParameters {
  model: ModelRef;
  /** Model tokens to burn: a bigint in token units, or a string in whole tokens ("100"). */
  amount: bigint | string;
}

/**
 * What burning an amount of model tokens would pay now out of the reserve, per revenue asset.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { paid } = await client.revenue.getRedeemable({ model: "face-landmark-68", amount: "100" });
 */
export async function getRedeemable(context: RevenueContext, params: GetRedeemableParameters): Promise<RedeemableView> {
  const launch = await findToken(context, params.model);
  const amount = tokenUnits(params.amount);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [addresses, amounts] = await io.read(() => token.redeemable(amount));
  const assets = revenueAssetReader(context);
  const metas = await Promise.all(addresses.map((a) => assets(a)));
  return { amount, paid: metas.map((asset, i) => ({ asset, amount: amounts[i] })) };
}

/** Parameters of {@link resolveRevenueAsset}. */
export interface ResolveRevenueAssetParameters {
  model: ModelRef;
  /** `"ETH"`, an address, or the symbol of one of the token's revenue assets. */
  asset: RevenueAssetRef;
}

/**
 * Finds a revenue asset by what people call it: `"ETH"`, an address, or the symbol of one of the model token's
 * revenue assets (case-insensitive). An address need not be a revenue asset (yet).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const usdc = await client.revenue.resolveRevenueAsset({ model: "face-landmark-68", asset: "USDC" });
 * console.log(usdc.address, usdc.decimals);
 */
export async function resolveRevenueAsset(
  context: RevenueContext,
  params: ResolveRevenueAssetParameters,
): Promise<RevenueAsset> {
  const launch = await findToken(context, params.model);
  return resolveAsset(context, launch, params.asset, revenueAssetReader(context));
}
