import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { getAddress } from "ethers";

import { SdkError } from "../errors.js";

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

interface CommitsFileContent {
  version: 1;
  commits: StoredWeightCommit[];
}

/** The commits file cannot be read or written, or is not a commits file. */
export class CommitStoreError extends SdkError {}

/**
 * Every commit the file holds for `key`, oldest first (an empty list when the file does not exist).
 *
 * @example
 * import { readWeightCommits } from "open-model-registry/sdk";
 * const pending = await readWeightCommits(".subnets/commits.json", { chainId: 31337, contract, netuid: 1n, hotkey });
 */
export async function readWeightCommits(file: string, key: CommitKey): Promise<StoredWeightCommit[]> {
  const content = await load(file);
  return content.commits.filter((entry) => matches(entry, key));
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
  await locked(file, async () => {
    const content = await load(file);
    const key = keyOf(entry);
    content.commits = content.commits.filter((other) => !(matches(other, key) && other.hash === entry.hash));
    content.commits.push(entry);
    await store(file, content);
  });
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
  return locked(file, async () => {
    const content = await load(file);
    const wanted = new Set(hashes.map((hash) => hash.toLowerCase()));
    const before = content.commits.length;
    content.commits = content.commits.filter((entry) => !(matches(entry, key) && wanted.has(entry.hash.toLowerCase())));
    const removed = before - content.commits.length;
    if (removed > 0) await store(file, content);
    return removed;
  });
}

/** How long a writer waits for another to finish with the file, and when a lock is taken as left by a crash. */
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 60_000;

/**
 * Runs `action` holding `<file>.lock`, so that two validators' processes sharing the file (several subnets, a
 * commit and a reveal at once) never overwrite each other's entries: a lost entry is a lost salt.
 */
async function locked<T>(file: string, action: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.close();
      break;
    } catch (cause) {
      if ((cause as { code?: string }).code !== "EEXIST") {
        throw new CommitStoreError(`The weight commits file ${file} cannot be locked.`, { cause });
      }
      const held = await stat(lock).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > LOCK_STALE_MS) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new CommitStoreError(`The weight commits file ${file} is locked by another process (${lock}).`, {
          details: "Wait for it to finish; remove the lock file only if no other process uses the commits file.",
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await action();
  } finally {
    await rm(lock, { force: true });
  }
}

function keyOf(entry: StoredWeightCommit): CommitKey {
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

async function load(file: string): Promise<CommitsFileContent> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    if ((cause as { code?: string }).code === "ENOENT") return { version: 1, commits: [] };
    throw new CommitStoreError(`The weight commits file ${file} cannot be read.`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new CommitStoreError(`${file} is not a weight commits file: it is not JSON.`, { cause });
  }
  const content = parsed as Partial<CommitsFileContent>;
  if (content?.version !== 1 || !Array.isArray(content.commits)) {
    throw new CommitStoreError(`${file} is not a weight commits file (version 1 with a list of commits).`);
  }
  return { version: 1, commits: content.commits };
}

async function store(file: string, content: CommitsFileContent): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    // A reader (another command revealing) never sees half a file; the salts are readable by the owner only.
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch (cause) {
    throw new CommitStoreError(`The weight commits file ${file} cannot be written: the salts would be lost, so nothing was sent.`, {
      cause,
    });
  }
}
