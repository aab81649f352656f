import {
  getAddress,
  isAddress,
  ZeroAddress,
  type ContractTransaction,
  type Interface,
  type LogDescription,
  type TransactionReceipt,
} from "ethers";

import {
  IPaymentToken__factory,
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  ModelToken__factory,
  type ModelToken,
} from "../contracts.js";
import { launchScanStart, type ProtocolContext } from "../context.js";
import { decodeRevert, SdkError, withDecodedReverts } from "../errors.js";
import { address, optionalSignerAddress, sendTransaction, signerAddress } from "../transactions.js";
import { scanLogs } from "../logs.js";
import { parseAmount } from "../offering/actions.js";
import { formatDuration, MAX_STREAM_DURATION, toSeconds } from "../offering/config.js";
import { InvalidAmountError, OfferingNotFoundError } from "../offering/errors.js";
import { prepareErc20Payment, type Erc20PaymentOptions } from "../permit.js";
import { getModel } from "../registry/actions.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import { ETH_REVENUE_ASSET, readClaimable, revenueAssetReader, type RevenueAssetReader } from "./assets.js";
import { RevenueSettingError, UnknownRevenueAssetError } from "./errors.js";
import type {
  ClaimableView,
  DaoCall,
  PreparedRevenueDeposit,
  RedeemableView,
  RedeemResult,
  RevenueAmount,
  RevenueAsset,
  RevenueAssetRef,
  RevenueAssetView,
  RevenueClaimResult,
  RevenueDepositResult,
  RevenueExclusionResult,
  RevenueView,
} from "./types.js";

export * from "./assets.js";
export * from "./errors.js";
export type * from "./types.js";

/** What the revenue actions work with. */
export type RevenueContext = ProtocolContext;

const tokenInterface: Interface = ModelToken__factory.createInterface();
// The model token's interface also decodes OpenZeppelin ERC-20 revenue assets' errors (allowance, balance, permit).
const interfaces: readonly Interface[] = [
  tokenInterface,
  ModelRegistry__factory.createInterface(),
  ModelLaunchFactory__factory.createInterface(),
];

const BPS = 10_000n;

/** Where and how {@link getRevenue} reads the token's revenue events. */
export interface RevenueScanOptions {
  /** The first block to read events from; the launch factory's deployment block by default. */
  fromBlock?: number;
  /** The last block (its state is the one reported); the latest block by default. */
  toBlock?: number;
  /** Blocks per `eth_getLogs` request (`LOG_SCAN_BLOCKS` by default): lower it for RPCs with tight limits. */
  blockRange?: number;
}

// ---------------------------------------------------------------------------------------------- reads

/**
 * A model token's revenue sharing, per asset: whether it is accepted, its stream, what was deposited, released
 * ("streamed"), claimed, is outstanding (released and unclaimed), is still streaming, set aside for and paid
 * out of the reserve, and what the token holds. State is read at one block and the totals are added up from
 * the token's events up to it, read in chunks from the launch factory's deployment block, so the figures
 * balance to the unit (see {@link RevenueAssetView}).
 *
 * @example
 * import { createClient, formatAmount } from "open-model-registry/sdk";
 * const revenue = await client.revenue.getRevenue("face-landmark-68");
 * for (const a of revenue.assets) {
 *   console.log(a.asset.symbol, formatAmount(a.deposited, a.asset.decimals), formatAmount(a.outstanding, a.asset.decimals));
 * }
 */
export async function getRevenue(context: RevenueContext, model: ModelRef, options: RevenueScanOptions = {}): Promise<RevenueView> {
  const launch = await findToken(context, model);
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading revenue needs a provider: connect the client to one.");
  const toBlock = options.toBlock ?? (await provider.getBlockNumber());
  const fromBlock = Math.min(launchScanStart(context, options.fromBlock), toBlock);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const at = { blockTag: toBlock };
  const [addresses, reserveBps, totalSupply, eligibleSupply, minEligibleSupply, tokenSymbol, dao] = await read(() =>
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
  const events = ["RevenueDeposited", "RevenueClaimed", "RevenueReservePaid"].map((name) => tokenInterface.getEvent(name)!.topicHash);
  const [infos, metas, logs] = await Promise.all([
    read(() => Promise.all(addresses.map((address) => token.assetInfo(address, at)))),
    Promise.all(addresses.map((address) => assets(address))),
    read(() => scanLogs(provider, { address: launch.token, topics: [events], fromBlock, toBlock, blockRange: options.blockRange })),
  ]);

  const totals = new Map<string, { deposits: number; deposited: bigint; reserved: bigint; claimed: bigint; reservePaid: bigint }>();
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
 * import { createClient, formatAmount } from "open-model-registry/sdk";
 * const { claimable } = await client.revenue.getClaimable({ model: "face-landmark-68", account: holder });
 * for (const { asset, amount } of claimable) console.log(`${formatAmount(amount, asset.decimals)} ${asset.symbol}`);
 */
export async function getClaimable(context: RevenueContext, params: GetClaimableParameters): Promise<ClaimableView> {
  const launch = await findToken(context, params.model);
  const account = params.account === undefined ? await signerAddress(context, "Reading your revenue") : address(params.account, "account");
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [claimable, tokenSymbol, forwards, excluded, excludedBySelf] = await Promise.all([
    readClaimable(context, launch.token, account),
    read(() => token.symbol()),
    read(() => token.forwardsRevenue(account)),
    read(() => token.isExcluded(account)),
    read(() => token.excludedBySelf(account)),
  ]);
  return { account, model: launch.model, slug: launch.slug, token: launch.token, tokenSymbol, claimable, forwards, excluded, excludedBySelf };
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
 * import { createClient } from "open-model-registry/sdk";
 * const { paid } = await client.revenue.getRedeemable({ model: "face-landmark-68", amount: "100" });
 */
export async function getRedeemable(context: RevenueContext, params: GetRedeemableParameters): Promise<RedeemableView> {
  const launch = await findToken(context, params.model);
  const amount = tokenUnits(params.amount);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [addresses, amounts] = await read(() => token.redeemable(amount));
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
 * import { createClient } from "open-model-registry/sdk";
 * const usdc = await client.revenue.resolveRevenueAsset({ model: "face-landmark-68", asset: "USDC" });
 * console.log(usdc.address, usdc.decimals);
 */
export async function resolveRevenueAsset(context: RevenueContext, params: ResolveRevenueAssetParameters): Promise<RevenueAsset> {
  const launch = await findToken(context, params.model);
  return resolveAsset(context, launch, params.asset, revenueAssetReader(context));
}

// ------------------------------------------------------------------------------------------- deposits

/** Parameters of {@link prepareDepositRevenue} and {@link depositRevenue}. */
export interface DepositRevenueParameters extends Erc20PaymentOptions {
  model: ModelRef;
  /** A bigint in the asset's smallest units, or a string in whole units ("1.5"). */
  amount: bigint | string;
  /** `"ETH"` (the default), an address, or the symbol of one of the token's revenue assets. */
  asset?: RevenueAssetRef;
}

/**
 * Builds a revenue deposit without sending it: for ETH the deposit with its value; for an ERC-20 the deposit
 * with a freshly signed EIP-2612 permit when the token supports permits and the runner can sign, else an
 * approval when the allowance is short, then the deposit. Refuses, before anything is signed, an asset the
 * token does not accept and an amount the depositor does not hold.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { transactions, method } = await client.revenue.prepareDepositRevenue({ model: "face-landmark-68", amount: "250", asset: "USDC" });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareDepositRevenue(context: RevenueContext, params: DepositRevenueParameters): Promise<PreparedRevenueDeposit> {
  const launch = await findToken(context, params.model);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const asset = await resolveAsset(context, launch, params.asset ?? "ETH", revenueAssetReader(context));
  const info = await read(() => token.assetInfo(asset.address));
  if (!info.active) throw revert("RevenueAssetNotAllowed", [asset.address]);
  const amount = assetUnits(params.amount, asset);
  if (asset.isEth) {
    const deposit = await token.depositETH.populateTransaction({ value: amount });
    return { transactions: [deposit], method: "depositETH", token: launch.token, asset, amount };
  }
  const account = params.account === undefined ? await signerAddress(context, "Depositing revenue") : address(params.account, "account");
  const erc20 = IPaymentToken__factory.connect(asset.address, context.runner);
  const [allowance, balance] = await read(() => Promise.all([erc20.allowance(account, launch.token), erc20.balanceOf(account)]));
  if (balance < amount) throw revert("ERC20InsufficientBalance", [account, balance, amount]);
  const { transactions, method } = await prepareErc20Payment(context, {
    token: erc20,
    owner: account,
    spender: launch.token,
    amount,
    allowance,
    permit: params.permit,
    permitTtl: params.permitTtl,
    withPermit: (p) => token.depositWithPermit.populateTransaction(asset.address, amount, p.deadline, p.v, p.r, p.s),
    fromAllowance: () => token.deposit.populateTransaction(asset.address, amount),
  });
  return { transactions, method, token: launch.token, asset, amount };
}

/**
 * Deposits revenue into a model token for its holders to share: ETH, or an ERC-20 the model's DAO allowed (by
 * permit or approval, see {@link prepareDepositRevenue}). The token releases it at once or over its stream
 * duration, after setting the reserve's share aside.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.revenue.depositRevenue({ model: "face-landmark-68", amount: "0.5" });
 * console.log(result.amount, result.reserved, result.stream?.end);
 */
export async function depositRevenue(context: RevenueContext, params: DepositRevenueParameters): Promise<WriteResult<RevenueDepositResult>> {
  const prepared = await prepareDepositRevenue(context, params);
  let approval: TransactionReceipt | undefined;
  let receipt: TransactionReceipt | undefined;
  for (const transaction of prepared.transactions) {
    const sent = await send(context, transaction, "Depositing revenue");
    if (getAddress(transaction.to) === getAddress(prepared.token)) receipt = sent;
    else approval = sent;
  }
  const deposited = findEvents(receipt!, prepared.token, "RevenueDeposited")[0];
  if (!deposited) throw new SdkError(`The transaction ${receipt!.hash} succeeded but emitted no RevenueDeposited event.`);
  const streamed = findEvents(receipt!, prepared.token, "RevenueStreamed")[0];
  const amount = deposited.args.amount as bigint;
  const reserveBps = await read(() => ModelToken__factory.connect(prepared.token, context.runner).reserveBps());
  return {
    receipt: receipt!,
    result: {
      method: prepared.method,
      asset: prepared.asset,
      amount,
      from: deposited.args.from as string,
      reserved: (amount * reserveBps) / BPS,
      stream: streamed
        ? { amount: streamed.args.amount as bigint, end: new Date(Number(streamed.args.end as bigint) * 1000) }
        : undefined,
      approval,
    },
  };
}

// --------------------------------------------------------------------------------------------- claims

/** Parameters of {@link prepareClaimRevenue} and {@link claimRevenue}. */
export interface ClaimRevenueParameters {
  model: ModelRef;
  /** One asset (`"ETH"`, an address or a symbol); every asset with something to claim by default. */
  asset?: RevenueAssetRef;
  /** Where the signer's revenue goes; the signer by default. Not with `holder`: a holder's revenue claimed by someone else goes to the holder. */
  to?: string;
  /** Claim for another holder (anyone may): the revenue is paid to that holder. */
  holder?: string;
}

/**
 * Builds a revenue claim without sending it: the signer's own (`claim`, `claimAll`), or another holder's
 * (`claimFor`, `claimAllFor`).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.revenue.prepareClaimRevenue({ model: "face-landmark-68", to: coldWallet });
 */
export async function prepareClaimRevenue(context: RevenueContext, params: ClaimRevenueParameters): Promise<ContractTransaction> {
  return claimTransaction(context, await findToken(context, params.model), params);
}

/**
 * Claims revenue from a model token: the signer's, in one asset or in all (to the signer or elsewhere), or,
 * with `holder`, another holder's, paid to that holder. What a holder earned while it held stays claimable
 * after it sells.
 *
 * @example
 * import { createClient, formatAmount } from "open-model-registry/sdk";
 * const { result } = await client.revenue.claimRevenue({ model: "face-landmark-68" });
 * for (const { asset, amount } of result.claims) console.log(`${formatAmount(amount, asset.decimals)} ${asset.symbol}`);
 */
export async function claimRevenue(context: RevenueContext, params: ClaimRevenueParameters): Promise<WriteResult<RevenueClaimResult>> {
  const launch = await findToken(context, params.model);
  const receipt = await send(context, await claimTransaction(context, launch, params), "Claiming revenue");
  const events = findEvents(receipt, launch.token, "RevenueClaimed");
  if (events.length === 0) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no RevenueClaimed event.`);
  const assets = revenueAssetReader(context);
  const claims = await Promise.all(
    events.map(async (event): Promise<RevenueAmount> => ({ asset: await assets(event.args.asset as string), amount: event.args.amount as bigint })),
  );
  return { receipt, result: { holder: events[0].args.holder as string, to: events[0].args.to as string, claims } };
}

// ------------------------------------------------------------------------------------------ exclusion

/** Parameters of {@link prepareSetOwnRevenueExclusion} and {@link setOwnRevenueExclusion}. */
export interface SetOwnRevenueExclusionParameters {
  model: ModelRef;
  /** Exclude the signer's tokens (the default), or include them again. */
  excluded?: boolean;
}

/**
 * Builds the signer's exclusion of its own tokens from revenue sharing (or their inclusion again) without
 * sending it. Refuses, before anything is signed, a change that changes nothing.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.revenue.prepareSetOwnRevenueExclusion({ model: "face-landmark-68" });
 */
export async function prepareSetOwnRevenueExclusion(
  context: RevenueContext,
  params: SetOwnRevenueExclusionParameters,
): Promise<ContractTransaction> {
  return exclusionTransaction(context, await findToken(context, params.model), params);
}

/**
 * Excludes the signer's own tokens from revenue sharing: they stop earning and leave the eligible supply, and
 * what they earned stays claimable. Only the signer can include them again (`excluded: false`); the DAO cannot.
 * A contract that holds tokens it has no use for revenue on (a staking contract) does this at creation.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.revenue.setOwnRevenueExclusion({ model: "face-landmark-68", excluded: true });
 * console.log(result.excluded, result.eligibleSupply);
 */
export async function setOwnRevenueExclusion(
  context: RevenueContext,
  params: SetOwnRevenueExclusionParameters,
): Promise<WriteResult<RevenueExclusionResult>> {
  const launch = await findToken(context, params.model);
  const what = params.excluded === false ? "Including your tokens in revenue sharing" : "Excluding your tokens from revenue sharing";
  const receipt = await send(context, await exclusionTransaction(context, launch, params), what);
  const [event] = findEvents(receipt, launch.token, "RevenueExclusionSet");
  if (!event) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no RevenueExclusionSet event.`);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const account = event.args.account as string;
  const at = { blockTag: receipt.blockNumber };
  const [balance, eligibleSupply] = await read(() => Promise.all([token.balanceOf(account, at), token.eligibleSupply(at)]));
  return { receipt, result: { account, excluded: event.args.excluded as boolean, balance, eligibleSupply } };
}

// ----------------------------------------------------------------------------------------- redemption

/** Parameters of {@link prepareRedeemReserve} and {@link redeemReserve}. */
export interface RedeemReserveParameters {
  model: ModelRef;
  /** Model tokens to burn: a bigint in token units, or a string in whole tokens ("100"). */
  amount: bigint | string;
  /** Where the reserve's share goes; the signer by default. */
  to?: string;
}

/**
 * Builds a burn-to-redeem without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.revenue.prepareRedeemReserve({ model: "face-landmark-68", amount: "100" });
 */
export async function prepareRedeemReserve(context: RevenueContext, params: RedeemReserveParameters): Promise<ContractTransaction> {
  return redeemTransaction(context, await findToken(context, params.model), params);
}

/**
 * Burns model tokens for their share of every asset's reserve: burning `a` of the `S` tokens in circulation
 * pays `a / S` of each reserve. What the tokens earned before stays claimable. Only tokens launched with a
 * reserve share can be redeemed.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.revenue.redeemReserve({ model: "face-landmark-68", amount: "100" });
 * console.log(result.burned, result.paid);
 */
export async function redeemReserve(context: RevenueContext, params: RedeemReserveParameters): Promise<WriteResult<RedeemResult>> {
  const launch = await findToken(context, params.model);
  const receipt = await send(context, await redeemTransaction(context, launch, params), "Redeeming");
  const [redeemed] = findEvents(receipt, launch.token, "RevenueRedeemed");
  if (!redeemed) throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no RevenueRedeemed event.`);
  const assets = revenueAssetReader(context);
  const paid = await Promise.all(
    findEvents(receipt, launch.token, "RevenueReservePaid").map(
      async (event): Promise<RevenueAmount> => ({ asset: await assets(event.args.asset as string), amount: event.args.amount as bigint }),
    ),
  );
  return {
    receipt,
    result: { holder: redeemed.args.holder as string, to: redeemed.args.to as string, burned: redeemed.args.burned as bigint, paid },
  };
}

// ---------------------------------------------------------------------------------- the DAO's calls

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
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.revenue.buildAllowRevenueAsset({ model: "face-landmark-68", asset: usdc });
 * // propose([call.to], [call.value], [call.data], call.description)
 */
export async function buildAllowRevenueAsset(context: RevenueContext, params: RevenueAssetCallParameters): Promise<DaoCall> {
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
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.revenue.buildRemoveRevenueAsset({ model: "face-landmark-68", asset: "USDC" });
 */
export async function buildRemoveRevenueAsset(context: RevenueContext, params: RevenueAssetCallParameters): Promise<DaoCall> {
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
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.revenue.buildSetStreamDuration({ model: "face-landmark-68", asset: "ETH", duration: "7d" });
 */
export async function buildSetStreamDuration(context: RevenueContext, params: SetStreamDurationParameters): Promise<DaoCall> {
  const seconds = streamSeconds(params.duration);
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const data = tokenInterface.encodeFunctionData("setStreamDuration", [asset.address, seconds]);
  const description = seconds === 0
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
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.revenue.buildSetRevenueExclusion({ model: "face-landmark-68", account: pool });
 */
export async function buildSetRevenueExclusion(context: RevenueContext, params: SetRevenueExclusionParameters): Promise<DaoCall> {
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
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.revenue.buildRecoverSurplus({ model: "face-landmark-68", asset: usdc });
 */
export async function buildRecoverSurplus(context: RevenueContext, params: RecoverSurplusParameters): Promise<DaoCall> {
  const launch = await findToken(context, params.model);
  const asset = await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const to = params.to === undefined ? launch.timelock : address(params.to, "to");
  const data = tokenInterface.encodeFunctionData("recoverSurplus", [asset.address, to]);
  return daoCall(context, launch, params, data, `Send the ${describe(asset)} that ${launch.slug}'s token holds beyond what it owes to ${to}.`);
}

// ------------------------------------------------------------------------------------------- helpers

/** A launched model's token, with the model's slug. */
interface TokenRecord {
  model: bigint;
  slug: string;
  token: string;
  timelock: string;
}

function read<T>(action: () => Promise<T>): Promise<T> {
  return withDecodedReverts(interfaces, action);
}

/** The named SDK error for a custom error of the token, raised by the SDK itself before sending anything. */
function revert(name: string, args: unknown[]): unknown {
  return decodeRevert({ code: "CALL_EXCEPTION", data: tokenInterface.encodeErrorResult(name, args) }, [tokenInterface]);
}

async function findToken(context: RevenueContext, model: ModelRef): Promise<TokenRecord> {
  const info = await getModel(context, model);
  const launch = await read(() => context.factory.launchOf(info.id));
  if (launch.token === ZeroAddress) {
    throw new OfferingNotFoundError(`${info.slug} (model #${info.id}) has not been launched: it has no token to share revenue with.`);
  }
  return { model: info.id, slug: info.slug, token: launch.token, timelock: launch.timelock };
}

async function claimTransaction(context: RevenueContext, launch: TokenRecord, params: ClaimRevenueParameters): Promise<ContractTransaction> {
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const asset = params.asset === undefined ? undefined : await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const signer = await optionalSignerAddress(context);
  const holder = params.holder === undefined ? undefined : address(params.holder, "holder");
  if (holder !== undefined && holder !== signer) {
    if (params.to !== undefined && address(params.to, "to") !== holder) {
      throw new SdkError(`Revenue claimed for ${holder} is paid to ${holder}: only a holder may send its own revenue elsewhere.`);
    }
    return asset ? token.claimFor.populateTransaction(holder, asset.address) : token.claimAllFor.populateTransaction(holder);
  }
  const self = signer ?? (await signerAddress(context, "Claiming revenue"));
  const to = params.to === undefined ? self : address(params.to, "to");
  return asset ? token.claim.populateTransaction(asset.address, to) : token.claimAll.populateTransaction(to);
}

async function exclusionTransaction(
  context: RevenueContext,
  launch: TokenRecord,
  params: SetOwnRevenueExclusionParameters,
): Promise<ContractTransaction> {
  const excluded = params.excluded ?? true;
  const account = await optionalSignerAddress(context);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  if (account !== undefined) {
    // An exclusion the DAO made becomes the holder's own; anything else that changes nothing is refused here.
    const [isExcluded, bySelf] = await read(() => Promise.all([token.isExcluded(account), token.excludedBySelf(account)]));
    if (excluded ? bySelf : !isExcluded) throw revert("RevenueExclusionUnchanged", [account, excluded]);
  }
  return token.setExcludedSelf.populateTransaction(excluded);
}

async function redeemTransaction(context: RevenueContext, launch: TokenRecord, params: RedeemReserveParameters): Promise<ContractTransaction> {
  const amount = tokenUnits(params.amount);
  const holder = await optionalSignerAddress(context);
  const to = params.to === undefined ? (holder ?? (await signerAddress(context, "Redeeming"))) : address(params.to, "to");
  const token = ModelToken__factory.connect(launch.token, context.runner);
  if (holder !== undefined) {
    // Checked here so that the refusal names the balance, whatever the contract checks first.
    const balance = await read(() => token.balanceOf(holder));
    if (balance < amount) throw revert("ERC20InsufficientBalance", [holder, balance, amount]);
  }
  return token.redeem.populateTransaction(amount, to);
}

async function resolveAsset(
  context: RevenueContext,
  launch: TokenRecord,
  ref: RevenueAssetRef,
  assets: RevenueAssetReader,
): Promise<RevenueAsset> {
  const text = ref.trim();
  if (text.toUpperCase() === "ETH") return ETH_REVENUE_ASSET;
  // Given `unknown`, the type guard leaves `text` typed as a string for the symbol lookup below.
  if (isAddress(text as unknown)) return assets(text);
  if (text.startsWith("0x")) throw new UnknownRevenueAssetError(`"${ref}" is not an address.`);
  const token: ModelToken = ModelToken__factory.connect(launch.token, context.runner);
  const known = await Promise.all((await read(() => token.revenueAssets())).map((a) => assets(a)));
  const matches = known.filter((asset) => asset.symbol.toLowerCase() === text.toLowerCase());
  if (matches.length === 1) return matches[0];
  const names = known.map((asset) => asset.symbol).join(", ");
  if (matches.length === 0) {
    throw new UnknownRevenueAssetError(`"${ref}" is not a revenue asset of ${launch.slug}'s token, which takes ${names}.`, {
      details: "Name the asset as ETH, by its address, or by the symbol of one of those.",
    });
  }
  throw new UnknownRevenueAssetError(
    `More than one revenue asset of ${launch.slug}'s token is called ${ref}: name it by address (${matches.map((m) => m.address).join(", ")}).`,
  );
}

async function daoCall(
  context: RevenueContext,
  launch: TokenRecord,
  options: DaoCallOptions,
  data: string,
  description: string,
): Promise<DaoCall> {
  const call: DaoCall = { to: launch.token, data, value: 0n, description };
  const provider = context.runner.provider;
  if (options.simulate !== false && provider) {
    const dao = await read(() => ModelToken__factory.connect(launch.token, context.runner).dao());
    await read(() => provider.call({ to: call.to, data: call.data, from: dao }));
  }
  return call;
}

function streamSeconds(duration: number | string): number {
  let seconds: number;
  if (typeof duration === "number") {
    seconds = duration;
  } else {
    if (!/^\d+\s*[smhdw]?$/.test(duration.trim())) {
      throw new RevenueSettingError(`"${duration}" is not a duration: write seconds, or a number with a unit such as "7d" or "12h".`);
    }
    seconds = toSeconds(duration.trim());
  }
  if (!Number.isInteger(seconds) || seconds < 0) throw new RevenueSettingError(`A stream duration must be a whole number of seconds, not ${duration}.`);
  if (seconds > MAX_STREAM_DURATION) {
    throw new RevenueSettingError(`A stream of ${formatDuration(seconds)} is longer than the 180 days a model token allows.`);
  }
  return seconds;
}

function describe(asset: RevenueAsset): string {
  return asset.isEth ? "ETH" : `${asset.symbol} (${asset.address})`;
}

function assetUnits(amount: bigint | string, asset: RevenueAsset): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, asset.decimals);
  if (value <= 0n) throw new InvalidAmountError(`The amount must be more than zero ${asset.symbol}.`);
  return value;
}

function tokenUnits(amount: bigint | string): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, 18);
  if (value <= 0n) throw new InvalidAmountError("The amount of tokens must be more than zero.");
  return value;
}

function send(context: RevenueContext, transaction: ContractTransaction, what: string): Promise<TransactionReceipt> {
  return sendTransaction(context, transaction, what, read);
}

function findEvents(receipt: TransactionReceipt, emitter: string, name: string): LogDescription[] {
  const found: LogDescription[] = [];
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(emitter)) continue;
    let parsed: LogDescription | null = null;
    try {
      parsed = tokenInterface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (parsed?.name === name) found.push(parsed);
  }
  return found;
}
