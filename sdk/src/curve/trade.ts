import type { ContractTransaction } from "ethers";

import { formatAmount } from "../amounts.js";
import { signerAddress } from "../module.js";
import { approvalIfShort } from "../subnets/internal.js";
import { CurveInsufficientBalanceError } from "./errors.js";
import { curveOf, io } from "./internal.js";
import { quoteCurve } from "./reads.js";
import type { CurveContext, CurveTradeParameters, CurveTradeResult, PreparedCurveTrade } from "./types.js";

// Trading on a bonding curve: a buy pays the quote asset for model tokens, a sale gives back tokens bought from the
// curve for the quote asset; both with a minimum out from the quote and the slippage bound, and a deadline.

/** How long a trade may wait to be mined unless told: 20 minutes from the latest block. */
export const DEFAULT_CURVE_DEADLINE_SECONDS = 20 * 60;

async function deadlineOf(context: CurveContext, seconds = DEFAULT_CURVE_DEADLINE_SECONDS): Promise<number> {
  const latest = await context.runner.provider!.getBlock("latest");
  return Number(latest!.timestamp) + seconds;
}

/**
 * Builds a buy on a model's curve without sending it: the quote, an approval of the payment ERC-20 to the curve when
 * the allowance is short, then `buy(amount, minimum out, deadline)` (with the amount as value for ETH). A balance
 * below the amount is refused before anything is signed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions, quote } = await client.curve.prepareBuy({ model: "face-landmark-68-tiny", amount: "0.5" });
 */
export async function prepareBuyFromCurve(
  context: CurveContext,
  params: Omit<CurveTradeParameters, "side">,
): Promise<PreparedCurveTrade> {
  const payer = await signerAddress(context, "Buying from a curve");
  const quote = await quoteCurve(context, { ...params, side: "buy" });
  const { curve } = await curveOf(context, params.model);
  const deadline = await deadlineOf(context, params.deadlineSeconds);
  const transactions: ContractTransaction[] = [];
  if (quote.assetIn.isEth) {
    const balance = await context.runner.provider!.getBalance(payer);
    if (balance < quote.amountIn) {
      throw new CurveInsufficientBalanceError(
        `${payer} has ${formatAmount(balance, 18)} ETH, less than the ${formatAmount(quote.amountIn, 18)} ETH the buy pays in.`,
      );
    }
    transactions.push(
      await curve.buy.populateTransaction(quote.amountIn, quote.amountOutMin, deadline, { value: quote.amountIn }),
    );
  } else {
    const approval = await approvalIfShort(context, quote.assetIn.address, payer, quote.amountIn, quote.curve);
    if (approval) transactions.push(approval);
    transactions.push(await curve.buy.populateTransaction(quote.amountIn, quote.amountOutMin, deadline));
  }
  return { transactions, quote, deadline };
}

/**
 * Buys model tokens from a model's curve (see {@link prepareBuyFromCurve}) for at least the quote less the slippage
 * bound (1% unless told). A buy past the target is filled to it and the rest refunded in the same call (an ETH refund
 * the buyer cannot receive is credited for {@link withdrawCurveCredit}). A price that moved further is refused with
 * {@link CurveSlippageError}, a curve that stopped selling with {@link CurveWrongStatusError}.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { amountOut, fee } = await client.curve.buy({ model: "face-landmark-68-tiny", amount: "0.5" });
 * console.log(`${formatAmount(amountOut, 18)} tokens for a fee of ${formatAmount(fee, 18)} ETH`);
 */
export async function buyFromCurve(
  context: CurveContext,
  params: Omit<CurveTradeParameters, "side">,
): Promise<CurveTradeResult> {
  const prepared = params.prepared ?? (await prepareBuyFromCurve(context, params));
  const { receipt, approval } = await io.sendAll(context, prepared.transactions, "Buying from a curve");
  const { args } = io.findEvent(receipt, prepared.quote.curve, "Bought");
  const reached = io.findEvents(receipt, prepared.quote.curve, "TargetReached").length > 0;
  return {
    quote: prepared.quote,
    amountIn: args.quoteIn as bigint,
    amountOut: args.tokensOut as bigint,
    fee: args.fee as bigint,
    refund: args.refund as bigint,
    reachedTarget: reached,
    receipt,
    approval,
  };
}

/**
 * Builds a sale back to a model's curve without sending it: the quote, an approval of the model tokens to the curve
 * when the allowance is short, then `sell(amount, minimum out, deadline)`. The curve buys back only what the seller
 * bought from it (net of its sales): more is refused with {@link CurveSellExceedsBoughtError} before anything is
 * signed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { quote } = await client.curve.prepareSell({ model: "face-landmark-68-tiny", amount: "1000" });
 */
export async function prepareSellToCurve(
  context: CurveContext,
  params: Omit<CurveTradeParameters, "side">,
): Promise<PreparedCurveTrade> {
  const seller = await signerAddress(context, "Selling to a curve");
  const quote = await quoteCurve(context, { ...params, side: "sell" });
  const { curve } = await curveOf(context, params.model);
  const bought = await io.read(() => curve.boughtOf(seller));
  if (quote.amountIn > bought) throw io.revert("CurveSellExceedsBought", [seller, quote.amountIn, bought]);
  const deadline = await deadlineOf(context, params.deadlineSeconds);
  const transactions: ContractTransaction[] = [];
  const approval = await approvalIfShort(context, quote.assetIn.address, seller, quote.amountIn, quote.curve);
  if (approval) transactions.push(approval);
  transactions.push(await curve.sell.populateTransaction(quote.amountIn, quote.amountOutMin, deadline));
  return { transactions, quote, deadline };
}

/**
 * Sells model tokens bought from a model's curve back to it (see {@link prepareSellToCurve}) for at least the quote
 * less the slippage bound (1% unless told), the fee taken from what it pays; past the deadline without graduation,
 * without fee.
 *
 * @example
 * import { createClient, formatAmount, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { amountOut } = await client.curve.sell({ model: "face-landmark-68-tiny", amount: "1000" });
 * console.log(`${formatAmount(amountOut, 18)} ETH`);
 */
export async function sellToCurve(
  context: CurveContext,
  params: Omit<CurveTradeParameters, "side">,
): Promise<CurveTradeResult> {
  const prepared = params.prepared ?? (await prepareSellToCurve(context, params));
  const { receipt, approval } = await io.sendAll(context, prepared.transactions, "Selling to a curve");
  const { args } = io.findEvent(receipt, prepared.quote.curve, "Sold");
  return {
    quote: prepared.quote,
    amountIn: args.tokensIn as bigint,
    amountOut: args.quoteOut as bigint,
    fee: args.fee as bigint,
    refund: 0n,
    reachedTarget: false,
    receipt,
    approval,
  };
}
