import type { ContractTransaction, TransactionReceipt } from "ethers";

import type { ProtocolContext } from "../context.js";

/** What the revenue actions work with. */
export type RevenueContext = ProtocolContext;

/**
 * An asset that a model token shares as revenue: ETH, or an ERC-20 its DAO allowed. Shaped like the offering's
 * `PaymentAsset`, so amounts of either are written the same way.
 */
export interface RevenueAsset {
  /** The ERC-20's address, or `NATIVE_ASSET` (0xEeee...EEeE, ERC-7528) for ETH. */
  address: string;
  /** `ETH`, or the token's symbol. */
  symbol: string;
  decimals: number;
  isEth: boolean;
}

/** How an asset is named to the revenue actions: `"ETH"`, an address, or the symbol of one of the token's revenue assets. */
export type RevenueAssetRef = string;

/** An amount of one revenue asset, in its smallest units. */
export interface RevenueAmount {
  asset: RevenueAsset;
  amount: bigint;
}

/**
 * One revenue asset of a model token, its state on chain and the totals its events add up to. Amounts are in
 * the asset's smallest units and balance exactly:
 *
 * - `deposited = released + unreleased + reserved` (every deposit is shared, now or by its stream, or set aside);
 * - `released = claimed + outstanding`;
 * - `reserved = reservePaid + reserve`;
 * - `held = unreleased + outstanding + reserve` (for ETH, `held` is the token's balance, which only ETH forced
 *   into the contract without a deposit can push above that).
 */
export interface RevenueAssetView {
  asset: RevenueAsset;
  /** Whether deposits are accepted now; a removed asset stays claimable. */
  active: boolean;
  /** Seconds over which new deposits are released (0: at once). */
  streamDuration: number;
  /** When the running stream ends, or undefined when none runs. */
  streamEnd?: Date;
  /** Number of deposits. */
  deposits: number;
  /** Everything deposited, as received (`RevenueDeposited` events). */
  deposited: bigint;
  /** Shared among holders so far: deposits less the reserve's part and what is still streaming. */
  released: bigint;
  /** Paid to holders (`RevenueClaimed` events). */
  claimed: bigint;
  /** Released and not claimed yet: what holders can claim, plus the rounding dust that stays in the token. */
  outstanding: bigint;
  /** Deposited but not released yet (being streamed). */
  unreleased: bigint;
  /** Set aside for burn-to-redeem, in all. */
  reserved: bigint;
  /** Paid out of the reserve to holders who burned tokens (`RevenueReservePaid` events). */
  reservePaid: bigint;
  /** Left in the reserve. */
  reserve: bigint;
  /** What the token holds of the asset for all this. */
  held: bigint;
  /** Revenue released per token unit since launch, Q96 (the contract's accumulator). */
  accumulator: bigint;
  /** Token units that earn this asset's revenue. */
  eligibleSupply: bigint;
}

/** A model token's revenue sharing: {@link getRevenue}. */
export interface RevenueView {
  model: bigint;
  slug: string;
  /** The model token. */
  token: string;
  tokenSymbol: string;
  /** The account that governs revenue settings: the model's owner, its DAO timelock. */
  dao: string;
  /** Share of every deposit set aside for burn-to-redeem, in basis points; fixed at launch. */
  reserveBps: number;
  totalSupply: bigint;
  /** Tokens that earn revenue: the supply less excluded balances. */
  eligibleSupply: bigint;
  /**
   * The fewest tokens that must earn for revenue to be released (1/1024 of the supply, at most 2**76 units).
   * While `eligibleSupply` is below it, streams pause and deposits wait (`streamEnd` is then when they would end
   * if enough tokens earned from now on).
   */
  minEligibleSupply: bigint;
  /** ETH first, then the ERC-20s in the order they were allowed (removed ones included). */
  assets: RevenueAssetView[];
  /**
   * The blocks whose events were added up (every state above was read at `toBlock`), and whether those
   * events account for everything on chain; `complete` is false when the scan started after the first
   * deposits: scan from an earlier block (the launch's) for true totals.
   */
  scan: { fromBlock: number; toBlock: number; complete: boolean };
}

/** What an account can claim from one model token, per revenue asset: {@link getClaimable}. */
export interface ClaimableView {
  account: string;
  model: bigint;
  slug: string;
  token: string;
  tokenSymbol: string;
  /** Every revenue asset of the token, in order, with what the account can claim of it now (zero included). */
  claimable: RevenueAmount[];
  /** Whether the account passes its revenue on with its tokens instead of claiming it (the sale). */
  forwards: boolean;
  /** Whether the account's tokens are excluded from revenue sharing (they earn nothing). */
  excluded: boolean;
  /** Whether it excluded itself, which only it can undo (else the DAO excluded it while it held nothing). */
  excludedBySelf: boolean;
}

/** What {@link setOwnRevenueExclusion} did. */
export interface RevenueExclusionResult {
  /** The account that excluded (or included) its own tokens: the signer. */
  account: string;
  /** Whether its tokens are excluded now. */
  excluded: boolean;
  /** Its balance, which left (or joined) the eligible supply. */
  balance: bigint;
  /** Tokens that earn revenue after the change. */
  eligibleSupply: bigint;
}

/** How a revenue deposit is paid: ETH with the call, an ERC-20 approved beforehand, or an ERC-20 with an EIP-2612 permit. */
export type RevenueDepositMethod = "depositETH" | "deposit" | "depositWithPermit";

/** What {@link prepareDepositRevenue} returns: the transactions to send in order, and how the deposit is paid. */
export interface PreparedRevenueDeposit {
  /** An approval first when the allowance is short, then the deposit. */
  transactions: ContractTransaction[];
  method: RevenueDepositMethod;
  /** The model token the deposit goes to. */
  token: string;
  asset: RevenueAsset;
  /** In the asset's smallest units. */
  amount: bigint;
}

/** What {@link depositRevenue} did. */
export interface RevenueDepositResult {
  method: RevenueDepositMethod;
  asset: RevenueAsset;
  /** What the token received and shares (less the reserve's part). */
  amount: bigint;
  /** The depositor. */
  from: string;
  /** Set aside for burn-to-redeem out of this deposit. */
  reserved: bigint;
  /** When the deposit joined a stream: what the stream now releases, and until when. Absent when released at once. */
  stream?: { amount: bigint; end: Date };
  /** The approval's receipt, when an approval was sent first. */
  approval?: TransactionReceipt;
}

/** What {@link claimRevenue} paid. */
export interface RevenueClaimResult {
  /** Whose revenue. */
  holder: string;
  /** Where it went. */
  to: string;
  /** One entry per asset paid (assets with nothing to claim are left out). */
  claims: RevenueAmount[];
}

/** What {@link redeemReserve} burned and paid. */
export interface RedeemResult {
  holder: string;
  to: string;
  /** Model token units burned. */
  burned: bigint;
  /** One entry per asset paid out of the reserve. */
  paid: RevenueAmount[];
}

/** What burning an amount of model tokens would pay now: {@link getRedeemable}. */
export interface RedeemableView {
  /** Model token units. */
  amount: bigint;
  /** Per revenue asset, in order. */
  paid: RevenueAmount[];
}

/**
 * A call for the model's DAO to make, for a governance proposal: the target, the calldata, the ETH sent with
 * it, and what it does in words.
 */
export interface DaoCall {
  to: string;
  data: string;
  value: bigint;
  description: string;
}
