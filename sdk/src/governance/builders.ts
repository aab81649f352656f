import { getAddress, Interface, isAddress } from "ethers";
import type { CID } from "multiformats/cid";

import { formatAmount, toUnits } from "../amounts.js";
import { IPaymentToken__factory } from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { address } from "../module.js";
import { getVersion } from "../registry/reads.js";
import type { ModelRef, VersionSelector } from "../registry/types.js";
import { preparePublishVersion } from "../registry/writes.js";
import type { DaoCall } from "../revenue/types.js";
import {
  erc20Interface,
  findDao,
  io,
  PROTOCOL_DAO,
  registryAddress,
  registryInterface,
  simulated,
  type DaoRecord,
} from "./internal.js";
import { decodeActions } from "./decode.js";
import { ProposalCallError } from "./errors.js";
import type { DecodedAction, RawCall } from "./types.js";

// Builders of the calls a DAO makes through proposals on its model and its treasury, and of calls written by
// hand, each returned as a DaoCall `{ to, data, value, description }` that `propose` takes as it is. The DAO's own
// settings are built in `settings.ts`; the revenue settings' calls are the revenue module's builders
// (`buildAllowRevenueAsset`, `buildSetStreamDuration`, ...), which return the same shape.

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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildPublishVersion({ model: "face-landmark-68", tag: "v2.0.0", weights: "bafy..." });
 */
export async function buildPublishVersion(
  context: ProtocolContext,
  params: BuildPublishVersionParameters,
): Promise<DaoCall> {
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildDeprecateVersion({ model: "face-landmark-68", version: "v1.0.0", reason: "use v2" });
 */
export async function buildDeprecateVersion(
  context: ProtocolContext,
  params: BuildDeprecateVersionParameters,
): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const selector: VersionSelector = typeof params.version === "number" ? params.version : { tag: params.version };
  const version = await getVersion(context, { model: dao.model, version: selector });
  if (params.undo) {
    const data = registryInterface.encodeFunctionData("undeprecate", [dao.model, version.index]);
    return simulated(context, dao, params, {
      to: registryAddress(context),
      data,
      value: 0n,
      description: `Lift the deprecation of ${dao.slug}@${version.tag}.`,
    });
  }
  if (!params.reason)
    throw new ProposalCallError(
      "A deprecation needs a reason (1 to 280 bytes), shown to everyone who reads the version.",
    );
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetPublisher({ model: "face-landmark-68", account: ci, allowed: false });
 */
export async function buildSetPublisher(
  context: ProtocolContext,
  params: BuildSetPublisherParameters,
): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const account = address(params.account, "account");
  const allowed = params.allowed ?? true;
  const data = registryInterface.encodeFunctionData("setPublisher", [dao.model, account, allowed]);
  const description = allowed
    ? `Let ${account} publish versions of ${dao.slug}.`
    : `Revoke ${account}'s right to publish versions of ${dao.slug}.`;
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildTransferModel({ model: "face-landmark-68", to: newDao });
 */
export async function buildTransferModel(
  context: ProtocolContext,
  params: BuildTransferModelParameters,
): Promise<DaoCall> {
  const dao = await modelDao(context, params.model);
  const to = address(params.to, "to");
  const data = registryInterface.encodeFunctionData("safeTransferFrom(address,address,uint256)", [
    dao.timelock,
    to,
    dao.model,
  ]);
  return simulated(context, dao, params, {
    to: registryAddress(context),
    data,
    value: 0n,
    description: `Transfer the model ${dao.slug} (its registry NFT) to ${to}.`,
  });
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSendEth({ model: "face-landmark-68", to: grantee, amount: "2" });
 */
export async function buildSendEth(context: ProtocolContext, params: BuildSendEthParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const to = address(params.to, "to");
  const value = toUnits(params.amount, { decimals: 18, symbol: "ETH" });
  return {
    to,
    data: "0x",
    value,
    description: `Send ${formatAmount(value, 18)} ETH from ${dao.name}'s treasury to ${to}.`,
  };
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSendToken({ model: "face-landmark-68", token: usdc, to: grantee, amount: "500" });
 */
export async function buildSendToken(context: ProtocolContext, params: BuildSendTokenParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const token = address(params.token, "token");
  const to = address(params.to, "to");
  const erc20 = IPaymentToken__factory.connect(token, context.runner);
  const [decimals, symbol] = await io.read(() => Promise.all([erc20.decimals(), erc20.symbol()]));
  const amount = toUnits(params.amount, { decimals: Number(decimals), symbol });
  const data = erc20Interface.encodeFunctionData("transfer", [to, amount]);
  return {
    to: token,
    data,
    value: 0n,
    description: `Send ${formatAmount(amount, Number(decimals))} ${symbol} from ${dao.name}'s treasury to ${to}.`,
  };
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const calls = await client.governance.buildRawCalls({
 *   model: "face-landmark-68",
 *   calls: [{ target: usdc, signature: "transfer(address,uint256)", args: [grantee, "500000000"] }],
 * });
 */
export async function buildRawCalls(context: ProtocolContext, params: BuildRawCallsParameters): Promise<DaoCall[]> {
  const dao = await findDao(context, params.model);
  if (!Array.isArray(params.calls) || params.calls.length === 0) {
    throw new ProposalCallError(
      'The calls must be a non-empty JSON array of { "target", "value", "signature", "args" }.',
    );
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
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
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
  if (!raw || typeof raw !== "object")
    throw new ProposalCallError(`${where} is not an object with "target", "value", "signature" and "args".`);
  if (typeof raw.target !== "string" || !isAddress(raw.target))
    throw new ProposalCallError(`${where}.target must be an address.`);
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
    throw new ProposalCallError(
      `${where}.signature "${raw.signature}" is not a function signature such as "transfer(address,uint256)".`,
    );
  }
  const fragment = iface.fragments[0] as unknown as { name: string; inputs: unknown[] };
  const args = raw.args ?? [];
  if (args.length !== fragment.inputs.length) {
    throw new ProposalCallError(
      `${where}: ${raw.signature} takes ${fragment.inputs.length} argument(s), ${args.length} given.`,
    );
  }
  try {
    return { to: getAddress(raw.target), data: iface.encodeFunctionData(fragment.name, args), value };
  } catch (error) {
    throw new ProposalCallError(
      `${where}: the arguments do not fit ${raw.signature} (${(error as Error).message.split(" (")[0]}).`,
      { cause: error },
    );
  }
}

/** A launched model's DAO: the registry calls act on its model, which the protocol DAO does not have. */
async function modelDao(context: ProtocolContext, model: ModelRef): Promise<DaoRecord> {
  if (model === PROTOCOL_DAO)
    throw new ProposalCallError("The protocol DAO owns no model in the registry: name a launched model's slug.");
  return findDao(context, model);
}
