import type { ContractTransaction, TransactionReceipt } from "ethers";

import type { ProtocolContext } from "../context.js";
import type { CurveStatus } from "../curve/types.js";
import type { LaunchKind } from "../launches.js";
import type { OfferingStatus, PaymentAsset, PoolOpenedView, PoolTermsView } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";

/** What the market actions work with: the deployment must record Uniswap V2's router for swaps. */
export type MarketContext = ProtocolContext;

/**
 * The asset a pool quotes the model token in: the sale's payment ERC-20, or WETH for a sale paid in ETH (shown as
 * ETH, which the router wraps and unwraps). `address` is the ERC-20 in the pool (WETH's address for ETH).
 */
export type QuoteAsset = PaymentAsset;

/** A lock of pool shares in the liquidity lock. */
export interface LpLockView {
  id: bigint;
  /** Pool shares locked. */
  amount: bigint;
  /** Who receives them once the lock opens: the model DAO's treasury (its timelock). */
  beneficiary: string;
  unlockAt: Date;
  released: boolean;
}

/** A model token's pool: {@link getMarket}. Amounts are in smallest units (the model token has 18 decimals). */
export interface MarketView {
  model: bigint;
  slug: string;
  /** The model token's address and symbol. */
  token: string;
  tokenSymbol: string;
  /** How the model launched: its sale opens the pool when it succeeds, or its bonding curve when it graduates. */
  kind: LaunchKind;
  /** The sale (or the curve) that opens the pool, and where it stands. */
  offering: string;
  status: OfferingStatus | CurveStatus;
  /**
   * The pool's terms, fixed at launch. For a curve: the tokens it holds for its pool beside those it sells, its whole
   * reserve (`proceedsBps` 10,000) and the lock from graduation.
   */
  terms: PoolTermsView;
  /** The pool's address (known from launch), and whether the pair exists on the chain. */
  pair: string;
  exists: boolean;
  quote: QuoteAsset;
  /** What the pool holds of each side. */
  reserves: { tokens: bigint; quote: bigint };
  /** The pool's price in quote units per whole model token; undefined while the pool is empty. */
  price?: bigint;
  /**
   * The price the pool opens at, in the same units: the sale's price, or a curve's final price (its price now until
   * it graduates).
   */
  salePrice: bigint;
  /** Pool shares in existence. */
  lpSupply: bigint;
  /** The lock of the pool shares the sale (or the curve's graduation) minted, once it has. */
  lock?: LpLockView;
  /** The share of the pool shares still locked (0 once released), in basis points, rounded down. */
  lockedShareBps: number;
  /** Whether the pool's address is excluded from the model token's revenue (the launch excludes it). */
  excluded: boolean;
  /** What the finalisation put into the pool, from the sale's `PoolOpened` event (a curve's `Graduated` event). */
  opened?: PoolOpenedView;
  /** Why the finalisation (graduation) could not open the pool, when it could not (what it held went to the treasury). */
  notOpened?: { reason: string; message?: string };
  /** The Uniswap V2 router swaps go through, when the deployment records it. */
  router?: string;
}

/** A swap's direction: `buy` pays the quote asset for model tokens, `sell` pays model tokens for it. */
export type SwapSide = "buy" | "sell";

/** Parameters of {@link quoteSwap} and {@link prepareSwap}. */
export interface SwapParameters {
  model: ModelRef;
  side: SwapSide;
  /**
   * What is paid in: the quote asset for `buy` (e.g. "1.5" ETH), model tokens for `sell`; a bigint in smallest units,
   * or a string in whole units.
   */
  amount: bigint | string;
  /** The most the price may move against the swap before it reverts, in basis points: 50 (0.5%) by default. */
  maxSlippageBps?: number;
}

/** Parameters of {@link prepareSwap} and {@link swap}. */
export interface SendSwapParameters extends SwapParameters {
  /** Who receives what the swap pays out: the signer by default. */
  to?: string;
  /** Seconds from the latest block the swap may still be mined in: 20 minutes by default. */
  deadlineSeconds?: number;
  /**
   * A swap built already with {@link prepareSwap} (and shown to whoever approves it): sent as it is, with its minimum
   * out and deadline, instead of quoting again.
   */
  prepared?: PreparedSwap;
}

/** What a swap would pay now: {@link quoteSwap}. */
export interface SwapQuote {
  side: SwapSide;
  pair: string;
  router: string;
  /** What is paid in and what comes out, with their symbols and decimals. */
  assetIn: QuoteAsset;
  assetOut: QuoteAsset;
  amountIn: bigint;
  /** What the router would pay out now. */
  amountOut: bigint;
  /** The least the swap accepts: `amountOut` less the slippage bound, rounded down. */
  amountOutMin: bigint;
  maxSlippageBps: number;
  /** The pool's price before the swap and the price the swap gets, in quote units per whole model token. */
  poolPrice: bigint;
  executionPrice: bigint;
  /** The router's path: the ERC-20 addresses from what is paid to what is received. */
  path: string[];
}

/** What {@link prepareSwap} returns: the transactions to send in order and the quote they were built from. */
export interface PreparedSwap {
  /** An approval of what is paid to the router first when the allowance is short, then the swap. */
  transactions: ContractTransaction[];
  quote: SwapQuote;
  /** Who receives what the swap pays out, and the deadline (unix seconds). */
  to: string;
  deadline: number;
}

/** What {@link swap} did. */
export interface SwapResult {
  quote: SwapQuote;
  /** What went in and came out, from the pair's `Swap` event. */
  amountIn: bigint;
  amountOut: bigint;
  to: string;
  receipt: TransactionReceipt;
  approval?: TransactionReceipt;
}
