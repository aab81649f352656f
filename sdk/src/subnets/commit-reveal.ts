import { randomBytes } from "node:crypto";

import { hexlify, ZeroHash, type ContractTransaction, type TransactionReceipt } from "ethers";

import { accountOrSigner } from "../module.js";
import type { WriteResult } from "../registry/types.js";
import {
  commitsFile,
  keyOf,
  readWeightCommits,
  removeWeightCommits,
  saveWeightCommit,
  type CommitKey,
  type StoredWeightCommit,
} from "./commits.js";
import { WeightRevealError } from "./errors.js";
import { chain, findEvents, io, subnetAction, subnets, toNetuid } from "./internal.js";
import { getSubnetHyperparameters } from "./reads.js";
import type { NetuidRef, SubnetContext } from "./types.js";
import { InvalidWeightsError, toU16Weights, type U16Weights } from "./weights.js";

// A validator's weights on chain: committed as a hash with a salt kept on disk, revealed in the reveal epoch with
// that salt, or set directly where commit-reveal is off.

/** Parameters of {@link commitWeights}. */
export interface CommitWeightsParameters {
  netuid: NetuidRef;
  uids: number[];
  /** Any scale: scaled so that the largest is 65535 (see `toU16Weights`). */
  weights: (number | bigint)[];
  /**
   * The version key of the weights; by default the subnet's `weightsVersionKey`, the lowest it accepts. The commit
   * keeps the key in force when it is made: its reveal is checked against that, whatever the key is then.
   */
  versionKey?: bigint;
  /** Name UIDs whose weight is zero with a zero weight instead of leaving them out (see `toU16Weights`). */
  keepZeros?: boolean;
  /** Where the salt is kept; `SUBNET_COMMITS_FILE`, else `.subnets/commits.json` in the working directory. */
  commitsFile?: string;
}

/** What {@link prepareCommitWeights} returns: the transaction, and the commit to keep until its reveal. */
export interface PreparedCommitWeights {
  transaction: ContractTransaction;
  /** Everything the reveal needs, the salt included: keep it before sending (`saveWeightCommit`). */
  commit: StoredWeightCommit;
}

/**
 * Builds a weight commit without sending it or keeping its salt: scales the weights to u16, draws a random salt
 * and hashes them as the contract does for the hotkey that sends it (the signer, or `account` with a read-only
 * runner). The caller keeps `commit` (its salt above all) and reveals with it in its reveal epoch.
 *
 * @example
 * import { createClient, readDeployment, saveWeightCommit } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, commit } = await client.subnets.prepareCommitWeights({ netuid: 1, uids: [0, 1], weights: [3, 1], account: validator });
 * await saveWeightCommit(".subnets/commits.json", commit);
 */
export async function prepareCommitWeights(
  context: SubnetContext,
  params: CommitWeightsParameters & { account?: string },
): Promise<PreparedCommitWeights> {
  const { contract, id, account: hotkey } = await subnetAction(context, params, "Committing weights");
  const [info, p, chainId] = await Promise.all([
    io.read(() => contract.subnet(id)),
    getSubnetHyperparameters(context, id),
    chain(context),
  ]);
  const { uids, weights } = toU16Weights(params.uids, params.weights, Math.max(0, Number(info.n) - 1), {
    keepZeros: params.keepZeros,
  });
  const salt = hexlify(randomBytes(32));
  const versionKey = params.versionKey ?? p.weightsVersionKey;
  // The commit is held to the key in force now: a lower one could never be revealed.
  if (versionKey < p.weightsVersionKey) {
    throw new InvalidWeightsError(
      `Version key ${versionKey} is below the subnet's weightsVersionKey ${p.weightsVersionKey}: a commit made with it could not be revealed. Commit with ${p.weightsVersionKey} or later.`,
    );
  }
  const hash = await io.read(() => contract.weightsCommitHash(hotkey, id, uids, weights, salt, versionKey));
  const commit: StoredWeightCommit = {
    chainId,
    contract: await contract.getAddress(),
    netuid: id.toString(),
    hotkey,
    hash,
    uids,
    weights,
    salt,
    versionKey: versionKey.toString(),
    commitEpoch: info.epochNumber.toString(),
    revealEpoch: (info.epochNumber + BigInt(p.revealPeriod)).toString(),
    blockNumber: 0,
    transaction: "",
    createdAt: new Date().toISOString(),
  };
  return { transaction: await contract.commitWeights.populateTransaction(id, hash), commit };
}

/**
 * Commits the signer's (hotkey's) weights: scales them to u16, draws a random salt, hashes them as the contract
 * does, keeps the uids, weights, salt, version key, commit epoch and reveal epoch in the commits file BEFORE
 * sending (so a crash after sending never loses a salt), then commits the hash. A validator reveals with
 * {@link revealWeights}, after a restart too.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result, file } = await client.subnets.commitWeights({ netuid: 1, uids: [0, 1, 2], weights: [0.5, 0.3, 0.2] });
 * console.log(`reveal when ${result.revealEpoch} epochs are complete; salt in ${file}`);
 */
export async function commitWeights(
  context: SubnetContext,
  params: CommitWeightsParameters,
): Promise<WriteResult<StoredWeightCommit> & { file: string }> {
  const file = commitsFile(params.commitsFile);
  const { transaction, commit: entry } = await prepareCommitWeights(context, params);
  await saveWeightCommit(file, entry);
  let receipt: TransactionReceipt;
  try {
    receipt = await io.send(context, transaction, "Committing weights");
  } catch (error) {
    // Refused: nothing was committed, so the salt is of no use.
    await removeWeightCommits(file, keyOf(entry), [entry.hash]);
    throw error;
  }
  const [committed] = findEvents(context, receipt, "WeightsCommitted");
  const recorded = await io.read(() =>
    subnets(context).commitOf(BigInt(entry.netuid), Number(committed?.args.uid ?? 0)),
  );
  const final: StoredWeightCommit = {
    ...entry,
    commitEpoch: recorded.hash === entry.hash ? recorded.epoch.toString() : entry.commitEpoch,
    revealEpoch: committed ? (committed.args.revealEpoch as bigint).toString() : entry.revealEpoch,
    blockNumber: receipt.blockNumber,
    transaction: receipt.hash,
  };
  await saveWeightCommit(file, final);
  return { receipt, result: final, file };
}

/** Parameters of {@link revealWeights}. */
export interface RevealWeightsParameters {
  netuid: NetuidRef;
  /** The commits file the commit was kept in (see {@link commitWeights}). */
  commitsFile?: string;
}

/** What {@link prepareRevealWeights} returns: the transaction, the commit it reveals, and the salts it supersedes. */
export interface PreparedRevealWeights {
  transaction: ContractTransaction;
  /** The commit revealed, as the commits file keeps it. */
  commit: StoredWeightCommit;
  /** Hashes of the other commits the file keeps for the hotkey, which the chain no longer holds. */
  superseded: string[];
}

/**
 * Builds the reveal of the hotkey's pending commit (the signer's, or `account`'s with a read-only runner) with the
 * salt kept in the commits file, without sending it. Refuses an early reveal with the epoch it opens at, and an
 * expired one with the epoch it closed at (removing its salt, which can no longer serve).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction } = await client.subnets.prepareRevealWeights({ netuid: 1, account: validator });
 */
export async function prepareRevealWeights(
  context: SubnetContext,
  params: RevealWeightsParameters & { account?: string },
): Promise<PreparedRevealWeights> {
  const { contract, id, account: hotkey } = await subnetAction(context, params, "Revealing weights");
  const file = commitsFile(params.commitsFile);
  const [registered, uid] = await io.read(() => contract.uidOf(id, hotkey));
  if (!registered) throw io.revert("SubnetNotRegistered", [id, hotkey]);
  const [info, commit, chainId] = await Promise.all([
    io.read(() => contract.subnet(id)),
    io.read(() => contract.commitOf(id, uid)),
    chain(context),
  ]);
  const key: CommitKey = { chainId, contract: await contract.getAddress(), netuid: id, hotkey };
  const stored = await readWeightCommits(file, key);
  if (commit.hash === ZeroHash) {
    throw new WeightRevealError(`UID ${uid} of ${hotkey} has no pending weight commit on subnet ${id}.`, {
      details: stored.length
        ? `${file} keeps ${stored.length} salt(s) of commits the chain no longer holds.`
        : undefined,
    });
  }
  const entry = stored.find((e) => e.hash.toLowerCase() === commit.hash.toLowerCase());
  if (!entry) {
    throw new WeightRevealError(
      `No salt is kept in ${file} for UID ${uid}'s commit ${commit.hash} on subnet ${id}: it cannot be revealed.`,
      {
        details: "Reveal from the machine (or with the --commits-file) that made the commit, or commit again.",
      },
    );
  }
  const now = info.epochNumber;
  if (now < commit.revealEpoch) {
    const wait = commit.revealEpoch - now;
    throw new WeightRevealError(
      `Too early: the commit of epoch ${commit.epoch} is revealed when ${commit.revealEpoch} epochs are complete, and ${now} are (${wait} more to run; the next may start from block ${info.nextEpochBlock}).`,
    );
  }
  if (now > commit.revealEpoch) {
    await removeWeightCommits(file, key, [entry.hash]);
    throw new WeightRevealError(
      `Too late: the commit of epoch ${commit.epoch} had to be revealed when ${commit.revealEpoch} epochs were complete, and ${now} are. Its salt is removed; commit again.`,
    );
  }
  const transaction = await contract.revealWeights.populateTransaction(
    id,
    entry.uids,
    entry.weights,
    entry.salt,
    BigInt(entry.versionKey),
  );
  return { transaction, commit: entry, superseded: stored.filter((e) => e.hash !== entry.hash).map((e) => e.hash) };
}

/**
 * Reveals the signer's pending commit with the salt kept in the commits file: checks first that the reveal
 * window is open (refusing an early reveal with the epoch it opens at, and an expired one with the epoch it
 * closed at), sends the reveal, and removes the entry once it succeeded (and any entries of commits the chain no
 * longer holds).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { result } = await client.subnets.revealWeights({ netuid: 1 });
 * console.log(result.uids, result.weights);
 */
export async function revealWeights(
  context: SubnetContext,
  params: RevealWeightsParameters,
): Promise<WriteResult<StoredWeightCommit> & { file: string }> {
  const file = commitsFile(params.commitsFile);
  const { transaction, commit, superseded } = await prepareRevealWeights(context, params);
  const receipt = await io.send(context, transaction, "Revealing weights");
  await removeWeightCommits(file, keyOf(commit), [commit.hash, ...superseded]);
  return { receipt, result: commit, file };
}

/**
 * The commits the file keeps for the signer (or `hotkey`) on a subnet, with the chain's pending commit.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const { stored, pending } = await client.subnets.getPendingCommits({ netuid: 1 });
 */
export async function getPendingCommits(
  context: SubnetContext,
  params: { netuid: NetuidRef; hotkey?: string; commitsFile?: string },
): Promise<{
  stored: StoredWeightCommit[];
  pending?: { hash: string; epoch: bigint; revealEpoch: bigint; blockNumber: bigint };
}> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const hotkey = await accountOrSigner(context, params.hotkey, "Reading commits", "hotkey");
  const key: CommitKey = { chainId: await chain(context), contract: await contract.getAddress(), netuid: id, hotkey };
  const stored = await readWeightCommits(commitsFile(params.commitsFile), key);
  const [registered, uid] = await io.read(() => contract.uidOf(id, hotkey));
  if (!registered) return { stored };
  const commit = await io.read(() => contract.commitOf(id, uid));
  if (commit.hash === ZeroHash) return { stored };
  return {
    stored,
    pending: {
      hash: commit.hash,
      epoch: commit.epoch,
      revealEpoch: commit.revealEpoch,
      blockNumber: commit.blockNumber,
    },
  };
}

/** Parameters of {@link prepareSetWeights} and {@link setWeights}. */
export interface SetWeightsParameters {
  netuid: NetuidRef;
  uids: number[];
  /** Any scale: scaled so that the largest is 65535 (see `toU16Weights`). */
  weights: (number | bigint)[];
  /** The version key of the weights; the subnet's `weightsVersionKey` by default. */
  versionKey?: bigint;
  /** Name UIDs whose weight is zero with a zero weight instead of leaving them out (see `toU16Weights`). */
  keepZeros?: boolean;
}

/** What {@link prepareSetWeights} returns: the transaction, and the u16 weights it sets. */
export interface PreparedSetWeights extends U16Weights {
  transaction: ContractTransaction;
}

/**
 * Builds a direct setting of weights (on a subnet without commit and reveal) without sending it.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const { transaction, weights } = await client.subnets.prepareSetWeights({ netuid: 1, uids: [0, 1], weights: [3, 1] });
 */
export async function prepareSetWeights(
  context: SubnetContext,
  params: SetWeightsParameters,
): Promise<PreparedSetWeights> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const [info, p] = await Promise.all([io.read(() => contract.subnet(id)), getSubnetHyperparameters(context, id)]);
  const scaled = toU16Weights(params.uids, params.weights, Math.max(0, Number(info.n) - 1), {
    keepZeros: params.keepZeros,
  });
  const versionKey = params.versionKey ?? p.weightsVersionKey;
  return {
    transaction: await contract.setWeights.populateTransaction(id, scaled.uids, scaled.weights, versionKey),
    ...scaled,
  };
}

/**
 * Sets the signer's weights directly, on a subnet without commit and reveal.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * await client.subnets.setWeights({ netuid: 1, uids: [0, 1], weights: [3, 1] });
 */
export async function setWeights(
  context: SubnetContext,
  params: SetWeightsParameters,
): Promise<WriteResult<U16Weights>> {
  const { transaction, uids, weights } = await prepareSetWeights(context, params);
  const receipt = await io.send(context, transaction, "Setting weights");
  return { receipt, result: { uids, weights } };
}
