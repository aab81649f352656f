import { getAddress, ZeroAddress, type ContractTransaction } from "ethers";

import { accountOrSigner, address, optionalSignerAddress, signerAddress } from "../module.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import { InvalidRecipientError } from "./errors.js";
import { assetCache, io, readSale, saleOf, toSettlement } from "./internal.js";
import { statusName } from "./status.js";
import type {
  FeePaymentView,
  FinalizedView,
  OfferingContext,
  OfferingSummary,
  SettlementView,
  SweepView,
} from "./types.js";

// After the sale: finalising it, settling deposits (to their depositors, or by a depositor elsewhere), sweeping
// the rounding dust, paying the protocol fee, and cancelling a sale before it starts.

/** Parameters of the actions on one sale: {@link finalize}, {@link sweep}, {@link payFee}, {@link cancel}. */
export interface OfferingParameters {
  model: ModelRef;
}

/**
 * Builds the finalisation of a sale whose window has closed, without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareFinalize({ model: "face-landmark-68" });
 */
export async function prepareFinalize(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.finalize.populateTransaction();
}

/**
 * Finalises a sale after its window: decides the outcome (Failed below the soft cap, Succeeded, or
 * Oversubscribed above the hard cap) and sends unsold tokens and the proceeds less the fee to the DAO's
 * treasury. Anyone may call it; the first settlement does it too if nobody has.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.finalize({ model: "face-landmark-68" });
 * console.log(result.status, result.accepted, result.tokensSold);
 */
export async function finalize(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<WriteResult<FinalizedView>> {
  const transaction = await prepareFinalize(context, params);
  const receipt = await io.send(context, transaction, "Finalising");
  const { args } = io.findEvent(receipt, transaction.to, "Finalized");
  return {
    receipt,
    result: {
      status: statusName(args.status),
      raised: args.raised as bigint,
      accepted: args.accepted as bigint,
      tokensSold: args.tokensSold as bigint,
      fee: args.fee as bigint,
    },
  };
}

/** Parameters of {@link prepareSettle} and {@link settle}. */
export interface SettleParameters {
  model: ModelRef;
  /** Whose deposit to settle; the signer by default. Anyone (a keeper) may settle anyone: the tokens and refund go to the depositor. */
  account?: string;
  /**
   * Where the tokens and refund go (a cold wallet): the depositor's own choice, so only the depositor may name
   * another address than its own. With a read-only runner, `account` names the depositor that sends it.
   */
  to?: string;
}

/**
 * Builds a settlement without sending it: `settle(account)`, or, when the depositor sends its tokens and refund
 * elsewhere, `claim(to)`. A recipient where they would be lost (the zero address, the sale itself) is refused
 * before anything is signed.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareSettle({ model: "face-landmark-68", account: investor });
 */
export async function prepareSettle(context: OfferingContext, params: SettleParameters): Promise<ContractTransaction> {
  const { launch, offering } = await saleOf(context, params.model);
  if (params.to === undefined) {
    return offering.settle.populateTransaction(await accountOrSigner(context, params.account, "Settling"));
  }
  const to = address(params.to, "to");
  const signer = await optionalSignerAddress(context);
  const depositor =
    params.account === undefined
      ? (signer ?? (await signerAddress(context, "Claiming")))
      : address(params.account, "account");
  if (signer !== undefined && depositor !== signer) {
    // A keeper settles someone else's deposit to its depositor: nothing can go anywhere else.
    if (to !== depositor) {
      throw new InvalidRecipientError(
        `The tokens and refund of ${depositor}'s deposit go to ${depositor}: only the depositor may send them elsewhere.`,
      );
    }
    return offering.settle.populateTransaction(depositor);
  }
  // The sale refuses both: said here, before anything is signed.
  if (to === ZeroAddress || to === getAddress(launch.offering)) {
    throw new InvalidRecipientError(
      to === ZeroAddress
        ? "Claiming to the zero address would burn the tokens and refund: give an address you control."
        : `Claiming to the sale itself (${to}) would leave the tokens and refund there: give an address you control.`,
    );
  }
  return offering.claim.populateTransaction(to);
}

/**
 * Settles a deposit once the sale is over (finalising it first if nobody has): the depositor receives its
 * tokens and refund, or sends them elsewhere with `to` (a cold wallet). A keeper may settle other people's
 * deposits; nothing can go anywhere but to them.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.settle({ model: "face-landmark-68" });
 * console.log(`received ${result.tokens} tokens and ${result.refund} back`);
 * await client.offering.settle({ model: "face-landmark-68", to: coldWallet }); // yours, sent elsewhere
 */
export async function settle(context: OfferingContext, params: SettleParameters): Promise<WriteResult<SettlementView>> {
  const transaction = await prepareSettle(context, params);
  const receipt = await io.send(context, transaction, params.to === undefined ? "Settling" : "Claiming");
  return { receipt, result: toSettlement(io.findEvent(receipt, transaction.to, "Settled").args) };
}

/**
 * Builds a sweep without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareSweep({ model: "face-landmark-68" });
 */
export async function prepareSweep(context: OfferingContext, params: OfferingParameters): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.sweep.populateTransaction();
}

/**
 * Sends what rounding left in a final sale (model tokens and payment) to the DAO's treasury, once every
 * depositor has settled. Anyone may call it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.sweep({ model: "face-landmark-68" });
 * console.log(result.tokens, result.payment);
 */
export async function sweep(context: OfferingContext, params: OfferingParameters): Promise<WriteResult<SweepView>> {
  const transaction = await prepareSweep(context, params);
  const receipt = await io.send(context, transaction, "Sweeping");
  const { args } = io.findEvent(receipt, transaction.to, "Swept");
  return { receipt, result: { tokens: args.tokens as bigint, payment: args.payment as bigint } };
}

/**
 * Builds the protocol fee's payout without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.preparePayFee({ model: "face-landmark-68" });
 */
export async function preparePayFee(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.payFee.populateTransaction();
}

/**
 * Pays the protocol fee a final sale owes to its recipient. Anyone may call it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.payFee({ model: "face-landmark-68" });
 * console.log(`${result.amount} to ${result.recipient}`);
 */
export async function payFee(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<WriteResult<FeePaymentView>> {
  const transaction = await preparePayFee(context, params);
  const receipt = await io.send(context, transaction, "Paying the fee");
  const { args } = io.findEvent(receipt, transaction.to, "FeePaid");
  return { receipt, result: { recipient: args.recipient as string, amount: args.amount as bigint } };
}

/**
 * Builds a cancellation without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.offering.prepareCancel({ model: "face-landmark-68" });
 */
export async function prepareCancel(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<ContractTransaction> {
  const { offering } = await saleOf(context, params.model);
  return offering.cancel.populateTransaction();
}

/**
 * Cancels a sale before it starts, returning its tokens to the DAO's treasury. The team account only.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.cancel({ model: "face-landmark-68" });
 * console.log(result.status); // "Cancelled"
 */
export async function cancel(
  context: OfferingContext,
  params: OfferingParameters,
): Promise<WriteResult<OfferingSummary>> {
  const receipt = await io.send(context, await prepareCancel(context, params), "Cancelling");
  const { launch } = await saleOf(context, params.model);
  return { receipt, result: (await readSale(context, launch, assetCache(context))).summary };
}
