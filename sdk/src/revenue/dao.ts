import { ModelToken__factory } from "../contracts.js";
import { durationSeconds, formatDuration } from "../durations.js";
import type { LaunchRecord } from "../launches.js";
import { address, addressOr } from "../module.js";
import { MAX_STREAM_DURATION } from "../offering/config.js";
import type { ModelRef } from "../registry/types.js";
import { revenueAssetReader } from "./assets.js";
import { RevenueSettingError } from "./errors.js";
import { findToken, io, resolveAsset, tokenInterface } from "./internal.js";
import type { DaoCall, RevenueAsset, RevenueAssetRef, RevenueContext } from "./types.js";

// The model DAO's calls on its token's revenue settings, built for a governance proposal: which ERC-20s it
// accepts, each asset's stream duration, which contracts are excluded, and where surplus tokens go. Each is a
// `DaoCall` that `propose` takes as it is.

/** What every DAO call builder takes. */
export interface DaoCallOptions {
  model: ModelRef;
  /**
   * Try the call as the DAO (an `eth_call` from its timelock) and refuse it with the contract's own error when
   * it would fail today; on by default.
   */
  simulate?: boolean;
}

/** Parameters of {@link buildAllowRevenueAsset} and {@link buildRemoveRevenueAsset}. */
export interface RevenueAssetCallParameters extends DaoCallOptions {
  /** The ERC-20's address (or, for one the token knows, its symbol). */
  asset: RevenueAssetRef;
}

/**
 * The DAO's call that accepts an ERC-20 as revenue (or accepts it again after its removal), for a governance
 * proposal. A token accepts at most `MAX_REVENUE_ASSETS` (4) ERC-20s besides ETH.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.revenue.buildAllowRevenueAsset({ model: "face-landmark-68", asset: usdc });
 * // propose([call.to], [call.value], [call.data], call.description)
 */
export async function buildAllowRevenueAsset(
  context: RevenueContext,
  params: RevenueAssetCallParameters,
): Promise<DaoCall> {
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const data = tokenInterface.encodeFunctionData("allowAsset", [asset.address]);
  return daoCall(context, launch, params, data, `Accept ${describe(asset)} as revenue of ${launch.slug}'s token.`);
}

/**
 * The DAO's call that stops accepting an ERC-20 as revenue (what it paid stays claimable), for a governance
 * proposal.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.revenue.buildRemoveRevenueAsset({ model: "face-landmark-68", asset: "USDC" });
 */
export async function buildRemoveRevenueAsset(
  context: RevenueContext,
  params: RevenueAssetCallParameters,
): Promise<DaoCall> {
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const data = tokenInterface.encodeFunctionData("removeAsset", [asset.address]);
  const description = `Stop accepting ${describe(asset)} as revenue of ${launch.slug}'s token; what it paid stays claimable.`;
  return daoCall(context, launch, params, data, description);
}

/** Parameters of {@link buildSetStreamDuration}. */
export interface SetStreamDurationParameters extends DaoCallOptions {
  /** `"ETH"`, an address, or the symbol of one of the token's revenue assets. */
  asset: RevenueAssetRef;
  /** Seconds, or a duration such as `"7d"` or `"12h"`; 0 releases deposits at once. At most 180 days. */
  duration: number | string;
}

/**
 * The DAO's call that sets over how long new deposits of an asset are released, for a governance proposal.
 * A running stream keeps its end.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.revenue.buildSetStreamDuration({ model: "face-landmark-68", asset: "ETH", duration: "7d" });
 */
export async function buildSetStreamDuration(
  context: RevenueContext,
  params: SetStreamDurationParameters,
): Promise<DaoCall> {
  const seconds = streamSeconds(params.duration);
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const data = tokenInterface.encodeFunctionData("setStreamDuration", [asset.address, seconds]);
  const description =
    seconds === 0
      ? `Release new ${asset.symbol} revenue of ${launch.slug}'s token at once.`
      : `Release new ${asset.symbol} revenue of ${launch.slug}'s token over ${formatDuration(seconds)}.`;
  return daoCall(context, launch, params, data, description);
}

/** Parameters of {@link buildSetRevenueExclusion}. */
export interface SetRevenueExclusionParameters extends DaoCallOptions {
  /** A contract that cannot claim (an AMM pool, a bridge, a vault) and holds nothing yet. */
  account: string;
  /** Exclude (the default) or include again. */
  excluded?: boolean;
}

/**
 * The DAO's call that excludes a contract from revenue sharing (tokens it receives will not earn, nor count in
 * the denominator) or includes it again, for a governance proposal. The DAO may do so only while the contract
 * holds no tokens and has nothing to claim (a pool, before anyone fills it), and never for an account that
 * excluded itself: what a holder has or earns is never redirected without its consent.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.revenue.buildSetRevenueExclusion({ model: "face-landmark-68", account: pool });
 */
export async function buildSetRevenueExclusion(
  context: RevenueContext,
  params: SetRevenueExclusionParameters,
): Promise<DaoCall> {
  const launch = await findToken(context, params.model);
  const account = address(params.account, "account");
  const excluded = params.excluded ?? true;
  const data = tokenInterface.encodeFunctionData("setExcluded", [account, excluded]);
  const description = excluded
    ? `Exclude ${account} from ${launch.slug}'s revenue sharing: tokens sent there will not earn.`
    : `Include ${account} in ${launch.slug}'s revenue sharing again.`;
  return daoCall(context, launch, params, data, description);
}

/** Parameters of {@link buildRecoverSurplus}. */
export interface RecoverSurplusParameters extends DaoCallOptions {
  /** Any ERC-20 the token holds beyond what it owes (sent without a deposit, or not a revenue asset). */
  asset: RevenueAssetRef;
  /** Where it goes; the DAO's treasury (its timelock) by default. */
  to?: string;
}

/**
 * The DAO's call that recovers an ERC-20 the token holds beyond what it owes (tokens sent to it without a
 * deposit), for a governance proposal.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.revenue.buildRecoverSurplus({ model: "face-landmark-68", asset: usdc });
 */
export async function buildRecoverSurplus(context: RevenueContext, params: RecoverSurplusParameters): Promise<DaoCall> {
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const to = addressOr(params.to, launch.timelock, "to");
  const data = tokenInterface.encodeFunctionData("recoverSurplus", [asset.address, to]);
  return daoCall(
    context,
    launch,
    params,
    data,
    `Send the ${describe(asset)} that ${launch.slug}'s token holds beyond what it owes to ${to}.`,
  );
}

async function daoCall(
  context: RevenueContext,
  launch: LaunchRecord,
  options: DaoCallOptions,
  data: string,
  description: string,
): Promise<DaoCall> {
  const call: DaoCall = { to: launch.token, data, value: 0n, description };
  const provider = context.runner.provider;
  if (options.simulate !== false && provider) {
    const dao = await io.read(() => ModelToken__factory.connect(launch.token, context.runner).dao());
    await io.read(() => provider.call({ to: call.to, data: call.data, from: dao }));
  }
  return call;
}

function streamSeconds(duration: number | string): number {
  const seconds = typeof duration === "number" ? duration : durationSeconds(duration);
  if (seconds === undefined) {
    throw new RevenueSettingError(
      `"${duration}" is not a duration: write seconds, or a number with a unit such as "7d" or "12h".`,
    );
  }
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new RevenueSettingError(`A stream duration must be a whole number of seconds, not ${duration}.`);
  if (seconds > MAX_STREAM_DURATION) {
    throw new RevenueSettingError(
      `A stream of ${formatDuration(seconds)} is longer than the 180 days a model token allows.`,
    );
  }
  return seconds;
}

function describe(asset: RevenueAsset): string {
  return asset.isEth ? "ETH" : `${asset.symbol} (${asset.address})`;
}
