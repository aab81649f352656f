import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, isAddress } from "ethers";

import { AllowlistError } from "./errors.js";

// A sale's allowlist is an OpenZeppelin StandardMerkleTree of `address` leaves: the sale stores its root, and
// each buyer sends the proof of its own address with its first deposit. The tree file is the library's own
// JSON dump, so other tools (and the contract's tests) read the same file.

/** The JSON of a saved allowlist: OpenZeppelin's `StandardMerkleTree` dump of `address` leaves. */
export interface AllowlistData {
  format: "standard-v1";
  leafEncoding: string[];
  tree: string[];
  values: { value: [string]; treeIndex: number }[];
}

/** An allowlist: its root for the sale, and a proof for each address on it. */
export interface Allowlist {
  /** The Merkle root the sale is launched with (`SaleParams.merkleRoot`). */
  readonly root: string;
  /** The addresses on the list, checksummed, in the order given. */
  readonly accounts: readonly string[];
  /** Whether `account` is on the list. */
  has(account: string): boolean;
  /** The proof `account` sends with its first deposit; throws {@link AllowlistError} when it is not on the list. */
  proof(account: string): string[];
  /** The tree as JSON, for {@link saveAllowlist} or any StandardMerkleTree reader. */
  toJSON(): AllowlistData;
}

/**
 * Builds an allowlist from addresses. Duplicates (in any letter case) count once.
 *
 * @example
 * import { buildAllowlist } from "open-model-registry/sdk";
 * const allowlist = buildAllowlist(["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"]);
 * const sale = { ...saleParams, merkleRoot: allowlist.root };
 */
export function buildAllowlist(accounts: Iterable<string>): Allowlist {
  const unique = new Map<string, [string]>();
  for (const account of accounts) {
    if (!isAddress(account)) throw new AllowlistError(`"${account}" is not an address, so it cannot be allowlisted.`);
    const address = getAddress(account);
    unique.set(address, [address]);
  }
  if (unique.size === 0) throw new AllowlistError("An allowlist needs at least one address.");
  return wrap(StandardMerkleTree.of([...unique.values()], ["address"]));
}

/**
 * Reads an allowlist from its JSON: a saved tree (see {@link saveAllowlist}), or a plain array of addresses.
 * A tree whose hashes do not match its addresses is refused.
 *
 * @example
 * import { allowlistFromJson } from "open-model-registry/sdk";
 * const allowlist = allowlistFromJson(await (await fetch("https://example.org/allowlist.json")).json());
 */
export function allowlistFromJson(data: unknown): Allowlist {
  if (Array.isArray(data)) return buildAllowlist(data.map(String));
  const dump = data as Partial<AllowlistData> | null;
  if (
    typeof dump !== "object" ||
    dump === null ||
    dump.format !== "standard-v1" ||
    !Array.isArray(dump.leafEncoding) ||
    dump.leafEncoding.length !== 1 ||
    dump.leafEncoding[0] !== "address"
  ) {
    throw new AllowlistError(
      'This is not an allowlist: expected a StandardMerkleTree of ["address"] leaves or an array of addresses.',
    );
  }
  let tree: StandardMerkleTree<[string]>;
  try {
    tree = StandardMerkleTree.load(dump as AllowlistData);
    tree.validate();
  } catch (cause) {
    throw new AllowlistError("The allowlist tree is corrupt: its hashes do not match its addresses.", { cause });
  }
  return wrap(tree);
}

/**
 * Saves an allowlist's tree as JSON (atomically), for the team to publish and buyers to prove with.
 *
 * @example
 * import { buildAllowlist, saveAllowlist } from "open-model-registry/sdk";
 * await saveAllowlist("allowlist.json", buildAllowlist(addresses));
 */
export async function saveAllowlist(file: string, allowlist: Allowlist): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(allowlist.toJSON(), null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * Loads an allowlist saved by {@link saveAllowlist} (or any StandardMerkleTree dump of addresses, or a JSON
 * array of addresses).
 *
 * @example
 * import { createClient, loadAllowlist, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const allowlist = await loadAllowlist("allowlist.json");
 * await client.offering.buy({ model: "my-model", amount: "1.5", allowlist });
 */
export async function loadAllowlist(file: string): Promise<Allowlist> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new AllowlistError(`The allowlist ${file} could not be read as JSON.`, { cause });
  }
  return allowlistFromJson(data);
}

function wrap(tree: StandardMerkleTree<[string]>): Allowlist {
  const accounts: string[] = [];
  for (const [, [account]] of tree.entries()) accounts.push(getAddress(account));
  const members = new Set(accounts);
  const normalise = (account: string): string | undefined => (isAddress(account) ? getAddress(account) : undefined);
  return {
    root: tree.root,
    accounts,
    has: (account) => members.has(normalise(account) ?? ""),
    proof(account) {
      const address = normalise(account);
      if (!address || !members.has(address)) throw new AllowlistError(`${account} is not on the allowlist.`);
      return tree.getProof([address]);
    },
    toJSON: () => tree.dump() as AllowlistData,
  };
}
