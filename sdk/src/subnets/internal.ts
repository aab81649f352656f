import {
  getAddress,
  type ContractTransaction,
  type Interface,
  type LogDescription,
  type TransactionReceipt,
} from "ethers";

import { toUnits } from "../amounts.js";
import {
  IPaymentToken__factory,
  ModelToken__factory,
  Subnets__factory,
  YumaEpoch__factory,
  type Subnets,
} from "../contracts.js";
import { SdkError } from "../errors.js";
import { accountOrSigner, address, moduleIo } from "../module.js";
import { SubnetParameterError, SubnetsNotDeployedError } from "./errors.js";
import type { NetuidRef, SubnetContext, SubnetHyperparameters, SubnetToken } from "./types.js";

// What the subnet actions share: the subnets contract and its interfaces, a subnet's id and tokens, its
// hyperparameters as the contract packs them, approvals of its tokens, and its metagraph read in pages. Internal:
// not exported from the SDK.

const subnetsInterface: Interface = Subnets__factory.createInterface();

// The epoch library's interface reads its step events; the model token's decodes OpenZeppelin's ERC-20 errors of the
// stake and reward tokens.
export const io = moduleIo([
  subnetsInterface,
  YumaEpoch__factory.createInterface(),
  ModelToken__factory.createInterface(),
]);

/** UIDs read per `neurons` call: a subnet's whole metagraph (256 UIDs) in four calls sent together. */
const NEURON_PAGE = 64;

const HYPERPARAMETER_KEYS: readonly (keyof SubnetHyperparameters)[] = [
  "tempo",
  "maxUids",
  "maxValidators",
  "immunityPeriod",
  "minNonImmuneUids",
  "kappa",
  "bondsMovingAverage",
  "bondsPenalty",
  "activityCutoff",
  "weightsRateLimit",
  "minAllowedWeights",
  "weightsVersionKey",
  "commitReveal",
  "revealPeriod",
  "yuma3",
  "liquidAlpha",
  "alphaLow",
  "alphaHigh",
  "alphaSigmoidSteepness",
  "bondsReset",
  "ownerCut",
  "minPrice",
  "maxPrice",
  "priceHalfLife",
  "emission",
  "keeperReward",
];
const BIGINT_KEYS = new Set<keyof SubnetHyperparameters>([
  "minPrice",
  "maxPrice",
  "emission",
  "keeperReward",
  "weightsVersionKey",
]);
const BOOLEAN_KEYS = new Set<keyof SubnetHyperparameters>(["commitReveal", "yuma3", "liquidAlpha", "bondsReset"]);

/** The subnets contract of the context's deployment; a deployment without one is refused. */
export function subnets(context: SubnetContext): Subnets {
  const found = context.deployment?.contracts.Subnets;
  if (!found) {
    throw new SubnetsNotDeployedError("The protocol's deployment on this chain has no subnets contract.", {
      details:
        "Deploy the protocol again with subnets (npx hardhat protocol deploy), or use a deployments file that records Subnets.",
    });
  }
  return Subnets__factory.connect(found.address, context.runner);
}

/** The subnets contract's address: the emitter of its events and of its epoch library's. */
function subnetsAddress(context: SubnetContext): string {
  return context.deployment!.contracts.Subnets!.address;
}

/** Every event `name` the subnets contract (or its epoch library) logged in the receipt. */
export function findEvents(context: SubnetContext, receipt: TransactionReceipt, name: string): LogDescription[] {
  return io.findEvents(receipt, subnetsAddress(context), name);
}

/** The first event `name` the subnets contract logged in the receipt; a succeeded transaction without it is an error. */
export function findEvent(context: SubnetContext, receipt: TransactionReceipt, name: string): LogDescription {
  return io.findEvent(receipt, subnetsAddress(context), name);
}

export function toNetuid(netuid: NetuidRef): bigint {
  const text = String(netuid).trim();
  if (!/^\d+$/.test(text)) throw new SdkError(`"${netuid}" is not a subnet id: subnets are numbered 1, 2, 3...`);
  return BigInt(text);
}

/**
 * What a subnet action starts from: the subnets contract, the subnet's id, and the account it acts for (the
 * signer's, or `params.account` when given, as a read-only runner needs); `what` names the action in errors.
 */
export async function subnetAction(
  context: SubnetContext,
  params: { netuid: NetuidRef; account?: string },
  what: string,
): Promise<{ contract: Subnets; id: bigint; account: string }> {
  return {
    contract: subnets(context),
    id: toNetuid(params.netuid),
    account: await accountOrSigner(context, params.account, what),
  };
}

export async function blockNumber(context: SubnetContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Reading a subnet needs a provider: connect the client to one.");
  return provider.getBlockNumber();
}

export async function chain(context: SubnetContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("This needs a provider: connect the client to one.");
  return Number((await provider.getNetwork()).chainId);
}

export async function readToken(context: SubnetContext, token: string): Promise<SubnetToken> {
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [symbol, decimals] = await Promise.all([erc20.symbol().catch(() => ""), erc20.decimals().catch(() => 18n)]);
  return { address: getAddress(token), symbol: symbol || `${token.slice(0, 8)}…`, decimals: Number(decimals) };
}

/** An amount of one of a subnet's tokens: a bigint in its units, or a string in whole units; more than zero. */
export function units(amount: bigint | string, token: SubnetToken): bigint {
  return toUnits(amount, token);
}

/**
 * The approval of `amount` of `token` for `spender` (the subnets contract by default) when `owner`'s allowance is
 * short; refuses first a balance below `amount` (with the token's own error), so nothing is signed for a payment
 * that would fail.
 */
export async function approvalIfShort(
  context: SubnetContext,
  token: string,
  owner: string,
  amount: bigint,
  spender: string = subnetsAddress(context),
): Promise<ContractTransaction | undefined> {
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [allowance, balance] = await io.read(() =>
    Promise.all([erc20.allowance(owner, spender), erc20.balanceOf(owner)]),
  );
  if (balance < amount) throw io.revert("ERC20InsufficientBalance", [owner, balance, amount]);
  return allowance >= amount ? undefined : erc20.approve.populateTransaction(spender, amount);
}

/** Every UID's neuron, read in pages of {@link NEURON_PAGE} sent together (at `blockTag` when given). */
export async function readNeurons(contract: Subnets, netuid: bigint, n: number, blockTag?: number) {
  const at = blockTag === undefined ? {} : { blockTag };
  const pages = await io.read(() =>
    Promise.all(
      Array.from({ length: Math.ceil(n / NEURON_PAGE) }, (_, p) =>
        contract.neurons(netuid, p * NEURON_PAGE, NEURON_PAGE, at),
      ),
    ),
  );
  return pages.flat();
}

/** The UID of a hotkey given by address (or a UID given as a number); an unregistered hotkey is refused. */
export async function resolveUid(context: SubnetContext, netuid: bigint, hotkey: string | number): Promise<number> {
  if (typeof hotkey === "number" || /^\d+$/.test(hotkey)) return Number(hotkey);
  const [registered, uid] = await io.read(() => subnets(context).uidOf(netuid, address(hotkey, "hotkey")));
  if (!registered) throw io.revert("SubnetNotRegistered", [netuid, getAddress(hotkey)]);
  return Number(uid);
}

export function toHyperparameters(struct: object): SubnetHyperparameters {
  // TypeChain's struct output is a Result with the fields also named.
  const raw = struct as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of HYPERPARAMETER_KEYS) {
    const value = raw[key];
    out[key] = BIGINT_KEYS.has(key) ? BigInt(value as bigint) : BOOLEAN_KEYS.has(key) ? Boolean(value) : Number(value);
  }
  return out as unknown as SubnetHyperparameters;
}

export function mergeHyperparameters(
  base: SubnetHyperparameters,
  changes: Partial<SubnetHyperparameters>,
): SubnetHyperparameters {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const name = key as keyof SubnetHyperparameters;
    if (!HYPERPARAMETER_KEYS.includes(name)) {
      throw new SubnetParameterError(`"${key}" is not a hyperparameter. Known: ${HYPERPARAMETER_KEYS.join(", ")}.`);
    }
    if (value === undefined) continue;
    if (BOOLEAN_KEYS.has(name)) {
      if (typeof value !== "boolean") throw new SubnetParameterError(`${key} is true or false, not ${String(value)}.`);
      merged[key] = value;
    } else if (BIGINT_KEYS.has(name)) {
      if (!/^\d+$/.test(String(value)))
        throw new SubnetParameterError(`${key} is a whole number of token units, not ${String(value)}.`);
      merged[key] = BigInt(String(value));
    } else {
      if (!Number.isInteger(Number(value)) || Number(value) < 0)
        throw new SubnetParameterError(`${key} is a whole number, not ${String(value)}.`);
      merged[key] = Number(value);
    }
  }
  return merged as unknown as SubnetHyperparameters;
}
