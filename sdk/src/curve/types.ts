import type { ContractTransaction, TransactionReceipt } from "ethers";

import type { ProtocolContext } from "../context.js";
import type { PaymentAsset, PoolOpenedView } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";

/** What the curve actions work with. */
export type CurveContext = ProtocolContext;

/**
 * Where a curve stands, as `IBondingCurve.Status` names it: `Trading` until the target or the deadline, `Graduating`
 * once the target is reached (anyone may graduate it), `Graduated` once its pool opened (or failed to and everything
 * went to the treasury), `Refunding` past the deadline without graduation (buyers sell back without fee).
 */
export type CurveStatus = "Trading" | "Graduating" | "Graduated" | "Refunding";

/** A curve's terms, fixed at launch. Amounts are in smallest units (the model token has 18 decimals). */
export interface CurveTermsView {
  /** Model token units the curve sells, and those it holds beside them for its pool. */
  tokensForCurve: bigint;
  reserveTokens: bigint;
  /** The virtual quote reserve `V`: the opening price is `V / tokensForCurve`. */
  virtualQuote: bigint;
  /** The real quote reserve at which the curve stops trading and graduates. */
  targetQuote: bigint;
  /** The trading fee, and the fee in the launch block falling to it over `openingBlocks` blocks, in basis points. */
  feeBps: number;
  openingFeeBps: number;
  openingBlocks: number;
  /** Whether the fees go to the token's holders as revenue (else to the treasury). */
  feesToHolders: boolean;
  /** When buying stops if the target has not been reached. */
  deadline: Date;
  /** Seconds the pool shares stay locked for the treasury from graduation. */
  lockDuration: number;
  /** The block the curve was launched in, from which the opening fee falls. */
  launchBlock: bigint;
}

/** What graduation put into the pool, from the curve's `Graduated` event. */
export type CurveGraduationView = PoolOpenedView;

/** A model's bonding curve: {@link getCurve}. Prices are in quote units per whole model token. */
export interface CurveView {
  model: bigint;
  slug: string;
  /** The model token's address and symbol (18 decimals). */
  token: string;
  tokenSymbol: string;
  /** The curve contract. */
  curve: string;
  /** The model DAO's treasury (its timelock): fees (unless to holders), leftovers and reclaimed tokens go there. */
  treasury: string;
  status: CurveStatus;
  /** What the curve is paid in: ETH, or an ERC-20. */
  payment: PaymentAsset;
  terms: CurveTermsView;
  /** The price now, `(V + R) / S`; the opening price `V / N`; the final price at the target, `(V + target) / S_final`. */
  price: bigint;
  openingPrice: bigint;
  finalPrice: bigint;
  /** The real quote reserve (0 once graduated: it went into the pool). */
  reserve: bigint;
  /** Model token units still on the curve, and those sold (net of sales back). */
  tokensOnCurve: bigint;
  tokensSold: bigint;
  /** Fees accrued and not yet collected; ETH refunds credited and not yet withdrawn. */
  fees: bigint;
  credits: bigint;
  /** The reserve as a share of the target, in basis points rounded down (10,000 once the target is reached). */
  progressBps: number;
  /**
   * The fee of a trade now, the opening fee included, in basis points (0 while refunding): the latest block's rate. A
   * trade sent now is mined in a later block, whose rate is at most this one (the opening fee only falls).
   */
  currentFeeBps: number;
  deadline: Date;
  /** The pool the curve graduates into: its address (known from launch), whether the pair exists, what entered it. */
  pool: {
    pair: string;
    exists: boolean;
    /** The liquidity lock its shares are locked in. */
    lock: string;
    graduated?: CurveGraduationView;
    /** Why graduation could not open the pool, when it could not (everything went to the treasury). */
    notOpened?: { reason: string; message?: string };
  };
  /** The account read (the signer by default): what it bought and may sell back, and its credited ETH refunds. */
  account?: { address: string; bought: bigint; credit: bigint };
}

/** A curve launch as {@link listCurves} shows it. */
export interface CurveSummary {
  model: bigint;
  slug: string;
  token: string;
  tokenSymbol: string;
  curve: string;
  status: CurveStatus;
  payment: PaymentAsset;
  reserve: bigint;
  targetQuote: bigint;
  progressBps: number;
  price: bigint;
  deadline: Date;
}

/** A trade's direction: `buy` pays the quote asset for model tokens, `sell` sells model tokens back for it. */
export type CurveSide = "buy" | "sell";

/** Parameters of {@link quoteCurve}. */
export interface CurveQuoteParameters {
  model: ModelRef;
  side: CurveSide;
  /** What is paid in: the quote asset for `buy` (e.g. "0.5" ETH), model tokens for `sell`; whole units as a string. */
  amount: bigint | string;
  /** The most the price may move against the trade before it reverts, in basis points: 100 (1%) by default. */
  maxSlippageBps?: number;
}

/** What a trade on the curve would do now: {@link quoteCurve}. */
export interface CurveQuote {
  side: CurveSide;
  curve: string;
  assetIn: PaymentAsset;
  assetOut: PaymentAsset;
  amountIn: bigint;
  /** What the curve pays out now (after the fee, for a sale), and the least the trade accepts under the bound. */
  amountOut: bigint;
  amountOutMin: bigint;
  maxSlippageBps: number;
  /** The fee taken, in the quote asset, and the fee rate now in basis points. */
  fee: bigint;
  feeBps: number;
  /** The part of a buy above the target, given back in the same call. */
  refund: bigint;
  /** The price before and after the trade. */
  priceBefore: bigint;
  priceAfter: bigint;
  /** Whether the buy fills the curve to its target (trading then stops; anyone may graduate it). */
  reachesTarget: boolean;
}

/** Parameters of a buy or a sale on the curve. */
export interface CurveTradeParameters extends CurveQuoteParameters {
  /** Seconds from the latest block the trade may still be mined in: 20 minutes by default. */
  deadlineSeconds?: number;
  /** A trade built already (and shown to whoever approves it): sent as it is instead of quoting again. */
  prepared?: PreparedCurveTrade;
}

/** What {@link prepareBuyFromCurve} and {@link prepareSellToCurve} return: the transactions in order and their quote. */
export interface PreparedCurveTrade {
  /** An approval first when the curve's allowance is short (an ERC-20 payment, or tokens sold back), then the trade. */
  transactions: ContractTransaction[];
  quote: CurveQuote;
  /** The trade's deadline (unix seconds). */
  deadline: number;
}

/** What a buy or a sale on the curve did, from its `Bought` or `Sold` event. */
export interface CurveTradeResult {
  quote: CurveQuote;
  /** What went in (a buy's payment less its refund) and came out (after the fee, for a sale). */
  amountIn: bigint;
  amountOut: bigint;
  fee: bigint;
  refund: bigint;
  /** Whether the buy reached the target. */
  reachedTarget: boolean;
  receipt: TransactionReceipt;
  approval?: TransactionReceipt;
}

/** Parameters of the actions on one curve: graduate, collect fees, reclaim. */
export interface CurveParameters {
  model: ModelRef;
}

/** Parameters of {@link prepareWithdrawCurveCredit} and {@link withdrawCurveCredit}. */
export interface CurveWithdrawParameters extends CurveParameters {
  /** Where the credited ETH refunds go: the signer by default. */
  to?: string;
}

/** What {@link graduateCurve} did: the pool opened (and its lock), or why it could not. */
export interface CurveGraduatedView {
  pair: string;
  graduated?: CurveGraduationView;
  notOpened?: { reason: string; message?: string };
}

/** What {@link collectCurveFees} did: the fees, and whether they went to the holders as revenue or the treasury. */
export interface CurveFeesView {
  recipient: string;
  amount: bigint;
  asRevenue: boolean;
}
