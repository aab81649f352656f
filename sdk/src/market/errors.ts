import { ContractRevertError, defineRevert, SdkError } from "../errors.js";

// One class per custom error of the market contracts (`LiquidityLock`, and the `PoolSeeding` library's, which the
// contracts that seed pools revert with), each with the sentence the SDK and the CLI show, and the market module's own
// failures, among them the Uniswap V2 router's refusals (reason strings, not custom errors). Dates are UTC.

/** A Unix time the contract returned, as an ISO date. */
function date(value: unknown): string {
  return new Date(Number(value) * 1000).toISOString();
}

/** `LockTimeOutOfRange`: a lock's date before the shortest lock or after the longest from now. */
export class LockTimeOutOfRangeError extends ContractRevertError {}
/** `LockEmpty`: nothing to lock, or nothing arrived. */
export class LockEmptyError extends ContractRevertError {}
/** `LockInvalidBeneficiary`: the zero address or the lock itself as beneficiary. */
export class LockInvalidBeneficiaryError extends ContractRevertError {}
/** `LockUnknown`: no lock with that number. */
export class LockUnknownError extends ContractRevertError {}
/** `LockNotYetOpen`: the lock opens later. */
export class LockNotYetOpenError extends ContractRevertError {}
/** `LockAlreadyReleased`: the lock was released already. */
export class LockAlreadyReleasedError extends ContractRevertError {}
/** `PoolSeedingEmpty`: nothing would enter the pool. */
export class PoolSeedingEmptyError extends ContractRevertError {}
/** `PoolSeedingBelowPrice`: the pair holds less than the price after the seed's transfers (a token that kept a cut). */
export class PoolSeedingBelowPriceError extends ContractRevertError {}

defineRevert(
  "LockTimeOutOfRange",
  LockTimeOutOfRangeError,
  (a) => `A lock must open between ${date(a[1])} and ${date(a[2])}, not at ${date(a[0])}.`,
);
defineRevert("LockEmpty", LockEmptyError, () => "Nothing was locked: the amount is zero, or no token arrived.");
defineRevert(
  "LockInvalidBeneficiary",
  LockInvalidBeneficiaryError,
  (a) => `${a[0]} cannot receive locked pool shares.`,
);
defineRevert("LockUnknown", LockUnknownError, (a) => `There is no lock #${a[0]} (${a[1]} locks exist).`);
defineRevert("LockNotYetOpen", LockNotYetOpenError, (a) => `Lock #${a[0]} opens on ${date(a[1])}.`);
defineRevert("LockAlreadyReleased", LockAlreadyReleasedError, (a) => `Lock #${a[0]} was released already.`);
defineRevert(
  "PoolSeedingEmpty",
  PoolSeedingEmptyError,
  (a) => `Nothing would enter the pool at this price (${a[0]} token units, ${a[1]} quote units).`,
);

defineRevert(
  "PoolSeedingBelowPrice",
  PoolSeedingBelowPriceError,
  (a) =>
    `The pool would open below the price: the pair holds ${a[0]} token units and ${a[1]} quote units after the seed (a token that keeps part of each transfer).`,
);

// ------------------------------------------------------------------------------- SDK-side failures

/** The model's sale opens no pool, or its pool does not exist yet (the sale is not finalised, or the pool failed). */
export class MarketNoPoolError extends SdkError {}

/** The deployment does not record Uniswap V2's router (a deployments file written before the protocol had markets). */
export class MarketUnavailableError extends SdkError {}

/** A swap asked for is not valid: its side is not "buy" or "sell", or its slippage bound is not 0 to 10,000 basis points. */
export class MarketInvalidSwapError extends SdkError {}

/**
 * The router refused a swap because it would have paid less than the minimum (`INSUFFICIENT_OUTPUT_AMOUNT`): the
 * price moved further than the slippage bound allows between the quote and the swap.
 */
export class SwapInsufficientOutputError extends SdkError {}

/** The account holds less ETH than the swap pays in (a short ERC-20 balance is the token's own error). */
export class SwapInsufficientBalanceError extends SdkError {}

/** The router refused a swap because it was mined after its deadline (`EXPIRED`). */
export class SwapExpiredError extends SdkError {}
