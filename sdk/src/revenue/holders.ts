import type { ContractTransaction, LogDescription } from "ethers";

import { IPaymentToken__factory, ModelToken__factory } from "../contracts.js";
import { SdkError } from "../errors.js";
import { accountOrSigner, address, addressOr, optionalSignerAddress, signerAddress } from "../module.js";
import { prepareErc20Payment, type Erc20PaymentOptions } from "../permit.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import { revenueAssetReader } from "./assets.js";
import { assetUnits, BPS, findToken, io, resolveAsset, tokenUnits } from "./internal.js";
import type {
  PreparedRevenueDeposit,
  RedeemResult,
  RevenueAmount,
  RevenueAssetRef,
  RevenueClaimResult,
  RevenueContext,
  RevenueDepositResult,
  RevenueExclusionResult,
} from "./types.js";

// What payers and holders do with a model token's revenue: deposit it, claim it (their own, or another holder's
// for that holder), exclude their own tokens from it, and burn tokens for the reserve. Each write also comes as
// `prepare...`, which builds the transaction without sending it.

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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions, method } = await client.revenue.prepareDepositRevenue({ model: "face-landmark-68", amount: "250", asset: "USDC" });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareDepositRevenue(
  context: RevenueContext,
  params: DepositRevenueParameters,
): Promise<PreparedRevenueDeposit> {
  const launch = await findToken(context, params.model);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const asset = await resolveAsset(context, launch, params.asset ?? "ETH", revenueAssetReader(context));
  const info = await io.read(() => token.assetInfo(asset.address));
  if (!info.active) throw io.revert("RevenueAssetNotAllowed", [asset.address]);
  const amount = assetUnits(params.amount, asset);
  if (asset.isEth) {
    const deposit = await token.depositETH.populateTransaction({ value: amount });
    return { transactions: [deposit], method: "depositETH", token: launch.token, asset, amount };
  }
  const account = await accountOrSigner(context, params.account, "Depositing revenue");
  const erc20 = IPaymentToken__factory.connect(asset.address, context.runner);
  const [allowance, balance] = await io.read(() =>
    Promise.all([erc20.allowance(account, launch.token), erc20.balanceOf(account)]),
  );
  if (balance < amount) throw io.revert("ERC20InsufficientBalance", [account, balance, amount]);
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.revenue.depositRevenue({ model: "face-landmark-68", amount: "0.5" });
 * console.log(result.amount, result.reserved, result.stream?.end);
 */
export async function depositRevenue(
  context: RevenueContext,
  params: DepositRevenueParameters,
): Promise<WriteResult<RevenueDepositResult>> {
  const prepared = await prepareDepositRevenue(context, params);
  const { receipt, approval } = await io.sendAll(context, prepared.transactions, "Depositing revenue");
  const deposited = io.findEvent(receipt, prepared.token, "RevenueDeposited");
  const [streamed] = io.findEvents(receipt, prepared.token, "RevenueStreamed");
  const amount = deposited.args.amount as bigint;
  const reserveBps = await io.read(() => ModelToken__factory.connect(prepared.token, context.runner).reserveBps());
  return {
    receipt,
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.revenue.prepareClaimRevenue({ model: "face-landmark-68", to: coldWallet });
 */
export async function prepareClaimRevenue(
  context: RevenueContext,
  params: ClaimRevenueParameters,
): Promise<ContractTransaction> {
  const launch = await findToken(context, params.model);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const asset =
    params.asset === undefined
      ? undefined
      : await resolveAsset(context, launch, params.asset, revenueAssetReader(context));
  const signer = await optionalSignerAddress(context);
  const holder = params.holder === undefined ? undefined : address(params.holder, "holder");
  if (holder !== undefined && holder !== signer) {
    if (params.to !== undefined && address(params.to, "to") !== holder) {
      throw new SdkError(
        `Revenue claimed for ${holder} is paid to ${holder}: only a holder may send its own revenue elsewhere.`,
      );
    }
    return asset
      ? token.claimFor.populateTransaction(holder, asset.address)
      : token.claimAllFor.populateTransaction(holder);
  }
  const self = signer ?? (await signerAddress(context, "Claiming revenue"));
  const to = addressOr(params.to, self, "to");
  return asset ? token.claim.populateTransaction(asset.address, to) : token.claimAll.populateTransaction(to);
}

/**
 * Claims revenue from a model token: the signer's, in one asset or in all (to the signer or elsewhere), or,
 * with `holder`, another holder's, paid to that holder. What a holder earned while it held stays claimable
 * after it sells.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.revenue.claimRevenue({ model: "face-landmark-68" });
 * for (const { asset, amount } of result.claims) console.log(`${formatAmount(amount, asset.decimals)} ${asset.symbol}`);
 */
export async function claimRevenue(
  context: RevenueContext,
  params: ClaimRevenueParameters,
): Promise<WriteResult<RevenueClaimResult>> {
  const transaction = await prepareClaimRevenue(context, params);
  const receipt = await io.send(context, transaction, "Claiming revenue");
  const events = io.findEvents(receipt, transaction.to, "RevenueClaimed");
  if (events.length === 0)
    throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no RevenueClaimed event.`);
  const claims = await amountsOf(context, events);
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.revenue.prepareSetOwnRevenueExclusion({ model: "face-landmark-68" });
 */
export async function prepareSetOwnRevenueExclusion(
  context: RevenueContext,
  params: SetOwnRevenueExclusionParameters,
): Promise<ContractTransaction> {
  const launch = await findToken(context, params.model);
  const excluded = params.excluded ?? true;
  const account = await optionalSignerAddress(context);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  if (account !== undefined) {
    // An exclusion the DAO made becomes the holder's own; anything else that changes nothing is refused here.
    const [isExcluded, bySelf] = await io.read(() =>
      Promise.all([token.isExcluded(account), token.excludedBySelf(account)]),
    );
    if (excluded ? bySelf : !isExcluded) throw io.revert("RevenueExclusionUnchanged", [account, excluded]);
  }
  return token.setExcludedSelf.populateTransaction(excluded);
}

/**
 * Excludes the signer's own tokens from revenue sharing: they stop earning and leave the eligible supply, and
 * what they earned stays claimable. Only the signer can include them again (`excluded: false`); the DAO cannot.
 * A contract that holds tokens it has no use for revenue on (a staking contract) does this at creation.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.revenue.setOwnRevenueExclusion({ model: "face-landmark-68", excluded: true });
 * console.log(result.excluded, result.eligibleSupply);
 */
export async function setOwnRevenueExclusion(
  context: RevenueContext,
  params: SetOwnRevenueExclusionParameters,
): Promise<WriteResult<RevenueExclusionResult>> {
  const transaction = await prepareSetOwnRevenueExclusion(context, params);
  const what =
    params.excluded === false
      ? "Including your tokens in revenue sharing"
      : "Excluding your tokens from revenue sharing";
  const receipt = await io.send(context, transaction, what);
  const event = io.findEvent(receipt, transaction.to, "RevenueExclusionSet");
  const token = ModelToken__factory.connect(transaction.to, context.runner);
  const account = event.args.account as string;
  const at = { blockTag: receipt.blockNumber };
  const [balance, eligibleSupply] = await io.read(() =>
    Promise.all([token.balanceOf(account, at), token.eligibleSupply(at)]),
  );
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.revenue.prepareRedeemReserve({ model: "face-landmark-68", amount: "100" });
 */
export async function prepareRedeemReserve(
  context: RevenueContext,
  params: RedeemReserveParameters,
): Promise<ContractTransaction> {
  const launch = await findToken(context, params.model);
  const amount = tokenUnits(params.amount);
  const holder = await optionalSignerAddress(context);
  const to =
    params.to === undefined ? (holder ?? (await signerAddress(context, "Redeeming"))) : address(params.to, "to");
  const token = ModelToken__factory.connect(launch.token, context.runner);
  if (holder !== undefined) {
    // Checked here so that the refusal names the balance, whatever the contract checks first.
    const balance = await io.read(() => token.balanceOf(holder));
    if (balance < amount) throw io.revert("ERC20InsufficientBalance", [holder, balance, amount]);
  }
  return token.redeem.populateTransaction(amount, to);
}

/**
 * Burns model tokens for their share of every asset's reserve: burning `a` of the `S` tokens in circulation
 * pays `a / S` of each reserve. What the tokens earned before stays claimable. Only tokens launched with a
 * reserve share can be redeemed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.revenue.redeemReserve({ model: "face-landmark-68", amount: "100" });
 * console.log(result.burned, result.paid);
 */
export async function redeemReserve(
  context: RevenueContext,
  params: RedeemReserveParameters,
): Promise<WriteResult<RedeemResult>> {
  const transaction = await prepareRedeemReserve(context, params);
  const receipt = await io.send(context, transaction, "Redeeming");
  const redeemed = io.findEvent(receipt, transaction.to, "RevenueRedeemed");
  const paid = await amountsOf(context, io.findEvents(receipt, transaction.to, "RevenueReservePaid"));
  return {
    receipt,
    result: {
      holder: redeemed.args.holder as string,
      to: redeemed.args.to as string,
      burned: redeemed.args.burned as bigint,
      paid,
    },
  };
}

/** The asset and amount each event reports (events with `asset` and `amount` arguments), each asset read once. */
function amountsOf(context: RevenueContext, events: LogDescription[]): Promise<RevenueAmount[]> {
  const assets = revenueAssetReader(context);
  return Promise.all(
    events.map(async (event) => ({
      asset: await assets(event.args.asset as string),
      amount: event.args.amount as bigint,
    })),
  );
}
