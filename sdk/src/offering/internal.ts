import { getAddress, ZeroAddress, zeroPadValue, type Interface, type Result } from "ethers";

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
import type { ProtocolContext } from "../context.js";
import { SdkError } from "../errors.js";
import { findLaunch, type LaunchRecord } from "../launches.js";
import { moduleIo } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import { isFinalStatus, statusName } from "./status.js";
import { OfferingIsCurveError } from "./errors.js";
import type {
  OfferingSummary,
  OfferingTotals,
  PaymentAsset,
  PositionView,
  SaleParamsView,
  SettlementView,
  VestingWalletView,
} from "./types.js";

// What the offering's actions share: the interfaces a revert is decoded with, a launched model's sale, its terms
// and totals, positions, payment assets, vesting wallets and settlements. Internal: not exported from the SDK.

export const offeringInterface: Interface = ModelOffering__factory.createInterface();

// Every contract an offering action may reach: a revert from any of them is decoded to its named error. The
// model token's interface also decodes OpenZeppelin ERC-20 payment tokens' errors (allowance, balance, permit).
export const io = moduleIo([
  offeringInterface,
  ModelLaunchFactory__factory.createInterface(),
  ModelToken__factory.createInterface(),
  ModelVestingWallet__factory.createInterface(),
  ModelGovernor__factory.createInterface(),
  ModelTimelock__factory.createInterface(),
  ModelRegistry__factory.createInterface(),
]);

const ETH: PaymentAsset = { address: ZeroAddress, symbol: "ETH", decimals: 18, isEth: true };

/** A launched model's sale; a model without one is refused with `OfferingNotFoundError`. */
export async function saleOf(
  context: ProtocolContext,
  model: ModelRef,
): Promise<{ launch: LaunchRecord; offering: ModelOffering }> {
  const launch = await findLaunch(context, model, "no offering");
  if (launch.kind === "curve") {
    throw new OfferingIsCurveError(
      `${launch.slug} launched on a bonding curve (${launch.offering}), not through a sale: read it with client.curve.show, and trade it with client.curve.buy and sell.`,
    );
  }
  return { launch, offering: ModelOffering__factory.connect(launch.offering, context.runner) };
}

/** A sale as it stands: its summary, terms and totals. */
export interface SaleRead {
  summary: OfferingSummary;
  params: SaleParamsView;
  totals: OfferingTotals;
}

/** Reads a payment asset's symbol and decimals. */
export type AssetReader = (address: string) => Promise<PaymentAsset>;

export async function readSale(context: ProtocolContext, launch: LaunchRecord, assets: AssetReader): Promise<SaleRead> {
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const token: ModelToken = ModelToken__factory.connect(launch.token, context.runner);
  const [sale, status, totals, tokenName, tokenSymbol] = await io.read(() =>
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

export async function readPosition(offering: ModelOffering, account: string): Promise<PositionView> {
  const [deposited, tokens, refund] = await io.read(() => offering.position(account));
  return { account, deposited, tokens, refund };
}

/** Payment assets read once per action, however many sales share them. */
export function assetCache(context: ProtocolContext): AssetReader {
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

export async function readAsset(context: ProtocolContext, asset: string): Promise<PaymentAsset> {
  if (asset === ZeroAddress) return ETH;
  const token = IPaymentToken__factory.connect(asset, context.runner);
  const [symbol, decimals] = await Promise.all([
    token.symbol().catch(() => undefined),
    token.decimals().catch((cause: unknown) => {
      throw new SdkError(
        `The sale's payment token ${asset} does not say its decimals, so amounts in it cannot be read.`,
        { cause },
      );
    }),
  ]);
  return { address: asset, symbol: symbol || `${asset.slice(0, 8)}…`, decimals: Number(decimals), isEth: false };
}

export async function readVesting(
  context: ProtocolContext,
  wallet: string,
  tokenAddress: string,
): Promise<VestingWalletView> {
  const vesting = ModelVestingWallet__factory.connect(wallet, context.runner);
  const token = ModelToken__factory.connect(tokenAddress, context.runner);
  const [beneficiary, start, cliff, end, balance, released, releasable, delegatee] = await io.read(() =>
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
export async function launchedWallets(
  context: ProtocolContext,
  fromBlock = 0,
  model?: bigint,
): Promise<Map<bigint, string[]>> {
  const events = await io.read(() =>
    context.factory.queryFilter(context.factory.filters.ModelLaunched(model), fromBlock),
  );
  const wallets = new Map<bigint, string[]>();
  for (const event of events) wallets.set(event.args.model, [...event.args.vestingWallets]);
  return wallets;
}

/** The model token in a vesting wallet, from the `ModelLaunched` event of the launch that created it. */
export async function tokenOfWallet(context: ProtocolContext, wallet: string, fromBlock?: number): Promise<string> {
  const events = await io.read(() =>
    context.factory.queryFilter(context.factory.filters.ModelLaunched(), fromBlock ?? 0),
  );
  const launch = events.find((event) => event.args.vestingWallets.some((w) => getAddress(w) === wallet));
  if (!launch) throw new SdkError(`${wallet} is not a vesting wallet of any launch of this factory.`);
  return launch.args.token;
}

/** What `account`'s deposits were settled with, per sale, from the sales' `Settled` events. */
export async function settlementsOf(
  context: ProtocolContext,
  offerings: string[],
  account: string,
  fromBlock = 0,
): Promise<Map<string, SettlementView>> {
  const found = new Map<string, SettlementView>();
  const provider = context.runner.provider;
  if (offerings.length === 0 || !provider) return found;
  const event = offeringInterface.getEvent("Settled")!;
  const logs = await io.read(() =>
    provider.getLogs({
      address: offerings,
      topics: [event.topicHash, zeroPadValue(account, 32)],
      fromBlock,
    }),
  );
  for (const log of logs) found.set(getAddress(log.address), toSettlement(offeringInterface.parseLog(log)!.args));
  return found;
}

/** A `Settled` event's arguments as a settlement. */
export function toSettlement(args: Result): SettlementView {
  return {
    account: args.account as string,
    to: args.to as string,
    caller: args.caller as string,
    tokens: args.tokens as bigint,
    refund: args.refund as bigint,
  };
}
