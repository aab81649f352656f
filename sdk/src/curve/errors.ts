import { SdkError } from "../errors.js";

// The curve module's own failures, raised before anything is sent. The curve contract's custom errors have their
// classes in ../market/curve-errors.ts.

/** The model has not been launched on a bonding curve (it launched through a sale, or not at all). */
export class CurveLaunchNotFoundError extends SdkError {}

/** A trade asked for is not valid: its side is not "buy" or "sell", or its slippage bound is not 0 to 10,000 bps. */
export class CurveInvalidTradeError extends SdkError {}

/** The account holds less ETH than the buy pays in (a short ERC-20 balance is the token's own error). */
export class CurveInsufficientBalanceError extends SdkError {}
