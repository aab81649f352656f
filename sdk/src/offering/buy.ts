import { toUnits } from "../amounts.js";
import { IPaymentToken__factory, ModelOffering__factory } from "../contracts.js";
import { accountOrSigner } from "../module.js";
import { prepareErc20Payment, type Erc20PaymentOptions } from "../permit.js";
import type { ModelRef, WriteResult } from "../registry/types.js";
import type { Allowlist } from "./allowlist.js";
import { AllowlistError } from "./errors.js";
import { io, readAsset, readPosition, saleOf } from "./internal.js";
import type { BuyResult, OfferingContext, PreparedBuy } from "./types.js";

// Buying into a live sale: a deposit of ETH, or of an ERC-20 by permit or approval.

/** Parameters of {@link prepareBuy} and {@link buy}. */
export interface BuyParameters extends Erc20PaymentOptions {
  model: ModelRef;
  /** A bigint in the payment asset's smallest units, or a string in whole units ("1.5"). */
  amount: bigint | string;
  /** The allowlist proof of the buyer's address, for an allowlisted sale. */
  proof?: string[];
  /** Or the sale's allowlist, from which the buyer's proof is taken (its root must be the sale's). */
  allowlist?: Allowlist;
}

/**
 * Builds a purchase without sending it: for an ETH sale the deposit with its value; for an ERC-20 sale a
 * deposit with a freshly signed EIP-2612 permit when the token supports permits and the runner can sign
 * (the signature is made now, off chain), else an approval when the allowance is short, then the deposit.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions, method } = await client.offering.prepareBuy({ model: "face-landmark-68", amount: "250" });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareBuy(context: OfferingContext, params: BuyParameters): Promise<PreparedBuy> {
  const { launch, offering } = await saleOf(context, params.model);
  const sale = await io.read(() => offering.params());
  const payment = await readAsset(context, sale.paymentToken);
  const amount = toUnits(params.amount, payment);
  const account = await accountOrSigner(context, params.account, "Buying");
  const proof = proofFor(sale.merkleRoot, account, params);

  if (payment.isEth) {
    const deposit = await offering.depositETH.populateTransaction(proof, { value: amount });
    return { transactions: [deposit], method: "depositETH", offering: launch.offering, amount, payment, proof };
  }
  const token = IPaymentToken__factory.connect(payment.address, context.runner);
  const allowance = await io.read(() => token.allowance(account, launch.offering));
  const { transactions, method } = await prepareErc20Payment(context, {
    token,
    owner: account,
    spender: launch.offering,
    amount,
    allowance,
    permit: params.permit,
    permitTtl: params.permitTtl,
    withPermit: (p) => offering.depositWithPermit.populateTransaction(amount, p.deadline, p.v, p.r, p.s, proof),
    fromAllowance: () => offering.deposit.populateTransaction(amount, proof),
  });
  return { transactions, method, offering: launch.offering, amount, payment, proof };
}

/**
 * Buys into a live sale: deposits `amount` of the payment asset (ETH, or an ERC-20 by permit or approval,
 * see {@link prepareBuy}). Tokens and any refund come when the sale is final and the deposit is settled.
 *
 * @example
 * import { createClient, loadAllowlist, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.offering.buy({
 *   model: "face-landmark-68",
 *   amount: "1.5",
 *   allowlist: await loadAllowlist("allowlist.json"),
 * });
 * console.log(result.method, result.total, result.position.tokens);
 */
export async function buy(context: OfferingContext, params: BuyParameters): Promise<WriteResult<BuyResult>> {
  const prepared = await prepareBuy(context, params);
  const { receipt, approval } = await io.sendAll(context, prepared.transactions, "Buying");
  const event = io.findEvent(receipt, prepared.offering, "Deposited");
  const account = event.args.account as string;
  return {
    receipt,
    result: {
      method: prepared.method,
      deposited: event.args.amount as bigint,
      total: event.args.total as bigint,
      payment: prepared.payment,
      position: await readPosition(ModelOffering__factory.connect(prepared.offering, context.runner), account),
      approval,
    },
  };
}

function proofFor(merkleRoot: string, account: string, params: BuyParameters): string[] {
  if (params.proof) return params.proof;
  if (!params.allowlist || BigInt(merkleRoot) === 0n) return [];
  if (params.allowlist.root.toLowerCase() !== merkleRoot.toLowerCase()) {
    throw new AllowlistError(
      `The allowlist's root ${params.allowlist.root} is not the sale's, ${merkleRoot}: it is another list.`,
    );
  }
  return params.allowlist.proof(account);
}
