import { ContractRevertError, defineRevert } from "../errors.js";

// One class per custom error of the bonding curve (`BondingCurve`, and the launch factory's checks of a curve's
// terms), each with the sentence the SDK and the CLI show. Dates are UTC.

/** A Unix time the contract returned, as an ISO date. */
function date(value: unknown): string {
  return new Date(Number(value) * 1000).toISOString();
}

/** `IBondingCurve.Status`, in its declaration order. */
const STATUS = ["trading", "waiting to graduate", "graduated", "refunding (past its deadline)"];

function status(value: unknown): string {
  return STATUS[Number(value)] ?? `in status ${value}`;
}

/** `CurveNotACurve`: the implementation itself was called. */
export class CurveNotACurveError extends ContractRevertError {}
/** `CurveWrongStatus`: a trade, graduation or reclaim at the wrong time. */
export class CurveWrongStatusError extends ContractRevertError {}
/** `CurveTradeExpired`: the trade's own deadline passed. */
export class CurveTradeExpiredError extends ContractRevertError {}
/** `CurveSlippage`: less than the minimum asked for. */
export class CurveSlippageError extends ContractRevertError {}
/** `CurveZeroAmount`: a trade of nothing, or for nothing. */
export class CurveZeroAmountError extends ContractRevertError {}
/** `CurveWrongPayment`: ETH sent with an ERC-20 curve, or not the exact amount to an ETH curve. */
export class CurveWrongPaymentError extends ContractRevertError {}
/** `CurveSellExceedsBought`: selling back more than the account bought from the curve. */
export class CurveSellExceedsBoughtError extends ContractRevertError {}
/** `CurveNoFees`: no fees to collect. */
export class CurveNoFeesError extends ContractRevertError {}
/** `CurveNothingToReclaim`: no model tokens on the curve. */
export class CurveNothingToReclaimError extends ContractRevertError {}
/** `CurveNothingToWithdraw`: no credited refund. */
export class CurveNothingToWithdrawError extends ContractRevertError {}
/** `CurveInvalidRecipient`: a withdrawal to the zero address. */
export class CurveInvalidRecipientError extends ContractRevertError {}
/** `CurveGraduationGas`: too little gas left for the pool step. */
export class CurveGraduationGasError extends ContractRevertError {}
/** `CurveOnlySelf`: the pool step called from outside. */
export class CurveOnlySelfError extends ContractRevertError {}
/** `CurveUnexpectedETH`: ETH sent to the curve outside a buy. */
export class CurveUnexpectedETHError extends ContractRevertError {}
/** `CurvePoolNotExcluded`: the pair is not the one the launch excluded from revenue. */
export class CurvePoolNotExcludedError extends ContractRevertError {}
/** `CurveInvalidSupply`: no tokens for the curve or the pool, or too many. */
export class CurveInvalidSupplyError extends ContractRevertError {}
/** `CurveInvalidQuote`: a zero or too large virtual reserve or target. */
export class CurveInvalidQuoteError extends ContractRevertError {}
/** `CurveInvalidFees`: fees out of range. */
export class CurveInvalidFeesError extends ContractRevertError {}
/** `CurveInvalidDeadline`: a deadline not in the future. */
export class CurveInvalidDeadlineError extends ContractRevertError {}
/** `CurveInvalidLock`: a pool lock out of range, or no market to open a pool on. */
export class CurveInvalidLockError extends ContractRevertError {}

defineRevert("CurveNotACurve", CurveNotACurveError, () => "This is the curve implementation, not a model's curve.");
defineRevert("CurveWrongStatus", CurveWrongStatusError, (a) => `The curve cannot do that while ${status(a[0])}.`);
defineRevert(
  "CurveTradeExpired",
  CurveTradeExpiredError,
  (a) => `The trade was valid until ${date(a[0])}; it is now ${date(a[1])}.`,
);
defineRevert(
  "CurveSlippage",
  CurveSlippageError,
  (a) => `The trade would give ${a[0]} units, less than the ${a[1]} asked for: the price moved.`,
);
defineRevert("CurveZeroAmount", CurveZeroAmountError, () => "The trade is of nothing, or would give nothing.");
defineRevert(
  "CurveWrongPayment",
  CurveWrongPaymentError,
  (a) =>
    `A buy of ${a[0]} units sent ${a[1]} wei: an ETH curve takes exactly the amount as value, an ERC-20 curve none.`,
);
defineRevert(
  "CurveSellExceedsBought",
  CurveSellExceedsBoughtError,
  (a) =>
    `${a[0]} bought ${a[2]} token units from the curve (net of its sales) and cannot sell ${a[1]} back: the curve buys back only what it sold to the seller.`,
);
defineRevert("CurveNoFees", CurveNoFeesError, () => "The curve has no fees to collect.");
defineRevert("CurveNothingToReclaim", CurveNothingToReclaimError, () => "The curve holds no model tokens to reclaim.");
defineRevert(
  "CurveNothingToWithdraw",
  CurveNothingToWithdrawError,
  (a) => `${a[0]} has no refund credited by the curve.`,
);
defineRevert("CurveInvalidRecipient", CurveInvalidRecipientError, (a) => `${a[0]} cannot receive a refund.`);
defineRevert(
  "CurveGraduationGas",
  CurveGraduationGasError,
  (a) => `Graduation needs ${a[1]} gas for its pool; ${a[0]} was left. Send it with a higher gas limit.`,
);
defineRevert("CurveOnlySelf", CurveOnlySelfError, (a) => `Only the curve opens its pool, not ${a[0]}.`);
defineRevert(
  "CurveUnexpectedETH",
  CurveUnexpectedETHError,
  (a) => `The curve takes ETH only through a buy, not from ${a[0]}.`,
);
defineRevert(
  "CurvePoolNotExcluded",
  CurvePoolNotExcludedError,
  (a) => `The pair ${a[0]} is not the pool the launch excluded from revenue.`,
);
defineRevert(
  "CurveInvalidSupply",
  CurveInvalidSupplyError,
  (a) =>
    `A curve needs tokens to sell and tokens for its pool, below 2^96 together: ${a[0]} and ${a[1]} token units were given.`,
);
defineRevert(
  "CurveInvalidQuote",
  CurveInvalidQuoteError,
  (a) => `The virtual reserve (${a[0]}) and the target (${a[1]}) must each be above zero and fit 128 bits.`,
);
defineRevert(
  "CurveInvalidFees",
  CurveInvalidFeesError,
  (a) =>
    `The fee (${a[0]} bps) must be at most 1,000 bps, the opening fee (${a[1]} bps) between it and 5,000 bps, and the opening at most 1,000 blocks (${a[2]} given).`,
);
defineRevert(
  "CurveInvalidDeadline",
  CurveInvalidDeadlineError,
  (a) => `The curve's deadline, ${date(a[0])}, must be after now (${date(a[1])}).`,
);
defineRevert(
  "CurveInvalidLock",
  CurveInvalidLockError,
  (a) =>
    `The pool's lock of ${a[0]} seconds must be between ${a[1]} and ${a[2]} seconds, on an implementation with a market.`,
);
