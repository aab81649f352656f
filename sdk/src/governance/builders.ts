import { getAddress, Interface, isAddress } from "ethers";
import type { CID } from "multiformats/cid";

import { IPaymentToken__factory } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { formatAmount, parseAmount } from "../offering/actions.js";
import { formatDuration, toSeconds } from "../offering/config.js";
import { InvalidAmountError } from "../offering/errors.js";
import { getVersion, preparePublishVersion } from "../registry/actions.js";
import type { ModelRef, VersionSelector } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";
import {
  address,
  erc20Interface,
  factoryInterface,
  findDao,
  PROTOCOL_DAO,
  governorInterface,
  read,
  registryInterface,
  timelockInterface,
  type DaoRecord,
} from "./dao.js";
import { decodeActions } from "./decode.js";
import { ProposalCallError } from "./errors.js";
import type { DecodedAction, RawCall } from "./types.js";

// Builders of the calls a model's DAO makes through proposals, each returned as a DaoCall
// `{ to, data, value, description }` that `propose` takes as it is. The revenue settings' calls are the revenue
// module's builders (`buildAllowRevenueAsset`, `buildSetStreamDuration`, ...), which return the same shape.

/** What every governance call builder takes. */
export interface GovernanceCallOptions {
  model: ModelRef;
  /**
   * Try the call as the DAO (an `eth_call` from its timelock) and refuse it with the contract's own error when
   * it would fail today; on by default for registry calls.
   */
  simulate?: boolean;
}

/** Parameters of {@link buildPublishVersion}. */
export interface BuildPublishVersionParameters extends GovernanceCallOptions {
  tag: string;
  /** The CID of weights already on IPFS, or a local path to upload first (needs the client's IPFS backend). */
  weights: string | CID;
  config?: string | CID;
  parent?: { model: ModelRef; version: VersionSelector };
  datasets?: (string | CID)[];
}

/**
 * The DAO's call that publishes a version of its model, as the model's owner in the registry.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildPublishVersion({ model: "face-landmark-68", tag: "v2.0.0", weights: "bafy..." });
 */
export async function buildPublishVersion(context: ProtocolContext, params: BuildPublishVersionParameters): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const { transaction, weightsCid } = await preparePublishVersion(context, { ...params, model: dao.model });
  const description = `Publish version ${params.tag} of ${dao.slug} with weights ${weightsCid.toString()}.`;
  return simulated(context, dao, params, { to: transaction.to, data: transaction.data, value: 0n, description });
}

/** Parameters of {@link buildDeprecateVersion}. */
export interface BuildDeprecateVersionParameters extends GovernanceCallOptions {
  /** The version's tag (or index). */
  version: string | number;
  /** Shown to everyone who reads the version (1 to 280 bytes); not needed to lift a deprecation. */
  reason?: string;
  /** Lift the deprecation instead. */
  undo?: boolean;
}

/**
 * The DAO's call that deprecates a version of its model (or lifts the deprecation with `undo`).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildDeprecateVersion({ model: "face-landmark-68", version: "v1.0.0", reason: "use v2" });
 */
export async function buildDeprecateVersion(context: ProtocolContext, params: BuildDeprecateVersionParameters): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const selector: VersionSelector = typeof params.version === "number" ? params.version : { tag: params.version };
  const version = await getVersion(context, { model: dao.model, version: selector });
  if (params.undo) {
    const data = registryInterface.encodeFunctionData("undeprecate", [dao.model, version.index]);
    return simulated(context, dao, params, { to: registryAddress(context), data, value: 0n, description: `Lift the deprecation of ${dao.slug}@${version.tag}.` });
  }
  if (!params.reason) throw new ProposalCallError("A deprecation needs a reason (1 to 280 bytes), shown to everyone who reads the version.");
  const data = registryInterface.encodeFunctionData("deprecate", [dao.model, version.index, params.reason]);
  const description = `Deprecate ${dao.slug}@${version.tag}: "${params.reason}".`;
  return simulated(context, dao, params, { to: registryAddress(context), data, value: 0n, description });
}

/** Parameters of {@link buildSetPublisher}. */
export interface BuildSetPublisherParameters extends GovernanceCallOptions {
  account: string;
  /** Grant (the default) or revoke. */
  allowed?: boolean;
}

/**
 * The DAO's call that lets an account publish versions of its model, or revokes that right.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetPublisher({ model: "face-landmark-68", account: ci, allowed: false });
 */
export async function buildSetPublisher(context: ProtocolContext, params: BuildSetPublisherParameters): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const account = address(params.account, "account");
  const allowed = params.allowed ?? true;
  const data = registryInterface.encodeFunctionData("setPublisher", [dao.model, account, allowed]);
  const description = allowed ? `Let ${account} publish versions of ${dao.slug}.` : `Revoke ${account}'s right to publish versions of ${dao.slug}.`;
  return simulated(context, dao, params, { to: registryAddress(context), data, value: 0n, description });
}

/** Parameters of {@link buildTransferModel}. */
export interface BuildTransferModelParameters extends GovernanceCallOptions {
  /** The new owner of the model's registry NFT. */
  to: string;
}

/**
 * The DAO's call that hands its model (the registry NFT, and with it the owner's powers) to another account.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildTransferModel({ model: "face-landmark-68", to: newDao });
 */
export async function buildTransferModel(context: ProtocolContext, params: BuildTransferModelParameters): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const to = address(params.to, "to");
  const data = registryInterface.encodeFunctionData("safeTransferFrom(address,address,uint256)", [dao.timelock, to, dao.model]);
  return simulated(context, dao, params, { to: registryAddress(context), data, value: 0n, description: `Transfer the model ${dao.slug} (its registry NFT) to ${to}.` });
}

/** Parameters of {@link buildSendEth}. */
export interface BuildSendEthParameters {
  model: ModelRef;
  to: string;
  /** Whole ETH ("1.5") or wei as a bigint. */
  amount: string | bigint;
}

/**
 * The DAO's call that sends ETH from its treasury (the timelock).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSendEth({ model: "face-landmark-68", to: grantee, amount: "2" });
 */
export async function buildSendEth(context: ProtocolContext, params: BuildSendEthParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const to = address(params.to, "to");
  const value = units(params.amount, 18, "ETH");
  return { to, data: "0x", value, description: `Send ${formatAmount(value, 18)} ETH from ${dao.name}'s treasury to ${to}.` };
}

/** Parameters of {@link buildSendToken}. */
export interface BuildSendTokenParameters {
  model: ModelRef;
  /** The ERC-20's address (the model token's own address sends treasury tokens). */
  token: string;
  to: string;
  /** Whole units ("100") or the token's smallest units as a bigint. */
  amount: string | bigint;
}

/**
 * The DAO's call that sends an ERC-20 (its own model token included) from its treasury.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSendToken({ model: "face-landmark-68", token: usdc, to: grantee, amount: "500" });
 */
export async function buildSendToken(context: ProtocolContext, params: BuildSendTokenParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const token = address(params.token, "token");
  const to = address(params.to, "to");
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [decimals, symbol] = await read(() => Promise.all([erc20.decimals(), erc20.symbol()]));
  const amount = units(params.amount, Number(decimals), symbol);
  const data = erc20Interface.encodeFunctionData("transfer", [to, amount]);
  return { to: token, data, value: 0n, description: `Send ${formatAmount(amount, Number(decimals))} ${symbol} from ${dao.name}'s treasury to ${to}.` };
}

/** Parameters of the builders of the DAO's settings. */
export interface BuildSettingParameters {
  model: ModelRef;
  /** A duration (seconds, or "2d", "12h") for delays and periods; whole tokens for the threshold; percent for the quorum. */
  value: string | number | bigint;
}

/**
 * The DAO's call that changes how long after a proposal voting opens.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetVotingDelay({ model: "face-landmark-68", value: "2d" });
 */
export async function buildSetVotingDelay(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = durationSeconds(params.value, "voting delay");
  const data = governorInterface.encodeFunctionData("setVotingDelay", [seconds]);
  return { to: dao.governor, data, value: 0n, description: `Set ${dao.name}'s voting delay to ${formatDuration(seconds)}.` };
}

/**
 * The DAO's call that changes how long voting lasts.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetVotingPeriod({ model: "face-landmark-68", value: "7d" });
 */
export async function buildSetVotingPeriod(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = durationSeconds(params.value, "voting period");
  if (seconds === 0) throw new ProposalCallError("A voting period must be longer than zero.");
  const data = governorInterface.encodeFunctionData("setVotingPeriod", [seconds]);
  return { to: dao.governor, data, value: 0n, description: `Set ${dao.name}'s voting period to ${formatDuration(seconds)}.` };
}

/**
 * The DAO's call that changes the votes needed to propose (in whole tokens, or token units as a bigint).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetProposalThreshold({ model: "face-landmark-68", value: "1000" });
 */
export async function buildSetProposalThreshold(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const amount = typeof params.value === "bigint" ? params.value : parseAmount(String(params.value), 18);
  const data = governorInterface.encodeFunctionData("setProposalThreshold", [amount]);
  return { to: dao.governor, data, value: 0n, description: `Set ${dao.name}'s proposal threshold to ${formatAmount(amount, 18)} tokens of votes.` };
}

/**
 * The DAO's call that changes its quorum, in percent of the supply (1 to 100).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetQuorum({ model: "face-landmark-68", value: "10%" });
 */
export async function buildSetQuorum(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const text = String(params.value).trim().replace(/%$/, "");
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) {
    throw new ProposalCallError(`"${params.value}" is not a quorum: write a whole percentage from 1 to 100, e.g. "10%".`);
  }
  const data = governorInterface.encodeFunctionData("updateQuorumNumerator", [BigInt(text)]);
  return { to: dao.governor, data, value: 0n, description: `Set ${dao.name}'s quorum to ${text}% of the supply.` };
}

/**
 * The DAO's call that changes its timelock's delay between a proposal passing and its execution (the timelock
 * calls itself).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetTimelockDelay({ model: "face-landmark-68", value: "3d" });
 */
export async function buildSetTimelockDelay(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = durationSeconds(params.value, "timelock delay");
  const data = timelockInterface.encodeFunctionData("updateDelay", [seconds]);
  return { to: dao.timelock, data, value: 0n, description: `Set ${dao.name}'s timelock delay to ${formatDuration(seconds)}.` };
}

/** Parameters of {@link buildSetLaunchFee}. */
export interface BuildSetLaunchFeeParameters {
  /** Who receives the fee (any address when the fee is 0). */
  recipient: string;
  /** Basis points of later launches' sale proceeds ("250"), or a percentage ("2.5%"); at most 10%. */
  fee: string | number;
}

/**
 * The protocol DAO's call that sets the protocol fee of later launches (a launch keeps the fee it was made with).
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const call = await client.governance.buildSetLaunchFee({ recipient: treasury, fee: "2.5%" });
 */
export async function buildSetLaunchFee(context: ProtocolContext, params: BuildSetLaunchFeeParameters): Promise<DaoCall> {
  const dao = await findDao(context, PROTOCOL_DAO);
  const recipient = address(params.recipient, "recipient");
  const text = String(params.fee).trim();
  let bps: number;
  if (/^\d+(\.\d{1,2})?\s*%$/.test(text)) bps = Math.round(Number(text.replace("%", "")) * 100);
  else if (/^\d+$/.test(text)) bps = Number(text);
  else throw new ProposalCallError(`"${params.fee}" is not a fee: write basis points ("250") or a percentage ("2.5%").`);
  if (bps > 1_000) throw new ProposalCallError(`A protocol fee of ${bps / 100}% is above the 10% allowed.`);
  const data = factoryInterface.encodeFunctionData("setFee", [recipient, bps]);
  return simulated(context, dao, { model: PROTOCOL_DAO }, { to: factoryAddress(context), data, value: 0n, description: `Set the protocol fee of later launches to ${bps / 100}% of sale proceeds, paid to ${recipient}.` });
}

/** Parameters of {@link buildRawCalls}. */
export interface BuildRawCallsParameters {
  model: ModelRef;
  /** Calls as a `calls` JSON file holds them: `[{ target, value, signature: "transfer(address,uint256)", args: [...] }]`. */
  calls: unknown;
}

/**
 * The DAO's calls written by hand as signatures and arguments, encoded and described back in words with the
 * ABIs the SDK knows.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const calls = await client.governance.buildRawCalls({
 *   model: "face-landmark-68",
 *   calls: [{ target: usdc, signature: "transfer(address,uint256)", args: [grantee, "500000000"] }],
 * });
 */
export async function buildRawCalls(context: ProtocolContext, params: BuildRawCallsParameters): Promise<DaoCall[]> {
  const dao = await findDao(context, params.model);
  if (!Array.isArray(params.calls) || params.calls.length === 0) {
    throw new ProposalCallError('The calls must be a non-empty JSON array of { "target", "value", "signature", "args" }.');
  }
  const calls = (params.calls as RawCall[]).map((raw, i) => encodeRaw(raw, i));
  const decoded = await decodeActions(context, dao, calls);
  return calls.map((call, i) => ({ ...call, description: decoded[i].description }));
}

/**
 * Decodes a proposal's calls with the ABIs the SDK knows (registry, the model's token, timelock and governor,
 * ERC-20) and says what each does.
 *
 * @example
 * import { createClient } from "open-model-registry/sdk";
 * const actions = await client.governance.describeCalls({ model: "face-landmark-68", calls });
 */
export async function describeCalls(
  context: ProtocolContext,
  params: { model: ModelRef; calls: { to: string; data: string; value: bigint }[] },
): Promise<DecodedAction[]> {
  return decodeActions(context, await findDao(context, params.model), params.calls);
}

// ------------------------------------------------------------------------------------------- helpers

function encodeRaw(raw: RawCall, i: number): { to: string; data: string; value: bigint } {
  const where = `calls[${i}]`;
  if (!raw || typeof raw !== "object") throw new ProposalCallError(`${where} is not an object with "target", "value", "signature" and "args".`);
  if (typeof raw.target !== "string" || !isAddress(raw.target)) throw new ProposalCallError(`${where}.target must be an address.`);
  let value: bigint;
  try {
    value = BigInt(raw.value ?? 0);
  } catch {
    throw new ProposalCallError(`${where}.value must be a whole number of wei, not ${JSON.stringify(raw.value)}.`);
  }
  if (value < 0n) throw new ProposalCallError(`${where}.value must not be negative.`);
  if (!raw.signature) {
    if (raw.args && raw.args.length > 0) throw new ProposalCallError(`${where} has arguments but no "signature".`);
    return { to: getAddress(raw.target), data: "0x", value };
  }
  let iface: Interface;
  try {
    iface = new Interface([`function ${raw.signature}`]);
  } catch {
    throw new ProposalCallError(`${where}.signature "${raw.signature}" is not a function signature such as "transfer(address,uint256)".`);
  }
  const fragment = iface.fragments[0] as unknown as { name: string; inputs: unknown[] };
  const args = raw.args ?? [];
  if (args.length !== fragment.inputs.length) {
    throw new ProposalCallError(`${where}: ${raw.signature} takes ${fragment.inputs.length} argument(s), ${args.length} given.`);
  }
  try {
    return { to: getAddress(raw.target), data: iface.encodeFunctionData(fragment.name, args), value };
  } catch (error) {
    throw new ProposalCallError(`${where}: the arguments do not fit ${raw.signature} (${(error as Error).message.split(" (")[0]}).`, { cause: error });
  }
}

/** A launched model's DAO: the registry calls act on its model, which the protocol DAO does not have. */
async function modelDao(context: ProtocolContext, model: ModelRef): Promise<DaoRecord> {
  if (model === PROTOCOL_DAO) throw new ProposalCallError("The protocol DAO owns no model in the registry: name a launched model's slug.");
  return findDao(context, model);
}

function factoryAddress(context: ProtocolContext): string {
  return getAddress(context.factory.target as string);
}

function registryAddress(context: ProtocolContext): string {
  return getAddress(context.registry.target as string);
}

async function simulated(context: ProtocolContext, dao: DaoRecord, options: GovernanceCallOptions, call: DaoCall): Promise<DaoCall> {
  const provider = context.runner.provider;
  if (options.simulate !== false && provider) {
    await read(() => provider.call({ to: call.to, data: call.data, value: call.value, from: dao.timelock }));
  }
  return call;
}

function units(amount: string | bigint, decimals: number, symbol: string): bigint {
  const value = typeof amount === "bigint" ? amount : parseAmount(amount, decimals);
  if (value <= 0n) throw new InvalidAmountError(`The amount must be more than zero ${symbol}.`);
  return value;
}

function durationSeconds(value: string | number | bigint, what: string): number {
  if (typeof value === "bigint" || typeof value === "number") return Number(value);
  if (!/^\d+\s*[smhdw]?$/.test(value.trim())) {
    throw new ProposalCallError(`"${value}" is not a ${what}: write seconds, or a number with a unit such as "2d" or "12h".`);
  }
  return toSeconds(value.trim());
}
