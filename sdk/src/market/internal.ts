import { AbiCoder, Contract, type ContractRunner, type Interface, ZeroAddress } from "ethers";

import {
  BondingCurve__factory,
  LiquidityLock__factory,
  ModelOffering__factory,
  ModelToken__factory,
} from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { UnknownRevertError } from "../errors.js";
import { curveOfLaunch, curvePrices, curveStatusName, priceAt, readGraduation } from "../curve/internal.js";
import type { CurveStatus } from "../curve/types.js";
import { findLaunch, type LaunchKind, type LaunchRecord } from "../launches.js";
import { moduleIo } from "../module.js";
import { readAsset } from "../offering/internal.js";
import { readOfferingPool } from "../offering/pool.js";
import { statusName } from "../offering/status.js";
import type { OfferingPoolView, OfferingStatus } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";
import { UNISWAP_V2_PAIR_ABI, UNISWAP_V2_ROUTER_ABI } from "./abi.js";
import { MarketNoPoolError, MarketUnavailableError, SwapExpiredError, SwapInsufficientOutputError } from "./errors.js";
import type { QuoteAsset } from "./types.js";

// What the market's actions share: a model's pool found through its launch (a sale's or a bonding curve's), the quote asset, the Uniswap V2 contracts
// (by the published ABI fragments in abi.ts), and the router's refusals in words. Internal: not exported from the SDK.

export const lockInterface: Interface = LiquidityLock__factory.createInterface();

// The market's reads and writes reach the sale or the curve, the model token (and ERC-20s, whose OpenZeppelin errors it also
// decodes) and the liquidity lock.
export const io = moduleIo([
  ModelOffering__factory.createInterface(),
  BondingCurve__factory.createInterface(),
  ModelToken__factory.createInterface(),
  lockInterface,
]);

/**
 * A model's pool through its launch: the launch, how it opens the pool (a sale's finalisation or a curve's
 * graduation), the pool as that contract knows it, the quote asset, the price the pool opens at, and the launch's
 * status now.
 */
export interface MarketRecord {
  launch: LaunchRecord;
  kind: LaunchKind;
  pool: OfferingPoolView;
  quote: QuoteAsset;
  /** The price the pool opens at: the sale's, or the curve's final price (its price now until it graduates). */
  openingPrice: bigint;
  status: OfferingStatus | CurveStatus;
}

/**
 * A model's pool, whichever launch kind opens it (`factory.kindOf`): a sale's pool, or a bonding curve's; a sale that
 * opens no pool is refused with {@link MarketNoPoolError}.
 */
export async function marketOf(context: ProtocolContext, model: ModelRef, fromBlock: number): Promise<MarketRecord> {
  const launch = await findLaunch(context, model, "no pool");
  return launch.kind === "curve" ? curveMarketOf(context, launch, fromBlock) : saleMarketOf(context, launch, fromBlock);
}

async function saleMarketOf(context: ProtocolContext, launch: LaunchRecord, fromBlock: number): Promise<MarketRecord> {
  const offering = ModelOffering__factory.connect(launch.offering, context.runner);
  const config = await io.read(() => offering.config());
  const pool = await readOfferingPool(offering, config, fromBlock);
  if (!pool) {
    throw new MarketNoPoolError(
      `${launch.slug}'s sale opens no pool: its launch gave no liquidity section, so the model token has no market here.`,
    );
  }
  const [market, status] = await io.read(() => Promise.all([offering.market(), offering.status()]));
  const quote = await quoteAssetOf(context, config.sale.paymentToken, market.weth);
  return { launch, kind: "offering", pool, quote, openingPrice: config.sale.price, status: statusName(status) };
}

/** A curve's pool: its terms at launch, its address, and what graduation did, from the curve's events. */
async function curveMarketOf(context: ProtocolContext, launch: LaunchRecord, fromBlock: number): Promise<MarketRecord> {
  const { curve, config } = await curveOfLaunch(context, launch);
  const [pair, market, status, [reserve, onCurve]] = await io.read(() =>
    Promise.all([curve.pool(), curve.market(), curve.status(), curve.state()]),
  );
  const graduation = await readGraduation(curve, fromBlock);
  const statusName = curveStatusName(status);
  const terms = config.curve;
  const pool: OfferingPoolView = {
    // A curve pairs its whole reserve with the tokens left at its final price.
    terms: { reserve: config.reserveTokens, proceedsBps: 10_000, lockDuration: Number(terms.lockDuration) },
    pair,
    lock: market.lock,
    opened: graduation.graduated,
    notOpened: graduation.notOpened,
  };
  const quote = await quoteAssetOf(context, terms.paymentToken, market.weth);
  const openingPrice = statusName === "Graduated" ? curvePrices(terms).final : priceAt(terms, reserve, onCurve);
  return { launch, kind: "curve", pool, quote, openingPrice, status: statusName };
}

/** The asset a pool quotes in: the payment ERC-20, or WETH for ETH (shown as ETH, which the router wraps). */
async function quoteAssetOf(context: ProtocolContext, payment: string, weth: string): Promise<QuoteAsset> {
  const asset = await readAsset(context, payment);
  return payment === ZeroAddress ? { ...asset, address: weth } : asset;
}

/** The pair at `address`, by the published ABI. */
export function pairAt(address: string, runner: ContractRunner): Contract {
  return new Contract(address, UNISWAP_V2_PAIR_ABI, runner);
}

/** Uniswap V2's router, from the deployments file; a file without it is refused with {@link MarketUnavailableError}. */
export function routerOf(context: ProtocolContext): Contract {
  const router = context.deployment?.contracts.UniswapV2Router02;
  if (!router) {
    throw new MarketUnavailableError(
      "The deployment does not record Uniswap V2's router (UniswapV2Router02), so swaps cannot be routed.",
      { details: "Deploy the protocol again, or add the chain's router to the deployments file." },
    );
  }
  return new Contract(router.address, UNISWAP_V2_ROUTER_ABI, context.runner);
}

/** The router address the deployment records, if any. */
export function routerAddress(context: ProtocolContext): string | undefined {
  return context.deployment?.contracts.UniswapV2Router02?.address;
}

const ERROR_STRING = "0x08c379a0";

/** The reason string of a revert (`Error(string)`), when the SDK error carries one. */
function reasonString(error: unknown): string | undefined {
  if (!(error instanceof UnknownRevertError) || !error.data?.startsWith(ERROR_STRING)) return undefined;
  try {
    return AbiCoder.defaultAbiCoder().decode(["string"], `0x${error.data.slice(10)}`)[0] as string;
  } catch {
    return undefined;
  }
}

/**
 * Runs a router call and rethrows its refusals in words: too little out for the slippage bound, a deadline passed,
 * or a pool without liquidity; other reverts as the module decodes them.
 */
export async function viaRouter<T>(action: () => Promise<T>, minimum?: string): Promise<T> {
  try {
    return await io.read(action);
  } catch (error) {
    const reason = reasonString(error);
    if (reason?.endsWith("INSUFFICIENT_OUTPUT_AMOUNT")) {
      throw new SwapInsufficientOutputError(
        `The swap would pay out less than the minimum${minimum ? ` of ${minimum}` : ""}: the price moved further than the slippage bound allows. Quote again, or allow more slippage.`,
        { cause: error, details: reason },
      );
    }
    if (reason?.endsWith("EXPIRED")) {
      throw new SwapExpiredError(
        "The swap was mined after its deadline, so the router refused it: send it again with a later deadline.",
        { cause: error, details: reason },
      );
    }
    if (reason?.endsWith("INSUFFICIENT_LIQUIDITY")) {
      throw new MarketNoPoolError("The pool holds no liquidity to swap against.", { cause: error, details: reason });
    }
    throw error;
  }
}
