import path from "node:path";

import { getAddress } from "ethers";

import { SdkError } from "../errors.js";
import { secretStore } from "../store.js";

// The salts of weight commits, kept on the validator's disk between the commit and the reveal. A salt is what
// keeps weights secret until the reveal, and without it a commit cannot be revealed: losing this file costs the
// validator its weights for the epoch, so it is written atomically and never pruned except after a reveal.
//
// Where: `.subnets/commits.json` in the working directory unless `SUBNET_COMMITS_FILE` or the action's
// `commitsFile` names another file. The working directory is where the CLI already keeps its other state
// (`deployments/`, `.ipfs`), so a validator's node directory holds everything it needs to restart.

/** The commits file's path relative to the working directory, unless `SUBNET_COMMITS_FILE` names another. */
export const DEFAULT_COMMITS_FILE = path.join(".subnets", "commits.json");

/**
 * The commits file used when an action is not given one: `SUBNET_COMMITS_FILE`, else `.subnets/commits.json`
 * in the working directory.
 *
 * @example
 * import { commitsFile } from "open-model-registry/sdk";
 * console.log(commitsFile()); // ".subnets/commits.json"
 */
export function commitsFile(file?: string): string {
  return file || process.env.SUBNET_COMMITS_FILE || DEFAULT_COMMITS_FILE;
}

/** One weight commit waiting for its reveal, with everything the reveal needs. Numbers that may exceed 2^53 are decimal strings. */
export interface StoredWeightCommit {
  chainId: number;
  /** The subnets contract. */
  contract: string;
  netuid: string;
  /** The validator's hotkey that committed. */
  hotkey: string;
  /** The hash recorded on chain. */
  hash: string;
  uids: number[];
  /** u16 weights, one per UID. */
  weights: number[];
  /** 32 bytes, hex. */
  salt: string;
  versionKey: string;
  /** Completed epochs when the commit was made. */
  commitEpoch: string;
  /**
   * The epoch number (completed epochs) at which the reveal is accepted: `commitEpoch + revealPeriod`, with the
   * period in force when the commit was made (the commit keeps it, whatever the period is changed to).
   */
  revealEpoch: string;
  /** Block of the commit transaction. */
  blockNumber: number;
  transaction: string;
  /** When it was written, ISO 8601. */
  createdAt: string;
}

/** Which commits: one validator on one subnet of one deployment. */
export interface CommitKey {
  chainId: number;
  contract: string;
  netuid: bigint;
  hotkey: string;
}

/** The commits file cannot be read or written, or is not a commits file. */
export class CommitStoreError extends SdkError {}

// The salts, kept between the commit and its reveal.
const store = secretStore<StoredWeightCommit>({
  kind: "weight commits file",
  list: "commits",
  lost: "the salts would be lost",
  error: CommitStoreError,
});

/**
 * Every commit the file holds for `key`, oldest first (an empty list when the file does not exist).
 *
 * @example
 * import { readWeightCommits } from "open-model-registry/sdk";
 * const pending = await readWeightCommits(".subnets/commits.json", { chainId: 31337, contract, netuid: 1n, hotkey });
 */
export async function readWeightCommits(file: string, key: CommitKey): Promise<StoredWeightCommit[]> {
  return (await store.read(file)).filter((entry) => matches(entry, key));
}

/**
 * Adds a commit to the file (replacing one with the same hash for the same key), written atomically with
 * owner-only permissions.
 *
 * @example
 * import { saveWeightCommit } from "open-model-registry/sdk";
 * await saveWeightCommit(".subnets/commits.json", entry);
 */
export async function saveWeightCommit(file: string, entry: StoredWeightCommit): Promise<void> {
  const key = keyOf(entry);
  await store.update(file, (entries) => [
    ...entries.filter((other) => !(matches(other, key) && other.hash === entry.hash)),
    entry,
  ]);
}

/**
 * Removes the commits of `key` with the given hashes (after their reveal, or once they expired); returns how many
 * it removed.
 *
 * @example
 * import { removeWeightCommits } from "open-model-registry/sdk";
 * await removeWeightCommits(".subnets/commits.json", key, [entry.hash]);
 */
export async function removeWeightCommits(file: string, key: CommitKey, hashes: readonly string[]): Promise<number> {
  const wanted = new Set(hashes.map((hash) => hash.toLowerCase()));
  let removed = 0;
  await store.update(file, (entries) => {
    const left = entries.filter((entry) => !(matches(entry, key) && wanted.has(entry.hash.toLowerCase())));
    removed = entries.length - left.length;
    return removed > 0 ? left : undefined;
  });
  return removed;
}

/** The key of a stored commit: its validator on its subnet of its deployment. */
export function keyOf(entry: StoredWeightCommit): CommitKey {
  return { chainId: entry.chainId, contract: entry.contract, netuid: BigInt(entry.netuid), hotkey: entry.hotkey };
}

function matches(entry: StoredWeightCommit, key: CommitKey): boolean {
  return (
    entry.chainId === key.chainId &&
    getAddress(entry.contract) === getAddress(key.contract) &&
    BigInt(entry.netuid) === key.netuid &&
    getAddress(entry.hotkey) === getAddress(key.hotkey)
  );
}
