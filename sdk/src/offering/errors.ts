import type { Result } from "ethers";

import { formatDuration, isoTime } from "../durations.js";
import { ContractRevertError, defineRevert, SdkError } from "../errors.js";
import { statusName } from "./status.js";
import type { OfferingStatus } from "./types.js";

// One class per custom error of the sale, and the SDK's own offering failures, each with the sentence the SDK and
// the CLI show (the launch factory's errors are in launch-errors.ts, the tokens' and vesting wallets' in
// token-errors.ts). Amounts in the errors are in the smallest units of the payment asset; times are unix seconds
// and are shown as dates.

// ------------------------------------------------------------------------------------------- the sale

/** `OfferingInvalidWindow`: the sale window is not in the future or ends before it starts. */
export class OfferingInvalidWindowError extends ContractRevertError {}
/** `OfferingInvalidCaps`: the caps are not 0 < soft cap <= hard cap. */
export class OfferingInvalidCapsError extends ContractRevertError {}
/** `OfferingInvalidPrice`: the price is zero. */
export class OfferingInvalidPriceError extends ContractRevertError {}
/** `OfferingHardCapAboveSupply`: the hard cap would buy more than the tokens for sale. */
export class OfferingHardCapAboveSupplyError extends ContractRevertError {}
/** `OfferingWrongStatus`: the call comes at the wrong time for where the sale stands; `status` says where. */
export class OfferingWrongStatusError extends ContractRevertError {
  /** Where the sale stood when it refused. */
  get status(): OfferingStatus {
    return statusName(this.args[0]);
  }
}
/** `OfferingZeroDeposit`: the deposit is zero (or a fee-on-transfer token delivered nothing). */
export class OfferingZeroDepositError extends ContractRevertError {}
/** `OfferingWrongPaymentAsset`: ETH sent to a sale paid in an ERC-20, or the ERC-20 path used for an ETH sale. */
export class OfferingWrongPaymentAssetError extends ContractRevertError {}
/** `OfferingWalletCapExceeded`: the account's deposits would pass the wallet cap. */
export class OfferingWalletCapExceededError extends ContractRevertError {}
/** `OfferingNotAllowlisted`: the account is not on the allowlist, or the proof is wrong. */
export class OfferingNotAllowlistedError extends ContractRevertError {}
/** `OfferingNothingToSettle`: the account deposited nothing or has settled already. */
export class OfferingNothingToSettleError extends ContractRevertError {}
/** `OfferingNotAdmin`: someone other than the team tried to cancel. */
export class OfferingNotAdminError extends ContractRevertError {}
/** `OfferingNotFullySettled`: deposits still wait for their owners, so the sale cannot be swept. */
export class OfferingNotFullySettledError extends ContractRevertError {}
/** `OfferingNoFee`: there is no protocol fee to pay out. */
export class OfferingNoFeeError extends ContractRevertError {}
/** `OfferingNotASale`: the sale implementation itself was called instead of a launched sale. */
export class OfferingNotASaleError extends ContractRevertError {}
/** `OfferingInvalidRecipient`: a claim named the zero address or the sale itself, where its assets would be lost. */
export class OfferingInvalidRecipientError extends ContractRevertError {}
/** `OfferingPriceTooHigh`: the price does not fit 128 bits. */
export class OfferingPriceTooHighError extends ContractRevertError {}
/** `OfferingInvalidPool`: a pool's terms are out of range, or the implementation has no market to open it on. */
export class OfferingInvalidPoolError extends ContractRevertError {}
/** `OfferingPoolGas`: a finalisation that opens a pool was sent with too little gas for the pool step. */
export class OfferingPoolGasError extends ContractRevertError {}
/** `OfferingPoolNotExcluded`: the pair is not the one the launch excluded from revenue (inside the pool step). */
export class OfferingPoolNotExcludedError extends ContractRevertError {}
/** `OfferingOnlySelf`: the pool step was called by someone other than the sale itself. */
export class OfferingOnlySelfError extends ContractRevertError {}
/** `OfferingUnexpectedETH`: ETH sent to the sale by someone other than WETH. */
export class OfferingUnexpectedETHError extends ContractRevertError {}

// ------------------------------------------------------------------------------- SDK-side failures

/** The model exists but has not been launched: it has no offering. */
export class OfferingNotFoundError extends SdkError {}

/**
 * The model launched on a bonding curve, not through a sale: it has no offering to read or buy from (the curve module
 * reads and trades it: `client.curve`).
 */
export class OfferingIsCurveError extends OfferingNotFoundError {}

/** A claim names an address where the assets would be lost: the zero address or the sale itself. */
export class InvalidRecipientError extends SdkError {}

/** An allowlist could not be built, read, or does not match the sale, or leaves the account out. */
export class AllowlistError extends SdkError {}

// ---------------------------------------------------------------------------------------- sentences

const stage: Record<OfferingStatus, string> = {
  Upcoming: "has not started yet",
  Live: "is still open",
  Ended: "has ended but is not finalised yet",
  Failed: "is over: it failed to reach its soft cap",
  Succeeded: "is over: it succeeded",
  Oversubscribed: "is over: it was oversubscribed",
  Cancelled: "was cancelled",
};

const wrongStatus = (a: Result): string => `This is not possible now: the sale ${stage[statusName(a[0])]}.`;

defineRevert(
  "OfferingInvalidWindow",
  OfferingInvalidWindowError,
  (a) =>
    `The sale window ${isoTime(a[0])} to ${isoTime(a[1])} is not valid: it must start no earlier than now (${isoTime(a[2])}) and end after it starts.`,
);
defineRevert(
  "OfferingInvalidCaps",
  OfferingInvalidCapsError,
  (a) => `The caps are not valid: the soft cap (${a[0]}) must be above zero and at most the hard cap (${a[1]}).`,
);
defineRevert("OfferingInvalidPrice", OfferingInvalidPriceError, () => "The price of a token must be above zero.");
defineRevert(
  "OfferingHardCapAboveSupply",
  OfferingHardCapAboveSupplyError,
  (a) => `The hard cap (${a[0]}) is more than all the tokens for sale cost at the price (${a[1]}).`,
);
defineRevert("OfferingWrongStatus", OfferingWrongStatusError, wrongStatus);
defineRevert(
  "OfferingZeroDeposit",
  OfferingZeroDepositError,
  () => "A deposit must be more than zero (or the payment token delivered nothing).",
);
defineRevert("OfferingWrongPaymentAsset", OfferingWrongPaymentAssetError, (a) =>
  BigInt(a[0] as string) === 0n
    ? "This sale is paid in ETH, not in an ERC-20."
    : `This sale is paid in the ERC-20 at ${a[0]}, not in ETH.`,
);
defineRevert(
  "OfferingWalletCapExceeded",
  OfferingWalletCapExceededError,
  (a) =>
    `${a[0]} would have deposited ${a[1]} in all, above the per-wallet cap of ${a[2]} (in the payment asset's smallest units).`,
);
defineRevert(
  "OfferingNotAllowlisted",
  OfferingNotAllowlistedError,
  (a) => `${a[0]} is not on the sale's allowlist, or the proof given is wrong.`,
);
defineRevert(
  "OfferingNothingToSettle",
  OfferingNothingToSettleError,
  (a) => `${a[0]} has nothing to settle: it deposited nothing, or has settled already.`,
);
defineRevert(
  "OfferingNotAdmin",
  OfferingNotAdminError,
  (a) => `${a[0]} is not the sale's team account: only the team may cancel it.`,
);
defineRevert(
  "OfferingNotFullySettled",
  OfferingNotFullySettledError,
  (a) => `Deposits of ${a[0]} are not settled yet: every depositor must settle before the sale is swept.`,
);
defineRevert("OfferingNoFee", OfferingNoFeeError, () => "There is no protocol fee to pay out.");
defineRevert(
  "OfferingNotASale",
  OfferingNotASaleError,
  () => "That address is the sale implementation, not a launched sale: use the offering address of a launch.",
);
defineRevert("OfferingInvalidRecipient", OfferingInvalidRecipientError, (a) =>
  BigInt(a[0] as string) === 0n
    ? "A claim cannot send tokens and refunds to the zero address, where they would be burned: give an address you control."
    : `A claim cannot send tokens and refunds to the sale itself (${a[0]}), where they would be lost: give an address you control.`,
);
defineRevert(
  "OfferingPriceTooHigh",
  OfferingPriceTooHighError,
  (a) => `A price of ${a[0]} (payment units per token) is too high: it must fit 128 bits.`,
);
defineRevert(
  "OfferingInvalidPool",
  OfferingInvalidPoolError,
  (a) =>
    `The pool's terms are not valid: a reserve of ${a[0]} token units needs a share of the proceeds of 1 to 10,000 basis points (not ${a[1]}) and a lock of ${formatDuration(Number(a[3]))} to ${formatDuration(Number(a[4]))} (not ${formatDuration(Number(a[2]))}), on a sale implementation that has a market.`,
);
defineRevert(
  "OfferingPoolGas",
  OfferingPoolGasError,
  (a) =>
    `The finalisation opens the sale's pool and needs at least ${a[1]} gas for it, but only ${a[0]} was left: send it with a higher gas limit.`,
);
defineRevert(
  "OfferingPoolNotExcluded",
  OfferingPoolNotExcludedError,
  (a) => `The pair ${a[0]} is not the pool the launch excluded from revenue, so the sale will not seed it.`,
);
defineRevert(
  "OfferingOnlySelf",
  OfferingOnlySelfError,
  (a) => `Only the sale itself opens its pool, during its finalisation; ${a[0]} may not.`,
);
defineRevert(
  "OfferingUnexpectedETH",
  OfferingUnexpectedETHError,
  (a) => `The sale takes ETH only with a deposit (or back from WETH), not sent by ${a[0]}.`,
);
