import { getAddress, type ContractTransaction } from "ethers";

import { accountOrSigner } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { curveOf, io, reasonInWords } from "./internal.js";
import type {
  CurveContext,
  CurveFeesView,
  CurveGraduatedView,
  CurveParameters,
  CurveWithdrawParameters,
} from "./types.js";

// What anyone may do for a curve besides trading: graduate it once it reached its target, collect its fees, reclaim
// its model tokens for the treasury past a missed deadline, and withdraw ETH refunds that could not be sent.

/**
 * The gas a graduation is sent with at least: the curve refuses to run its pool step with less than 3.5M left
 * (`CurveGraduationGas`), and creating the pair, seeding and locking use most of it.
 */
export const GRADUATION_GAS = 5_000_000n;

/**
 * Builds a curve's graduation without sending it, with a gas limit the pool step cannot run short of (at least
 * {@link GRADUATION_GAS}).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.curve.prepareGraduate({ model: "face-landmark-68-tiny" });
 */
export async function prepareGraduateCurve(
  context: CurveContext,
  params: CurveParameters,
): Promise<ContractTransaction> {
  const { curve } = await curveOf(context, params.model);
  // A curve that is not waiting to graduate is refused here, in the curve's own words.
  const estimate = await io.read(() => curve.graduate.estimateGas());
  const padded = (estimate * 12n) / 10n;
  return curve.graduate.populateTransaction({ gasLimit: padded > GRADUATION_GAS ? padded : GRADUATION_GAS });
}

/**
 * Graduates a curve that reached its target: opens its Uniswap V2 pool at the curve's final price with the reserve
 * and the tokens left, locks the pool shares for the treasury, and sends what the pool did not use to the treasury.
 * Anyone may call it. A pool that cannot be opened sends everything to the treasury instead (`notOpened`). A curve
 * that is not waiting to graduate is refused with {@link CurveWrongStatusError}.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.curve.graduate({ model: "face-landmark-68-tiny" });
 * console.log(result.pair, result.graduated?.unlockAt);
 */
export async function graduateCurve(
  context: CurveContext,
  params: CurveParameters,
): Promise<WriteResult<CurveGraduatedView>> {
  const transaction = await prepareGraduateCurve(context, params);
  const receipt = await io.send(context, transaction, "Graduating");
  const [opened] = io.findEvents(receipt, transaction.to, "Graduated");
  const [failed] = io.findEvents(receipt, transaction.to, "PoolNotOpened");
  const { curve } = await curveOf(context, params.model);
  const result: CurveGraduatedView = { pair: getAddress(await io.read(() => curve.pool())) };
  if (opened) {
    result.graduated = {
      tokens: opened.args.tokens as bigint,
      quote: opened.args.quote as bigint,
      liquidity: opened.args.liquidity as bigint,
      lockId: opened.args.lockId as bigint,
      unlockAt: new Date(Number(opened.args.unlockAt) * 1000),
      transaction: receipt.hash,
    };
  }
  if (failed) {
    const reason = failed.args.reason as string;
    result.notOpened = { reason, message: reasonInWords(reason) };
  }
  return { receipt, result };
}

/**
 * Builds the collection of a curve's fees without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.curve.prepareCollectFees({ model: "face-landmark-68-tiny" });
 */
export async function prepareCollectCurveFees(
  context: CurveContext,
  params: CurveParameters,
): Promise<ContractTransaction> {
  const { curve } = await curveOf(context, params.model);
  const [, , fees] = await io.read(() => curve.state());
  if (fees === 0n) throw io.revert("CurveNoFees", []);
  return curve.collectFees.populateTransaction();
}

/**
 * Collects a curve's accrued fees: deposited into the model token as revenue for its holders, or paid to the treasury,
 * as the launch chose (to the treasury when the token refuses the deposit). Anyone may call it. A curve without fees
 * is refused with {@link CurveNoFeesError}.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.curve.collectFees({ model: "face-landmark-68-tiny" });
 * console.log(result.amount, result.asRevenue ? "to holders" : "to the treasury");
 */
export async function collectCurveFees(
  context: CurveContext,
  params: CurveParameters,
): Promise<WriteResult<CurveFeesView>> {
  const transaction = await prepareCollectCurveFees(context, params);
  const receipt = await io.send(context, transaction, "Collecting fees");
  const { args } = io.findEvent(receipt, transaction.to, "FeesCollected");
  return {
    receipt,
    result: {
      recipient: args.recipient as string,
      amount: args.amount as bigint,
      asRevenue: args.asRevenue as boolean,
    },
  };
}

/**
 * Builds the reclaim of a curve's model tokens without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.curve.prepareReclaim({ model: "face-landmark-68-tiny" });
 */
export async function prepareReclaimCurve(
  context: CurveContext,
  params: CurveParameters,
): Promise<ContractTransaction> {
  const { curve } = await curveOf(context, params.model);
  // The curve's own checks (the status, tokens to reclaim) are run first, so the refusal reads as the curve's.
  await io.read(() => curve.reclaim.staticCall());
  return curve.reclaim.populateTransaction();
}

/**
 * After a curve's deadline without graduation, sends every model token it holds (unsold, the pool's reserve, those
 * sold back) to the treasury; the quote reserve stays for sellers. Anyone may call it, as often as tokens come back.
 * Before the deadline, or once graduated, it is refused with {@link CurveWrongStatusError}.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.curve.reclaim({ model: "face-landmark-68-tiny" });
 * console.log(result.tokens, result.treasury);
 */
export async function reclaimCurve(
  context: CurveContext,
  params: CurveParameters,
): Promise<WriteResult<{ treasury: string; tokens: bigint }>> {
  const transaction = await prepareReclaimCurve(context, params);
  const receipt = await io.send(context, transaction, "Reclaiming");
  const { args } = io.findEvent(receipt, transaction.to, "Reclaimed");
  return { receipt, result: { treasury: args.treasury as string, tokens: args.tokens as bigint } };
}

/**
 * Builds the withdrawal of the signer's credited ETH refunds without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.curve.prepareWithdraw({ model: "face-landmark-68-tiny" });
 */
export async function prepareWithdrawCurveCredit(
  context: CurveContext,
  params: CurveWithdrawParameters,
): Promise<ContractTransaction> {
  const account = await accountOrSigner(context, undefined, "Withdrawing a refund");
  const to = await accountOrSigner(context, params.to, "Withdrawing a refund", "to");
  const { curve } = await curveOf(context, params.model);
  const credit = await io.read(() => curve.creditOf(account));
  if (credit === 0n) throw io.revert("CurveNothingToWithdraw", [account]);
  return curve.withdraw.populateTransaction(to);
}

/**
 * Withdraws the ETH refunds a curve credited to the signer (a buy's refund above the target that could not be sent),
 * to `to` (the signer by default). Without any it is refused with {@link CurveNothingToWithdrawError}.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.curve.withdraw({ model: "face-landmark-68-tiny" });
 * console.log(result.amount);
 */
export async function withdrawCurveCredit(
  context: CurveContext,
  params: CurveWithdrawParameters,
): Promise<WriteResult<{ to: string; amount: bigint }>> {
  const transaction = await prepareWithdrawCurveCredit(context, params);
  const receipt = await io.send(context, transaction, "Withdrawing a refund");
  const { args } = io.findEvent(receipt, transaction.to, "CreditWithdrawn");
  return { receipt, result: { to: args.to as string, amount: args.amount as bigint } };
}
