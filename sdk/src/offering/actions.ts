import {
  formatUnits,
  getAddress,
  parseUnits,
  ZeroAddress,
  zeroPadValue,
  type ContractTransaction,
  type Interface,
  type LogDescription,
  type TransactionReceipt,
} from "ethers";

import {
  IPaymentToken__factory,
  ModelGovernor__factory,
  ModelLaunchFactory__factory,
  ModelOffering__factory,
  ModelRegistry__factory,
  ModelTimelock__factory,
  ModelToken__factory,
  ModelVestingWallet__factory,
  type IModelOffering,
  type ModelOffering,
  type ModelToken,
} from "../contracts.js";
import { launchScanStart, type ProtocolContext } from "../context.js";
import { SdkError, withDecodedReverts } from "../errors.js";
import { address, sendTransaction, signerAddress } from "../transactions.js";
import { prepareErc20Payment, type Erc20PaymentOptions } from "../permit.js";
import { getModel } from "../registry/actions.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import { readClaimable, revenueAssetReader } from "../revenue/assets.js";
import type { RevenueAmount } from "../revenue/types.js";
import type { Allowlist } from "./allowlist.js";
import { AllowlistError, InvalidAmountError, InvalidRecipientError, OfferingNotFoundError, statusName } from "./errors.js";
import type {
  AssetAmount,
  BuyResult,
  DelegationView,
  FeePaymentView,
  FinalizedView,
  OfferingStatus,
  OfferingSummary,
  OfferingTotals,
  OfferingView,
  PaymentAsset,
  Portfolio,
  PortfolioEntry,
  PositionView,
  PreparedBuy,
  QuoteView,
  SaleParamsView,
  SettlementView,
  SweepView,
  VestingWalletView,
} from "./types.js";

export * from "./allowlist.js";
export * from "./errors.js";
export type * from "./types.js";

/** What the offering actions work with. */
export type OfferingContext = ProtocolContext;

const offeringInterface: Interface = ModelOffering__factory.createInterface();
const factoryInterface: Interface = ModelLaunchFactory__factory.createInterface();
const tokenInterface: Interface = ModelToken__factory.createInterface();
const vestingInterface: Interface = ModelVestingWallet__factory.createInterface();
// Every contract an offering action may reach: a revert from any of them is decoded to its named error. The
// model token's interface also decodes OpenZeppelin ERC-20 payment tokens' errors (allowance, balance, permit).
const interfaces: readonly Interface[] = [
  offeringInterface,
  factoryInterface,
  tokenInterface,
  vestingInterface,
  ModelGovernor__factory.createInterface(),
  ModelTimelock__factory.createInterface(),
  ModelRegistry__factory.createInterface(),
];

/** The most launched models read in one call of `launchedModels`. */
export const LAUNCH_PAGE = 100;

const FINAL_STATUSES: ReadonlySet<OfferingStatus> = new Set(["Failed", "Succeeded", "Oversubscribed", "Cancelled"]);

const ETH: PaymentAsset = { address: ZeroAddress, symbol: "ETH", decimals: 18, isEth: true };

/** Where event scans start: the factory's deployment block is the earliest useful one. */
export interface EventScanOptions {
  /** The block to read launch events from (`deployment.contracts.ModelLaunchFactory.blockNumber`); 0 by default. */
  fromBlock?: number;
}

// ------------------------------------------------------------------------------------------- amounts

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

/**
 * Whether a status is final: Failed, Succeeded, Oversubscribed or Cancelled.
 *
 * @example
 * import { isFinalStatus } from "open-model-registry/sdk";
 * isFinalStatus("Ended"); // false: the sale waits for someone to finalise it
 */
export function isFinalStatus(status: OfferingStatus): boolean {
  return FINAL_STATUSES.has(status);
}

// ---------------------------------------------------------------------------------------------- reads

/**
 * Every launched model's sale, in launch order: the model's slug, its token, what the sale is paid in,
 * where it stands, what it has raised and its terms. All reads go out together (one JSON-RPC batch per
 * round over HTTP).
 *
 * @example
 * import { createClient, formatAmount } from "open-model-registry/sdk";
 * for (const o of await client.offering.listOfferings()) {
 *   console.log(o.slug, o.status, `${formatAmount(o.raised, o.payment.decimals)} ${o.payment.symbol}`);
 * }
 */
export async function listOfferings(context: OfferingContext): Promise<OfferingSummary[]> {
  const launches = await readLaunches(context);
  const assets = assetCache(context);
  return Promise.all(launches.map(async (launch) => (await readSale(context, launch, assets)).summary));
}

/**
 * One launched model's sale in full: its contracts (token, sale, DAO governor and timelock, the team's
 * vesting wallets), its terms, running totals and the protocol fee. Give the model by slug or id.
 *
 * The vesting wallets are read from the factory's `ModelLaunched` event: pass the factory's deployment block
 * as `fromBlock` on chains whose RPC limits log ranges.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const sale = await client.offering.getOffering("face-landmark-68", {
 *   fromBlock: client.deployment.contracts.ModelLaunchFactory.blockNumber,
 * });
 * console.log(sale.status, sale.totals.deposits, sale.vestingWallets.length);
 */
export async function getOffering(
  context: OfferingContext,
  model: ModelRef,
  options: EventScanOptions = {},
): Promise<OfferingView> {
  const launch = await findLaunch(context, model);
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const [sale, config, wallets] = await Promise.all([
    readSale(context, launch, assetCache(context)),
    read(() => offering.config()),
    launchedWallets(context, launchScanStart(context, options.fromBlock), launch.model).then((found) => found.get(launch.model) ?? []),
  ]);
  const vestingWallets = await Promise.all(wallets.map((wallet) => readVesting(context, wallet, launch.token)));
  return {
    ...sale.summary,
    governor: launch.governor,
    timelock: launch.timelock,
    treasury: config.treasury,
    admin: config.admin,
    params: sale.params,
    totals: sale.totals,
    fee: { recipient: config.fee.recipient, bps: Number(config.fee.bps) },
    vestingWallets,
  };
}

/** Parameters of {@link getPosition}. */
export interface GetPositionParameters {
  model: ModelRef;
  /** Whose deposit; the signer by default. */
  account?: string;
}

/**
 * An account's deposit in a sale not yet settled, and the tokens and refund due to it if the sale closed now
 * (what it gets once the sale is final). All zero once it has settled.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { deposited, tokens, refund } = await client.offering.getPosition({ model: "face-landmark-68" });
 */
export async function getPosition(context: OfferingContext, params: GetPositionParameters): Promise<PositionView> {
  const launch = await findLaunch(context, params.model);
  const account = params.account === undefined ? await signerAddress(context, "Reading your position") : address(params.account, "account");
  return readPosition(ModelOffering__factory.connect(launch.offering, context.runner), account);
}

/** Parameters of {@link quote}. */
export interface QuoteParameters {
  model: ModelRef;
  /** A bigint in the payment asset's smallest units, or a string in whole units ("1.5"). */
  amount: bigint | string;
}

/**
 * What a new deposit would get if the sale closed now with it: tokens, refund, and the outcome it would
 * leave the sale in. Above the hard cap every deposit is filled pro rata, so a quote can only grow worse as
 * others deposit.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const q = await client.offering.quote({ model: "face-landmark-68", amount: "1.5" });
 * console.log(q.tokens, q.refund, q.outcome); // ... "Oversubscribed"
 */
export async function quote(context: OfferingContext, params: QuoteParameters): Promise<QuoteView> {
  const launch = await findLaunch(context, params.model);
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const [sale, status, totals, tokenSymbol] = await read(() =>
    Promise.all([offering.params(), offering.status(), offering.totals(), token.symbol()]),
  );
  const payment = await readAsset(context, sale.paymentToken);
  const amount = toUnits(params.amount, payment, { allowZero: true });
  const [tokens, refund] = await read(() => offering.quote(amount));
  const raised = totals.deposits + amount;
  const current = statusName(status);
  let outcome: OfferingStatus = "Oversubscribed";
  if (current === "Cancelled") outcome = "Cancelled";
  else if (raised < sale.softCap) outcome = "Failed";
  else if (raised <= sale.hardCap) outcome = "Succeeded";
  return { amount, payment, tokens, tokenSymbol, refund, accepted: amount - refund, raised, outcome, status: current };
}

// ---------------------------------------------------------------------------------------------- buying

/** Parameters of {@link prepareBuy} and {@link buy}. */
export interface BuyParameters extends Erc20PaymentOptions {
  model: ModelRef;
  /** A bigint in the payment asset's smallest units, or a string in whole units ("1.5"). */
  amount: bigint | string;
  /** The allowlist proof of the buyer's address, for an allowlisted sale. */
  proof?: string[];
  /** Or the sale's allowlist, from which the buyer's proof is taken (its root must be the sale's). */
  allowlist?: Allowlist;
}

/**
 * Builds a purchase without sending it: for an ETH sale the deposit with its value; for an ERC-20 sale a
 * deposit with a freshly signed EIP-2612 permit when the token supports permits and the runner can sign
 * (the signature is made now, off chain), else an approval when the allowance is short, then the deposit.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { transactions, method } = await client.offering.prepareBuy({ model: "face-landmark-68", amount: "250" });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareBuy(context: OfferingContext, params: BuyParameters): Promise<PreparedBuy> {
  const launch = await findLaunch(context, params.model);
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const sale = await read(() => offering.params());
  const payment = await readAsset(context, sale.paymentToken);
  const amount = toUnits(params.amount, payment);
  const account = params.account === undefined ? await signerAddress(context, "Buying") : address(params.account, "account");
  const proof = proofFor(sale.merkleRoot, account, params);

  if (payment.isEth) {
    const deposit = await offering.depositETH.populateTransaction(proof, { value: amount });
    return { transactions: [deposit], method: "depositETH", offering: launch.offering, amount, payment, proof };
  }
  const token = IPaymentToken__factory.connect(payment.address, context.runner);
  const allowance = await read(() => token.allowance(account, launch.offering));
  const { transactions, method } = await prepareErc20Payment(context, {
    token,
    owner: account,
    spender: launch.offering,
    amount,
    allowance,
    permit: params.permit,
    permitTtl: params.permitTtl,
    withPermit: (p) => offering.depositWithPermit.populateTransaction(amount, p.deadline, p.v, p.r, p.s, proof),
    fromAllowance: () => offering.deposit.populateTransaction(amount, proof),
  });
  return { transactions, method, offering: launch.offering, amount, payment, proof };
}

/**
 * Buys into a live sale: deposits `amount` of the payment asset (ETH, or an ERC-20 by permit or approval,
 * see {@link prepareBuy}). Tokens and any refund come when the sale is final and the deposit is settled.
 *
 * @example
 * import { createClient, loadAllowlist } from "open-model-registry/sdk";
 * const { result } = await client.offering.buy({
 *   model: "face-landmark-68",
 *   amount: "1.5",
 *   allowlist: await loadAllowlist("allowlist.json"),
 * });
 * console.log(result.method, result.total, result.position.tokens);
 */
export async function buy(context: OfferingContext, params: BuyParameters): Promise<WriteResult<BuyResult>> {
  const prepared = await prepareBuy(context, params);
  let approval: TransactionReceipt | undefined;
  let receipt: TransactionReceipt | undefined;
  for (const transaction of prepared.transactions) {
    const sent = await send(context, transaction, "Buying");
    if (transaction.to === prepared.offering) receipt = sent;
    else approval = sent;
  }
  const event = findEvent(receipt!, offeringInterface, prepared.offering, "Deposited");
  const account = event.args.account as string;
  return {
    receipt: receipt!,
    result: {
      method: prepared.method,
      deposited: event.args.amount as bigint,
      total: event.args.total as bigint,
      payment: prepared.payment,
      position: await readPosition(ModelOffering__factory.connect(prepared.offering, context.runner), account),
      approval,
    },
  };
}

// ------------------------------------------------------------------------------------- after the sale

/** Parameters of the actions on one sale: {@link finalize}, {@link sweep}, {@link payFee}, {@link cancel}. */
export interface OfferingParameters {
  model: ModelRef;
}

/**
 * Builds the finalisation of a sale whose window has closed, without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareFinalize({ model: "face-landmark-68" });
 */
export async function prepareFinalize(context: OfferingContext, params: OfferingParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.finalize.populateTransaction();
}

/**
 * Finalises a sale after its window: decides the outcome (Failed below the soft cap, Succeeded, or
 * Oversubscribed above the hard cap) and sends unsold tokens and the proceeds less the fee to the DAO's
 * treasury. Anyone may call it; the first settlement does it too if nobody has.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.finalize({ model: "face-landmark-68" });
 * console.log(result.status, result.accepted, result.tokensSold);
 */
export async function finalize(context: OfferingContext, params: OfferingParameters): Promise<WriteResult<FinalizedView>> {
  const { launch, offering } = await saleOf(context, params.model);
  const receipt = await send(context, await offering.finalize.populateTransaction(), "Finalising");
  const { args } = findEvent(receipt, offeringInterface, launch.offering, "Finalized");
  return {
    receipt,
    result: {
      status: statusName(args.status),
      raised: args.raised as bigint,
      accepted: args.accepted as bigint,
      tokensSold: args.tokensSold as bigint,
      fee: args.fee as bigint,
    },
  };
}

/** Parameters of {@link prepareSettle} and {@link settle}. */
export interface SettleParameters {
  model: ModelRef;
  /** Whose deposit to settle; the signer by default. Anyone (a keeper) may settle anyone: the tokens and refund go to the depositor. */
  account?: string;
}

/**
 * Builds a settlement without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareSettle({ model: "face-landmark-68", account: investor });
 */
export async function prepareSettle(context: OfferingContext, params: SettleParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  const account = params.account === undefined ? await signerAddress(context, "Settling") : address(params.account, "account");
  return offering.settle.populateTransaction(account);
}

/**
 * Settles a deposit once the sale is over (finalising it first if nobody has): the depositor receives its
 * tokens and refund. A keeper may settle other people's deposits; nothing can go anywhere but to them.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.settle({ model: "face-landmark-68" });
 * console.log(`received ${result.tokens} tokens and ${result.refund} back`);
 */
export async function settle(context: OfferingContext, params: SettleParameters): Promise<WriteResult<SettlementView>> {
  const { launch } = await saleOf(context, params.model);
  const receipt = await send(context, await prepareSettle(context, params), "Settling");
  return { receipt, result: settlementOf(receipt, launch.offering) };
}

/** Parameters of {@link prepareClaim} and {@link claim}. */
export interface ClaimParameters {
  model: ModelRef;
  /** Where the signer's tokens and refund go. */
  to: string;
}

/**
 * Builds a claim without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareClaim({ model: "face-landmark-68", to: coldWallet });
 */
export async function prepareClaim(context: OfferingContext, params: ClaimParameters): Promise<ContractTransaction> {
  const { launch, offering } = await saleOf(context, params.model);
  const to = address(params.to, "to");
  // The sale refuses both: said here, before anything is signed.
  if (to === ZeroAddress || to === getAddress(launch.offering)) {
    throw new InvalidRecipientError(
      to === ZeroAddress
        ? "Claiming to the zero address would burn the tokens and refund: give an address you control."
        : `Claiming to the sale itself (${to}) would leave the tokens and refund there: give an address you control.`,
    );
  }
  return offering.claim.populateTransaction(to);
}

/**
 * Settles the signer's own deposit, sending its tokens and refund to another address (a cold wallet).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.claim({ model: "face-landmark-68", to: coldWallet });
 */
export async function claim(context: OfferingContext, params: ClaimParameters): Promise<WriteResult<SettlementView>> {
  const { launch } = await saleOf(context, params.model);
  const receipt = await send(context, await prepareClaim(context, params), "Claiming");
  return { receipt, result: settlementOf(receipt, launch.offering) };
}

/**
 * Builds a sweep without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareSweep({ model: "face-landmark-68" });
 */
export async function prepareSweep(context: OfferingContext, params: OfferingParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.sweep.populateTransaction();
}

/**
 * Sends what rounding left in a final sale (model tokens and payment) to the DAO's treasury, once every
 * depositor has settled. Anyone may call it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.sweep({ model: "face-landmark-68" });
 * console.log(result.tokens, result.payment);
 */
export async function sweep(context: OfferingContext, params: OfferingParameters): Promise<WriteResult<SweepView>> {
  const { launch, offering } = await saleOf(context, params.model);
  const receipt = await send(context, await offering.sweep.populateTransaction(), "Sweeping");
  const { args } = findEvent(receipt, offeringInterface, launch.offering, "Swept");
  return { receipt, result: { tokens: args.tokens as bigint, payment: args.payment as bigint } };
}

/**
 * Builds the protocol fee's payout without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.preparePayFee({ model: "face-landmark-68" });
 */
export async function preparePayFee(context: OfferingContext, params: OfferingParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.payFee.populateTransaction();
}

/**
 * Pays the protocol fee a final sale owes to its recipient. Anyone may call it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.payFee({ model: "face-landmark-68" });
 * console.log(`${result.amount} to ${result.recipient}`);
 */
export async function payFee(context: OfferingContext, params: OfferingParameters): Promise<WriteResult<FeePaymentView>> {
  const { launch, offering } = await saleOf(context, params.model);
  const receipt = await send(context, await offering.payFee.populateTransaction(), "Paying the fee");
  const { args } = findEvent(receipt, offeringInterface, launch.offering, "FeePaid");
  return { receipt, result: { recipient: args.recipient as string, amount: args.amount as bigint } };
}

/**
 * Builds a cancellation without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareCancel({ model: "face-landmark-68" });
 */
export async function prepareCancel(context: OfferingContext, params: OfferingParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.cancel.populateTransaction();
}

/**
 * Cancels a sale before it starts, returning its tokens to the DAO's treasury. The team account only.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.cancel({ model: "face-landmark-68" });
 * console.log(result.status); // "Cancelled"
 */
export async function cancel(context: OfferingContext, params: OfferingParameters): Promise<WriteResult<OfferingSummary>> {
  const { launch, offering } = await saleOf(context, params.model);
  const receipt = await send(context, await offering.cancel.populateTransaction(), "Cancelling");
  return { receipt, result: (await readSale(context, launch, assetCache(context))).summary };
}

// ------------------------------------------------------------------------------------------- holdings

/**
 * An account's stake in every launched model: tokens held, votes and delegate, a deposit waiting to be
 * settled (tokens and refund due) or what it was settled with, the vesting wallets it is the beneficiary
 * of, with what they have released and what is releasable now, and the revenue it can claim from each model
 * token. Only models the account has a stake in, has deposited in, or has revenue to claim from are listed.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const portfolio = await client.offering.getPortfolio("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", {
 *   fromBlock: client.deployment.contracts.ModelLaunchFactory.blockNumber,
 * });
 * for (const e of portfolio.entries) console.log(e.slug, e.balance, e.position.tokens, e.vesting.length);
 */
export async function getPortfolio(
  context: OfferingContext,
  account: string,
  options: EventScanOptions = {},
): Promise<Portfolio> {
  const owner = address(account, "account");
  const fromBlock = launchScanStart(context, options.fromBlock);
  const [launches, wallets] = await Promise.all([readLaunches(context), launchedWallets(context, fromBlock)]);
  const settlements = await settlementsOf(context, launches.map((l) => l.offering), owner, fromBlock);
  const assets = assetCache(context);
  const revenueAssets = revenueAssetReader(context);
  const all = await Promise.all(
    launches.map(async (launch): Promise<PortfolioEntry> => {
      const token = ModelToken__factory.connect(launch.token, context.runner);
      const offering = ModelOffering__factory.connect(launch.offering, context.runner);
      const candidates = wallets.get(launch.model) ?? [];
      const [[balance, votes, delegate, tokenSymbol, status, sale], position, owners, revenue] = await Promise.all([
        read(() =>
          Promise.all([
            token.balanceOf(owner),
            token.getVotes(owner),
            token.delegates(owner),
            token.symbol(),
            offering.status(),
            offering.params(),
          ]),
        ),
        readPosition(offering, owner),
        read(() => Promise.all(candidates.map((wallet) => ModelVestingWallet__factory.connect(wallet, context.runner).owner()))),
        readClaimable(context, launch.token, owner, revenueAssets),
      ]);
      const mine = candidates.filter((_, i) => getAddress(owners[i]) === owner);
      const [payment, vesting] = await Promise.all([
        assets(sale.paymentToken),
        Promise.all(mine.map((wallet) => readVesting(context, wallet, launch.token))),
      ]);
      const pendingSettlement = position.deposited > 0n;
      return {
        model: launch.model,
        slug: launch.slug,
        token: launch.token,
        tokenSymbol,
        offering: launch.offering,
        status: statusName(status),
        payment,
        balance,
        votes,
        delegate: delegate === ZeroAddress ? undefined : delegate,
        position,
        pendingSettlement,
        settled: settlements.get(launch.offering),
        vesting,
        totalTokens: balance + (pendingSettlement ? position.tokens : 0n) + vesting.reduce((sum, v) => sum + v.balance, 0n),
        revenue,
      };
    }),
  );
  const entries = all.filter(
    (e) =>
      e.balance > 0n ||
      e.votes > 0n ||
      e.position.deposited > 0n ||
      e.settled !== undefined ||
      e.vesting.length > 0 ||
      e.revenue.some((r) => r.amount > 0n),
  );
  const refunds = new Map<string, AssetAmount>();
  for (const e of entries) {
    if (!e.pendingSettlement || e.position.refund === 0n) continue;
    const entry = refunds.get(e.payment.address) ?? { asset: e.payment, amount: 0n };
    entry.amount += e.position.refund;
    refunds.set(e.payment.address, entry);
  }
  const claimable = new Map<string, RevenueAmount>();
  for (const { asset, amount } of entries.flatMap((e) => e.revenue)) {
    if (amount === 0n) continue;
    const entry = claimable.get(asset.address) ?? { asset, amount: 0n };
    entry.amount += amount;
    claimable.set(asset.address, entry);
  }
  return {
    account: owner,
    entries,
    totals: {
      models: entries.length,
      pendingSettlements: entries.filter((e) => e.pendingSettlement).length,
      refundsDue: [...refunds.values()],
      vestingWallets: entries.reduce((sum, e) => sum + e.vesting.length, 0),
      claimableRevenue: [...claimable.values()],
    },
  };
}

/** Parameters of {@link prepareDelegate} and {@link delegate}. */
export interface DelegateParameters {
  model: ModelRef;
  /** Who votes with the signer's tokens; the signer itself by default (tokens vote only once delegated). */
  to?: string;
}

/**
 * Builds a delegation of the signer's model-token votes without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareDelegate({ model: "face-landmark-68" });
 */
export async function prepareDelegate(context: OfferingContext, params: DelegateParameters): Promise<ContractTransaction> {
  const launch = await findLaunch(context, params.model);
  const to = params.to === undefined ? await signerAddress(context, "Delegating") : address(params.to, "to");
  return ModelToken__factory.connect(launch.token, context.runner).delegate.populateTransaction(to);
}

/**
 * Delegates the signer's votes in a model's DAO: to itself by default, which is how held tokens start to
 * count as votes, or to someone who votes for it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.delegate({ model: "face-landmark-68" });
 * console.log(`${result.delegate} now has ${result.votes} votes`);
 */
export async function delegate(context: OfferingContext, params: DelegateParameters): Promise<WriteResult<DelegationView>> {
  const launch = await findLaunch(context, params.model);
  const account = await signerAddress(context, "Delegating");
  const to = params.to === undefined ? account : address(params.to, "to");
  const token = ModelToken__factory.connect(launch.token, context.runner);
  const receipt = await send(context, await token.delegate.populateTransaction(to), "Delegating");
  return { receipt, result: { account, delegate: to, votes: await read(() => token.getVotes(to)) } };
}

/** Parameters of {@link prepareDelegateVesting} and {@link delegateVesting}. */
export interface DelegateVestingParameters extends EventScanOptions {
  /** The vesting wallet; the signer must be its beneficiary. */
  wallet: string;
  /** Who votes with the tokens still in the wallet; the signer by default. */
  to?: string;
  /** The model token in the wallet; found from the launch that created the wallet when not given. */
  token?: string;
}

/**
 * Builds a delegation of a vesting wallet's votes without sending it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const transaction = await client.offering.prepareDelegateVesting({ wallet, to: beneficiary });
 */
export async function prepareDelegateVesting(
  context: OfferingContext,
  params: DelegateVestingParameters,
): Promise<ContractTransaction> {
  const wallet = address(params.wallet, "wallet");
  const token = params.token === undefined ? await tokenOfWallet(context, wallet, launchScanStart(context, params.fromBlock)) : address(params.token, "token");
  const to = params.to === undefined ? await signerAddress(context, "Delegating") : address(params.to, "to");
  return ModelVestingWallet__factory.connect(wallet, context.runner).delegate.populateTransaction(token, to);
}

/**
 * Delegates the votes of the tokens still locked in a vesting wallet (beneficiary only), so a team votes
 * with its stake before it vests.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const [mine] = (await client.offering.getPortfolio(me)).entries[0].vesting;
 * const { result } = await client.offering.delegateVesting({ wallet: mine.wallet, to: me });
 */
export async function delegateVesting(
  context: OfferingContext,
  params: DelegateVestingParameters,
): Promise<WriteResult<DelegationView>> {
  const wallet = address(params.wallet, "wallet");
  const token = params.token === undefined ? await tokenOfWallet(context, wallet, launchScanStart(context, params.fromBlock)) : address(params.token, "token");
  const to = params.to === undefined ? await signerAddress(context, "Delegating") : address(params.to, "to");
  const receipt = await send(context, await prepareDelegateVesting(context, { wallet, token, to }), "Delegating");
  const votes = await read(() => ModelToken__factory.connect(token, context.runner).getVotes(to));
  return { receipt, result: { account: wallet, delegate: to, votes } };
}

/** Parameters of {@link releaseVesting}. */
export interface ReleaseVestingParameters extends EventScanOptions {
  wallet: string;
  /** The model token in the wallet; found from the launch that created the wallet when not given. */
  token?: string;
}

/**
 * Releases the vested tokens of a vesting wallet to its beneficiary. Anyone may call it.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const { result } = await client.offering.releaseVesting({ wallet });
 * console.log(`${result} tokens released`);
 */
export async function releaseVesting(context: OfferingContext, params: ReleaseVestingParameters): Promise<WriteResult<bigint>> {
  const wallet = address(params.wallet, "wallet");
  const token = params.token === undefined ? await tokenOfWallet(context, wallet, launchScanStart(context, params.fromBlock)) : address(params.token, "token");
  const vesting = ModelVestingWallet__factory.connect(wallet, context.runner);
  const receipt = await send(context, await vesting["release(address)"].populateTransaction(token), "Releasing");
  const { args } = findEvent(receipt, vestingInterface, wallet, "ERC20Released");
  return { receipt, result: args.amount as bigint };
}

// ------------------------------------------------------------------------------------------- helpers

/** One launch as the factory records it, with the model's slug. */
interface LaunchRecord {
  model: bigint;
  slug: string;
  token: string;
  offering: string;
  governor: string;
  timelock: string;
}

interface SaleRead {
  summary: OfferingSummary;
  params: SaleParamsView;
  totals: OfferingTotals;
}

type AssetReader = (address: string) => Promise<PaymentAsset>;

function read<T>(action: () => Promise<T>): Promise<T> {
  return withDecodedReverts(interfaces, action);
}

async function findLaunch(context: OfferingContext, model: ModelRef): Promise<LaunchRecord> {
  const info = await getModel(context, model);
  const launch = await read(() => context.factory.launchOf(info.id));
  if (launch.offering === ZeroAddress) {
    throw new OfferingNotFoundError(`${info.slug} (model #${info.id}) has not been launched: it has no offering.`);
  }
  return {
    model: info.id,
    slug: info.slug,
    token: launch.token,
    offering: launch.offering,
    governor: launch.governor,
    timelock: launch.timelock,
  };
}

async function saleOf(context: OfferingContext, model: ModelRef): Promise<{ launch: LaunchRecord; offering: ModelOffering }> {
  const launch = await findLaunch(context, model);
  return { launch, offering: ModelOffering__factory.connect(launch.offering, context.runner) };
}

async function readLaunches(context: OfferingContext): Promise<LaunchRecord[]> {
  const count = Number(await read(() => context.factory.launchCount()));
  const pages: Promise<bigint[]>[] = [];
  for (let offset = 0; offset < count; offset += LAUNCH_PAGE) {
    pages.push(read(() => context.factory.launchedModels(offset, LAUNCH_PAGE)));
  }
  const models = (await Promise.all(pages)).flat();
  return Promise.all(
    models.map(async (model) => {
      const [launch, info] = await Promise.all([read(() => context.factory.launchOf(model)), getModel(context, model)]);
      return {
        model,
        slug: info.slug,
        token: launch.token,
        offering: launch.offering,
        governor: launch.governor,
        timelock: launch.timelock,
      };
    }),
  );
}

async function readSale(context: OfferingContext, launch: LaunchRecord, assets: AssetReader): Promise<SaleRead> {
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const token: ModelToken = ModelToken__factory.connect(launch.token, context.runner);
  const [sale, status, totals, tokenName, tokenSymbol] = await read(() =>
    Promise.all([offering.params(), offering.status(), offering.totals(), token.name(), token.symbol()]),
  );
  const payment = await assets(sale.paymentToken);
  const params = toParams(sale);
  const current = statusName(status);
  return {
    summary: {
      model: launch.model,
      slug: launch.slug,
      token: launch.token,
      tokenName,
      tokenSymbol,
      offering: launch.offering,
      payment,
      status: current,
      finalised: isFinalStatus(current),
      raised: totals.deposits,
      softCap: params.softCap,
      hardCap: params.hardCap,
      price: params.price,
      tokensForSale: params.tokensForSale,
      start: params.start,
      end: params.end,
    },
    params,
    totals: {
      deposits: totals.deposits,
      settled: totals.settled,
      accepted: totals.accepted,
      tokensSold: totals.tokensSold,
      feeOwed: totals.feeOwed,
    },
  };
}

function toParams(sale: IModelOffering.SaleParamsStructOutput): SaleParamsView {
  return {
    paymentToken: sale.paymentToken,
    tokensForSale: sale.tokensForSale,
    price: sale.price,
    softCap: sale.softCap,
    hardCap: sale.hardCap,
    walletCap: sale.walletCap,
    merkleRoot: BigInt(sale.merkleRoot) === 0n ? undefined : sale.merkleRoot,
    start: new Date(Number(sale.start) * 1000),
    end: new Date(Number(sale.end) * 1000),
  };
}

async function readPosition(offering: ModelOffering, account: string): Promise<PositionView> {
  const [deposited, tokens, refund] = await read(() => offering.position(account));
  return { account, deposited, tokens, refund };
}

/** Payment assets read once per action, however many sales share them. */
function assetCache(context: OfferingContext): AssetReader {
  const cache = new Map<string, Promise<PaymentAsset>>();
  return (asset) => {
    let found = cache.get(asset);
    if (!found) {
      found = readAsset(context, asset);
      cache.set(asset, found);
    }
    return found;
  };
}

async function readAsset(context: OfferingContext, asset: string): Promise<PaymentAsset> {
  if (asset === ZeroAddress) return ETH;
  const token = IPaymentToken__factory.connect(asset, context.runner);
  const [symbol, decimals] = await Promise.all([
    token.symbol().catch(() => undefined),
    token.decimals().catch((cause: unknown) => {
      throw new SdkError(`The sale's payment token ${asset} does not say its decimals, so amounts in it cannot be read.`, { cause });
    }),
  ]);
  return { address: asset, symbol: symbol || `${asset.slice(0, 8)}…`, decimals: Number(decimals), isEth: false };
}

async function readVesting(context: OfferingContext, wallet: string, tokenAddress: string): Promise<VestingWalletView> {
  const vesting = ModelVestingWallet__factory.connect(wallet, context.runner);
  const token = ModelToken__factory.connect(tokenAddress, context.runner);
  const [beneficiary, start, cliff, end, balance, released, releasable, delegatee] = await read(() =>
    Promise.all([
      vesting.owner(),
      vesting.start(),
      vesting.cliff(),
      vesting.end(),
      token.balanceOf(wallet),
      vesting["released(address)"](tokenAddress),
      vesting["releasable(address)"](tokenAddress),
      token.delegates(wallet),
    ]),
  );
  const date = (seconds: bigint) => new Date(Number(seconds) * 1000);
  return {
    wallet,
    beneficiary,
    start: date(start),
    cliff: date(cliff),
    end: date(end),
    balance,
    released,
    releasable,
    delegate: delegatee === ZeroAddress ? undefined : delegatee,
  };
}

/** The vesting wallets of each launch (of `model` only, when given), from the factory's `ModelLaunched` events. */
async function launchedWallets(context: OfferingContext, fromBlock = 0, model?: bigint): Promise<Map<bigint, string[]>> {
  const events = await read(() => context.factory.queryFilter(context.factory.filters.ModelLaunched(model), fromBlock));
  const wallets = new Map<bigint, string[]>();
  for (const event of events) wallets.set(event.args.model, [...event.args.vestingWallets]);
  return wallets;
}

/** What `account`'s deposits were settled with, per sale, from the sales' `Settled` events. */
async function settlementsOf(
  context: OfferingContext,
  offerings: string[],
  account: string,
  fromBlock = 0,
): Promise<Map<string, SettlementView>> {
  const found = new Map<string, SettlementView>();
  const provider = context.runner.provider;
  if (offerings.length === 0 || !provider) return found;
  const event = offeringInterface.getEvent("Settled")!;
  const logs = await read(() =>
    provider.getLogs({
      address: offerings,
      topics: [event.topicHash, zeroPadValue(account, 32)],
      fromBlock,
    }),
  );
  for (const log of logs) {
    const { args } = offeringInterface.parseLog(log)!;
    found.set(getAddress(log.address), {
      account: args.account as string,
      to: args.to as string,
      caller: args.caller as string,
      tokens: args.tokens as bigint,
      refund: args.refund as bigint,
    });
  }
  return found;
}

async function tokenOfWallet(context: OfferingContext, wallet: string, fromBlock?: number): Promise<string> {
  const events = await read(() => context.factory.queryFilter(context.factory.filters.ModelLaunched(), fromBlock ?? 0));
  const launch = events.find((event) => event.args.vestingWallets.some((w) => getAddress(w) === wallet));
  if (!launch) throw new SdkError(`${wallet} is not a vesting wallet of any launch of this factory.`);
  return launch.args.token;
}

function toUnits(amount: bigint | string, payment: PaymentAsset, options: { allowZero?: boolean } = {}): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, payment.decimals);
  if (value < 0n || (value === 0n && !options.allowZero)) {
    throw new InvalidAmountError(`The amount must be more than zero ${payment.symbol}.`);
  }
  return value;
}

function proofFor(merkleRoot: string, account: string, params: BuyParameters): string[] {
  if (params.proof) return params.proof;
  if (!params.allowlist || BigInt(merkleRoot) === 0n) return [];
  if (params.allowlist.root.toLowerCase() !== merkleRoot.toLowerCase()) {
    throw new AllowlistError(`The allowlist's root ${params.allowlist.root} is not the sale's, ${merkleRoot}: it is another list.`);
  }
  return params.allowlist.proof(account);
}

function send(context: OfferingContext, transaction: ContractTransaction, what: string): Promise<TransactionReceipt> {
  return sendTransaction(context, transaction, what, read);
}

function findEvent(receipt: TransactionReceipt, iface: Interface, emitter: string, name: string): LogDescription {
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(emitter)) continue;
    let parsed: LogDescription | null = null;
    try {
      parsed = iface.parseLog(log);
    } catch {
      parsed = null;
    }
    if (parsed?.name === name) return parsed;
  }
  throw new SdkError(`The transaction ${receipt.hash} succeeded but emitted no ${name} event.`);
}

function settlementOf(receipt: TransactionReceipt, offering: string): SettlementView {
  const { args } = findEvent(receipt, offeringInterface, offering, "Settled");
  return {
    account: args.account as string,
    to: args.to as string,
    caller: args.caller as string,
    tokens: args.tokens as bigint,
    refund: args.refund as bigint,
  };
}
