import { ZeroAddress, type ContractTransaction, type TransactionReceipt } from "ethers";

import { InvalidAmountError, parseAmount } from "../amounts.js";
import { addressOr } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import {
  approvalIfShort,
  blockNumber,
  findEvent,
  findEvents,
  io,
  readToken,
  subnetAction,
  subnets,
  toNetuid,
} from "./internal.js";
import type { NetuidRef, SubnetContext, SubnetToken } from "./types.js";

// Registering a hotkey on a subnet: the price, which decays block by block while nobody registers, quoted; and the
// registration paid into the reward pool, accepting at most a price the registrant names.

/** How far above the quoted price {@link registerNeuron} accepts by default: 10% (the price only decays between registrations). */
export const DEFAULT_PRICE_TOLERANCE_BPS = 1_000;

/** What {@link quoteRegistration} returns. */
export interface RegistrationQuote {
  netuid: bigint;
  /** The price in the block read, in reward token units. */
  price: bigint;
  /** The quote plus the tolerance: what {@link registerNeuron} accepts by default. */
  maxPrice: bigint;
  rewardToken: SubnetToken;
  block: bigint;
}

/**
 * The price of registering a UID now (it decays block by block while nobody registers), and the most a
 * registration would accept by default (the price plus a tolerance, 10% unless told).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { price, maxPrice } = await client.subnets.quoteRegistration({ netuid: 1 });
 */
export async function quoteRegistration(
  context: SubnetContext,
  params: { netuid: NetuidRef; toleranceBps?: number },
): Promise<RegistrationQuote> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const block = await blockNumber(context);
  const [price, info] = await io.read(() =>
    Promise.all([contract.registrationPrice(id, { blockTag: block }), contract.subnet(id, { blockTag: block })]),
  );
  const tolerance = BigInt(params.toleranceBps ?? DEFAULT_PRICE_TOLERANCE_BPS);
  if (tolerance < 0n) throw new InvalidAmountError("The price tolerance cannot be negative.");
  return {
    netuid: id,
    price,
    maxPrice: price + (price * tolerance + 9_999n) / 10_000n,
    rewardToken: await readToken(context, info.rewardToken),
    block: BigInt(block),
  };
}

/** Parameters of {@link registerNeuron}. */
export interface RegisterNeuronParameters {
  netuid: NetuidRef;
  /** The hotkey to register; the signer by default. */
  hotkey?: string;
  /** The hotkey's coldkey (receives its incentive and take); the signer by default on a first registration. */
  coldkey?: string;
  /** The most to pay: a bigint in reward token units or a string in whole units; the quote plus the tolerance by default. */
  maxPrice?: bigint | string;
  /** Tolerance above the quote when `maxPrice` is not given, in basis points (10% by default). */
  toleranceBps?: number;
}

/** What {@link registerNeuron} did. */
export interface RegisterNeuronResult {
  netuid: bigint;
  uid: number;
  hotkey: string;
  coldkey: string;
  price: bigint;
  registeredAt: bigint;
  /** The hotkey that held the UID before, when it was pruned. */
  replaced?: string;
  /** The approval's receipt, when one was sent. */
  approval?: TransactionReceipt;
}

/** What {@link prepareRegisterNeuron} returns: the transactions to send in order, and what they do. */
export interface PreparedRegistration {
  /** An approval of the reward token first when the allowance is short, then the registration. */
  transactions: ContractTransaction[];
  hotkey: string;
  /** The price quoted and the most the registration accepts. */
  quote: RegistrationQuote;
  maxPrice: bigint;
}

/**
 * Builds a registration without sending it: quotes the price, refuses a `maxPrice` below it (before anything is
 * signed), and adds an approval of the reward token when the payer's allowance is short. With a read-only
 * runner, `account` names the payer (a multisig, a hardware wallet).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions } = await client.subnets.prepareRegisterNeuron({ netuid: 1, account: safe });
 * for (const transaction of transactions) await safe.propose(transaction);
 */
export async function prepareRegisterNeuron(
  context: SubnetContext,
  params: RegisterNeuronParameters & { account?: string },
): Promise<PreparedRegistration> {
  const { contract, id, account: payer } = await subnetAction(context, params, "Registering");
  const hotkey = addressOr(params.hotkey, payer, "hotkey");
  const coldkey = addressOr(params.coldkey, ZeroAddress, "coldkey");
  const quote = await quoteRegistration(context, { netuid: id, toleranceBps: params.toleranceBps });
  const maxPrice =
    params.maxPrice === undefined
      ? quote.maxPrice
      : typeof params.maxPrice === "bigint"
        ? params.maxPrice
        : parseAmount(params.maxPrice, quote.rewardToken.decimals);
  // Refused here, before an approval is sent: the price would have to fall by the next block, which it barely does.
  if (maxPrice < quote.price) throw io.revert("SubnetPriceAboveMax", [quote.price, maxPrice]);
  const approval = await approvalIfShort(context, quote.rewardToken.address, payer, maxPrice);
  const register = await contract.register.populateTransaction(id, hotkey, coldkey, maxPrice);
  return { transactions: approval ? [approval, register] : [register], hotkey, quote, maxPrice };
}

/**
 * Registers a hotkey on a subnet: quotes the price, approves the reward token when the allowance is short, and
 * registers accepting at most `maxPrice` (the quote plus 10% unless told), paid into the reward pool. On a full
 * subnet the UID to prune is replaced.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.registerNeuron({ netuid: 1 });
 * console.log(result.uid, result.price);
 */
export async function registerNeuron(
  context: SubnetContext,
  params: RegisterNeuronParameters,
): Promise<WriteResult<RegisterNeuronResult>> {
  const prepared = await prepareRegisterNeuron(context, params);
  const { receipt, approval } = await io.sendAll(context, prepared.transactions, "Registering");
  const registered = findEvent(context, receipt, "NeuronRegistered");
  const [pruned] = findEvents(context, receipt, "NeuronPruned");
  return {
    receipt,
    result: {
      netuid: prepared.quote.netuid,
      uid: Number(registered.args.uid),
      hotkey: registered.args.hotkey as string,
      coldkey: registered.args.coldkey as string,
      price: registered.args.price as bigint,
      registeredAt: BigInt(receipt.blockNumber),
      replaced: pruned ? (pruned.args.hotkey as string) : undefined,
      approval,
    },
  };
}
