import { ZeroAddress, type ContractTransaction } from "ethers";
import type { CID } from "multiformats/cid";

import { requireIpfs } from "../content.js";
import { cidToBytes } from "../ipfs/cid.js";
import { address } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import { SubnetParameterError } from "./errors.js";
import {
  approvalIfShort,
  findEvent,
  findEvents,
  io,
  mergeHyperparameters,
  readToken,
  subnetAction,
  subnets,
  toHyperparameters,
  toNetuid,
  units,
} from "./internal.js";
import { getQueuedHyperparameters, getSubnet, getSubnetHyperparameters, type QueuedHyperparameters } from "./reads.js";
import type { NetuidRef, SubnetCard, SubnetContext, SubnetHyperparameters, SubnetToken, SubnetView } from "./types.js";

// Setting a subnet up: creating it (paying the creation fee), changing its hyperparameters (queued for an epoch),
// and funding its reward pool.

/** Parameters of {@link createSubnet}. */
export interface CreateSubnetParameters {
  stakeToken: string;
  rewardToken: string;
  /** Changes to the contract's default hyperparameters. */
  hyperparameters?: Partial<SubnetHyperparameters>;
  /** The model the subnet improves (its id); none by default. */
  model?: bigint;
  /** The subnet's description, uploaded to IPFS as JSON (the client needs IPFS); `{ name: "Unnamed subnet" }` by default. */
  card?: SubnetCard;
  /** The CID of a description on IPFS already, instead of `card`. */
  metadataCid?: CID | string;
  /** Set the owner's hotkey right after creating (its UID then is never pruned and keeps a validator permit). */
  ownerHotkey?: string;
}

/** What {@link createSubnet} did. */
export interface CreateSubnetResult {
  subnet: SubnetView;
  /** The creation fee paid, in wei. */
  fee: bigint;
  feeToken: SubnetToken;
}

/**
 * Builds a subnet's creation without sending it: the contract's defaults with the changes given, and the
 * creation fee (ETH) as the value.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareCreateSubnet({ stakeToken, rewardToken, hyperparameters: { tempo: 100 } });
 */
export async function prepareCreateSubnet(
  context: SubnetContext,
  params: CreateSubnetParameters,
): Promise<ContractTransaction> {
  const contract = subnets(context);
  const metadataCid = params.metadataCid ?? (await uploadCard(context, params.card ?? { name: "Unnamed subnet" }));
  const [defaults, fee] = await io.read(() => Promise.all([contract.defaultHyperparameters(), contract.creationFee()]));
  const hyperparameters = mergeHyperparameters(toHyperparameters(defaults), params.hyperparameters ?? {});
  return contract.createSubnet.populateTransaction(
    {
      stakeToken: address(params.stakeToken, "stakeToken"),
      rewardToken: address(params.rewardToken, "rewardToken"),
      model: params.model ?? 0n,
      metadataCid: cidToBytes(metadataCid),
      hyperparameters,
    },
    { value: fee },
  );
}

/**
 * Creates a subnet owned by the signer, paying the creation fee in ETH, and returns it (after setting the
 * owner's hotkey, when given).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.createSubnet({ stakeToken, rewardToken, hyperparameters: { tempo: 100 } });
 * console.log(result.subnet.netuid);
 */
export async function createSubnet(
  context: SubnetContext,
  params: CreateSubnetParameters,
): Promise<WriteResult<CreateSubnetResult>> {
  const transaction = await prepareCreateSubnet(context, params);
  const receipt = await io.send(context, transaction, "Creating a subnet");
  const netuid = findEvent(context, receipt, "SubnetCreated").args.netuid as bigint;
  let last = receipt;
  if (params.ownerHotkey) {
    const hotkey = address(params.ownerHotkey, "ownerHotkey");
    last = await io.send(
      context,
      await subnets(context).setOwnerHotkey.populateTransaction(netuid, hotkey),
      "Setting the owner's hotkey",
    );
  }
  return {
    receipt: last,
    result: {
      subnet: await getSubnet(context, netuid),
      fee: transaction.value ?? 0n,
      feeToken: { address: ZeroAddress, symbol: "ETH", decimals: 18 },
    },
  };
}

/** Parameters of {@link setSubnetHyperparameters}. */
export interface SetSubnetHyperparametersParameters {
  netuid: NetuidRef;
  /** The hyperparameters to change; the others keep their values. */
  changes: Partial<SubnetHyperparameters>;
}

/**
 * Builds a change of some of a subnet's hyperparameters without sending it (the others keep the values in force, or
 * those already queued).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareSetSubnetHyperparameters({ netuid: 1, changes: { tempo: 120 } });
 */
export async function prepareSetSubnetHyperparameters(
  context: SubnetContext,
  params: SetSubnetHyperparametersParameters,
): Promise<ContractTransaction> {
  const id = toNetuid(params.netuid);
  const contract = subnets(context);
  const queued = await getQueuedHyperparameters(context, id);
  const base = queued?.hyperparameters ?? (await getSubnetHyperparameters(context, id));
  return contract.setHyperparameters.populateTransaction(id, mergeHyperparameters(base, params.changes));
}

/**
 * Changes some of a subnet's hyperparameters (its owner only). The change is queued and announced: it applies from
 * the start of the epoch after the next one to start, so the tempo that epoch pays for is worked under it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.setSubnetHyperparameters({ netuid: 1, changes: { tempo: 120 } });
 * console.log(`tempo 120 from epoch ${result.from}`);
 */
export async function setSubnetHyperparameters(
  context: SubnetContext,
  params: SetSubnetHyperparametersParameters,
): Promise<WriteResult<QueuedHyperparameters>> {
  const receipt = await io.send(
    context,
    await prepareSetSubnetHyperparameters(context, params),
    "Setting hyperparameters",
  );
  const queued = findEvent(context, receipt, "SubnetHyperparametersQueued");
  return {
    receipt,
    result: { hyperparameters: toHyperparameters(queued.args.hyperparameters), from: queued.args.from as bigint },
  };
}

/** Parameters of {@link prepareFundSubnet} and {@link fundSubnet}. */
export interface FundSubnetParameters {
  netuid: NetuidRef;
  /** A bigint in reward token units, or a string in whole units ("10000"). */
  amount: bigint | string;
  /** With a read-only runner (for {@link prepareFundSubnet}): the payer. */
  account?: string;
}

/**
 * Builds a funding of a subnet's reward pool without sending it: an approval of the reward token when the payer's
 * allowance is short, then the funding. With a read-only runner, `account` names the payer.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transactions } = await client.subnets.prepareFundSubnet({ netuid: 1, amount: "10000", account: safe });
 */
export async function prepareFundSubnet(
  context: SubnetContext,
  params: FundSubnetParameters,
): Promise<{ transactions: ContractTransaction[]; amount: bigint }> {
  const { contract, id, account: payer } = await subnetAction(context, params, "Funding");
  const info = await io.read(() => contract.subnet(id));
  const amount = units(params.amount, await readToken(context, info.rewardToken));
  const approval = await approvalIfShort(context, info.rewardToken, payer, amount);
  const fund = await contract.fund.populateTransaction(id, amount);
  return { transactions: approval ? [approval, fund] : [fund], amount };
}

/**
 * Adds reward tokens to a subnet's reward pool (anyone may), approving them when the allowance is short.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.subnets.fundSubnet({ netuid: 1, amount: "10000" });
 */
export async function fundSubnet(
  context: SubnetContext,
  params: FundSubnetParameters,
): Promise<WriteResult<{ amount: bigint; rewardPool: bigint }>> {
  const { transactions, amount } = await prepareFundSubnet(context, params);
  const { receipt } = await io.sendAll(context, transactions, "Funding");
  const [funded] = findEvents(context, receipt, "SubnetFunded");
  const rewardPool = (await io.read(() => subnets(context).subnet(toNetuid(params.netuid)))).rewardPool;
  return { receipt, result: { amount: (funded?.args.amount as bigint | undefined) ?? amount, rewardPool } };
}

async function uploadCard(context: SubnetContext, card: SubnetCard): Promise<CID> {
  const ipfs = requireIpfs(
    context.ipfs,
    "Uploading a subnet's description",
    "Or give the CID of a description on IPFS already (metadataCid).",
  );
  if (typeof card.name !== "string" || card.name.trim() === "")
    throw new SubnetParameterError("A subnet's description needs a name.");
  return (await ipfs.addBytes(new TextEncoder().encode(JSON.stringify(card)))).cid;
}
