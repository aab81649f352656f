import type { ContractTransaction, TransactionReceipt } from "ethers";

import type { ProtocolContext } from "../context.js";

/** What the offering actions work with. */
export type OfferingContext = ProtocolContext;

/** Where event scans start: the factory's deployment block is the earliest useful one. */
export interface EventScanOptions {
  /** The block to read launch events from (`deployment.contracts.ModelLaunchFactory.blockNumber`); 0 by default. */
  fromBlock?: number;
}

/**
 * Where a sale stands, as the contract's `Status` enum names it. `Ended` means the window has closed but
 * nobody has finalised yet; `Failed`, `Succeeded`, `Oversubscribed` and `Cancelled` are final.
 */
export type OfferingStatus = "Upcoming" | "Live" | "Ended" | "Failed" | "Succeeded" | "Oversubscribed" | "Cancelled";

/** What a sale is paid in: ETH, or an ERC-20 with its symbol and decimals. */
export interface PaymentAsset {
  /** The ERC-20's address, or the zero address for ETH. */
  address: string;
  /** `ETH`, or the token's symbol. */
  symbol: string;
  decimals: number;
  isEth: boolean;
}

/** An amount of one payment asset. */
export interface AssetAmount {
  asset: PaymentAsset;
  amount: bigint;
}

/** A launched model's sale as {@link listOfferings} shows it. Amounts are in the payment asset's smallest units. */
export interface OfferingSummary {
  model: bigint;
  slug: string;
  /** The model token's address, name and symbol (18 decimals). */
  token: string;
  tokenName: string;
  tokenSymbol: string;
  /** The sale contract. */
  offering: string;
  payment: PaymentAsset;
  status: OfferingStatus;
  /** Whether the outcome is decided for good (Failed, Succeeded, Oversubscribed or Cancelled). */
  finalised: boolean;
  /** Deposits so far. */
  raised: bigint;
  softCap: bigint;
  hardCap: bigint;
  /** Payment units for one whole model token. */
  price: bigint;
  /** Model token units on sale. */
  tokensForSale: bigint;
  start: Date;
  end: Date;
}

/** The sale's terms, fixed at launch. */
export interface SaleParamsView {
  paymentToken: string;
  tokensForSale: bigint;
  price: bigint;
  softCap: bigint;
  hardCap: bigint;
  /** The most one wallet may deposit in total; 0 for no limit. */
  walletCap: bigint;
  /** The allowlist's Merkle root, or undefined for an open sale. */
  merkleRoot?: string;
  start: Date;
  end: Date;
}

/** The sale's running totals, as the contract keeps them. */
export interface OfferingTotals {
  /** Everything deposited. */
  deposits: bigint;
  /** Deposits whose owners have settled. */
  settled: bigint;
  /** The payment kept (0 until finalised). */
  accepted: bigint;
  /** Model tokens sold (0 until finalised). */
  tokensSold: bigint;
  /** The protocol fee not yet paid out. */
  feeOwed: bigint;
}

/** A team member's vesting wallet and where its schedule stands. Token amounts are of the model token. */
export interface VestingWalletView {
  wallet: string;
  /** Who receives released tokens: the wallet's owner. */
  beneficiary: string;
  start: Date;
  /** When the first tokens become releasable. */
  cliff: Date;
  end: Date;
  /** Tokens still in the wallet (vested or not). */
  balance: bigint;
  /** Tokens already released to the beneficiary. */
  released: bigint;
  /** Tokens vested and not yet released. */
  releasable: bigint;
  /** Who votes with the wallet's tokens, or undefined when nobody has been delegated to. */
  delegate?: string;
}

/** Everything about one launched model's sale: {@link getOffering}. */
export interface OfferingView extends OfferingSummary {
  governor: string;
  timelock: string;
  /** The model DAO's timelock, which receives the proceeds, unsold tokens and dust. */
  treasury: string;
  /** The team account that may cancel the sale before it starts. */
  admin: string;
  params: SaleParamsView;
  totals: OfferingTotals;
  /** The protocol fee: its recipient and rate in basis points. */
  fee: { recipient: string; bps: number };
  vestingWallets: VestingWalletView[];
  /** The Uniswap V2 pool the sale opens when it succeeds; undefined for a sale without one. */
  pool?: OfferingPoolView;
}

/**
 * One account's deposit not yet settled, and what it is due for it if the sale closed now (what it gets once
 * the sale is final). All zero once settled: the `Settled` event records what was paid out.
 */
export interface PositionView {
  account: string;
  deposited: bigint;
  /** Model tokens due. */
  tokens: bigint;
  /** Payment to be refunded. */
  refund: bigint;
}

/** What a new deposit would get if the sale closed now with it: {@link quote}. */
export interface QuoteView {
  /** The deposit quoted, in the payment asset's smallest units. */
  amount: bigint;
  payment: PaymentAsset;
  /** Model tokens it would buy (18 decimals), and their symbol. */
  tokens: bigint;
  tokenSymbol: string;
  refund: bigint;
  /** The part of the deposit the sale would keep. */
  accepted: bigint;
  /** Deposits in all, with this one. */
  raised: bigint;
  /** The outcome if the sale closed now with this deposit: Failed, Succeeded, Oversubscribed (or Cancelled). */
  outcome: OfferingStatus;
  /** Where the sale stands now: a deposit is only taken while it is Live. */
  status: OfferingStatus;
}

/** How a purchase is paid: ETH with the call, an ERC-20 approved beforehand, or an ERC-20 with an EIP-2612 permit. */
export type DepositMethod = "depositETH" | "deposit" | "depositWithPermit";

/** What {@link prepareBuy} returns: the transactions to send in order, and how the deposit is paid. */
export interface PreparedBuy {
  /** An approval first when the allowance is short, then the deposit. */
  transactions: ContractTransaction[];
  method: DepositMethod;
  /** The sale contract the deposit goes to. */
  offering: string;
  /** The deposit in the payment asset's smallest units. */
  amount: bigint;
  payment: PaymentAsset;
  /** The allowlist proof sent with the deposit (empty for an open sale). */
  proof: string[];
}

/** What {@link buy} did. */
export interface BuyResult {
  method: DepositMethod;
  /** What the sale received and counted. */
  deposited: bigint;
  /** The account's deposits in all. */
  total: bigint;
  payment: PaymentAsset;
  /** The account's position after the deposit. */
  position: PositionView;
  /** The approval's receipt, when an approval was sent first. */
  approval?: TransactionReceipt;
}

/** The outcome recorded by {@link finalize}. */
export interface FinalizedView {
  status: OfferingStatus;
  raised: bigint;
  accepted: bigint;
  tokensSold: bigint;
  fee: bigint;
}

/** One settlement: `tokens` and `refund` of `account`'s deposit sent to `to`, by `caller`. */
export interface SettlementView {
  account: string;
  to: string;
  caller: string;
  tokens: bigint;
  refund: bigint;
}

/** What {@link sweep} sent to the treasury. */
export interface SweepView {
  tokens: bigint;
  payment: bigint;
}

/** What {@link payFee} paid out. */
export interface FeePaymentView {
  recipient: string;
  amount: bigint;
}

/** Votes after a delegation: `delegateVotes`, {@link delegateVesting}. */
export interface DelegationView {
  /** The account (or vesting wallet) whose tokens are delegated. */
  account: string;
  delegate: string;
  /** The delegate's votes now. */
  votes: bigint;
}

/** The pool a sale opens when it succeeds, as fixed at launch. Token amounts are of the model token (18 decimals). */
export interface PoolTermsView {
  /** Model tokens the sale holds for the pool. */
  reserve: bigint;
  /** The share of the proceeds (after the protocol fee) paired with them, in basis points. */
  proceedsBps: number;
  /** Seconds the pool shares stay locked for the treasury from the finalisation. */
  lockDuration: number;
}

/** What the finalisation did with the pool, from the sale's `PoolOpened` event. */
export interface PoolOpenedView {
  /** Model tokens and quote (the payment asset; WETH for ETH) that left the sale for the pool. */
  tokens: bigint;
  quote: bigint;
  /** Pool shares minted and locked. */
  liquidity: bigint;
  /** The lock in the liquidity lock, and when it opens. */
  lockId: bigint;
  unlockAt: Date;
  /** The finalisation's transaction. */
  transaction: string;
}

/** A sale's pool: its terms, its address, and once the sale is final, whether it opened. */
export interface OfferingPoolView {
  terms: PoolTermsView;
  /** The pool's address (the Uniswap V2 pair of the model token and the payment token, or WETH), known from launch. */
  pair: string;
  /** The liquidity lock that holds the pool shares. */
  lock: string;
  /** Set once the finalisation has opened the pool. */
  opened?: PoolOpenedView;
  /**
   * Set when the finalisation could not open the pool (the reserve and the share went to the treasury): the
   * revert data, and the reason in words when the SDK can decode it.
   */
  notOpened?: { reason: string; message?: string };
}
