import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { importer } from "ipfs-unixfs-importer";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";

import type { WritableStorage } from "ipfs-unixfs-importer";

import { IpfsError } from "./errors.js";
import { ProgressCounter, scanPath, treeParts } from "./disk.js";
import { checkCidVersion, importerOptions } from "./params.js";
import type { DiskTree } from "./disk.js";
import type { AddedEntry, AddProgress, AddResult, CidVersion, HashOptions } from "./types.js";

/** The name the root directory gets inside the importer; it is not part of any CID. */
const ROOT = "root";

/**
 * Sorts entries by path in UTF-8 byte order, so the root ('') comes first.
 *
 * @example
 * import { sortEntries } from "./import.js";
 * const sorted = sortEntries(result.entries.slice());
 */
export function sortEntries(entries: AddedEntry[]): AddedEntry[] {
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/**
 * Content bytes of every path of a tree: a file's size, a directory's total.
 *
 * @example
 * import { scanPath } from "./disk.js";
 * import { contentSizes } from "./import.js";
 * console.log(contentSizes(await scanPath("./models/tiny")).get("")); // bytes of every file
 */
export function contentSizes(tree: DiskTree): Map<string, number> {
  const sizes = new Map<string, number>([["", tree.totalBytes]]);
  if (tree.kind === "file") return sizes;
  for (const entry of tree.entries) if (entry.kind === "directory") sizes.set(entry.path, 0);
  for (const file of tree.files) {
    sizes.set(file.path, file.size);
    let slash = file.path.lastIndexOf("/");
    while (slash > 0) {
      const parent = file.path.slice(0, slash);
      sizes.set(parent, (sizes.get(parent) ?? 0) + file.size);
      slash = parent.lastIndexOf("/");
    }
  }
  return sizes;
}

/**
 * The CID of an empty UnixFS directory.
 *
 * @example
 * import { emptyDirectoryCid } from "./import.js";
 * console.log((await emptyDirectoryCid(0)).toString()); // QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn
 */
export async function emptyDirectoryCid(cidVersion: CidVersion): Promise<CID> {
  const block = dagPb.encode(dagPb.prepare({ Data: new UnixFS({ type: "directory" }).marshal() }));
  return CID.create(cidVersion, dagPb.code, await sha256.digest(block));
}

/**
 * Adds the empty directories an importer does not report (they are linked in their parent all the
 * same), so `entries` lists every path of the tree.
 *
 * @example
 * import { scanPath } from "./disk.js";
 * import { withEmptyDirectories } from "./import.js";
 * const entries = await withEmptyDirectories(await scanPath("./models/tiny"), reported, 1);
 */
export async function withEmptyDirectories(
  tree: DiskTree,
  entries: AddedEntry[],
  cidVersion: CidVersion,
): Promise<AddedEntry[]> {
  if (tree.kind === "file") return entries;
  const reported = new Set(entries.map((entry) => entry.path));
  const parents = new Set<string>();
  for (const entry of tree.entries) {
    const slash = entry.path.lastIndexOf("/");
    if (slash > 0) parents.add(entry.path.slice(0, slash));
  }
  for (const entry of tree.entries) {
    if (entry.kind === "directory" && !reported.has(entry.path) && !parents.has(entry.path)) {
      entries.push({ path: entry.path, cid: await emptyDirectoryCid(cidVersion), size: 0 });
    }
  }
  return entries;
}

/**
 * Imports a scanned file or directory into `blockstore` with the fixed parameters.
 *
 * @example
 * import { MemoryBlockstore } from "blockstore-core";
 * import { scanPath } from "./disk.js";
 * import { importTree } from "./import.js";
 * const { cid } = await importTree(await scanPath("./models/tiny"), new MemoryBlockstore(), 1);
 */
export async function importTree(
  tree: DiskTree,
  blockstore: WritableStorage,
  cidVersion: CidVersion,
  onProgress?: (progress: AddProgress) => void,
): Promise<AddResult> {
  const progress = new ProgressCounter(tree.totalBytes, onProgress);
  const sizes = contentSizes(tree);
  const entries: AddedEntry[] = [];
  progress.start();
  try {
    for await (const entry of importer(treeParts(tree, ROOT, progress), blockstore, importerOptions(cidVersion))) {
      const path = entry.path === ROOT ? "" : (entry.path ?? "").slice(ROOT.length + 1);
      entries.push({ path, cid: entry.cid, size: sizes.get(path) ?? 0 });
    }
  } catch (error) {
    if (error instanceof IpfsError) throw error;
    throw new IpfsError(`Adding ${tree.absolutePath} failed.`, { cause: error });
  }
  const root = entries.find((entry) => entry.path === "");
  if (!root) throw new IpfsError(`Adding ${tree.absolutePath} produced no root.`);
  return {
    cid: root.cid,
    size: root.size,
    entries: sortEntries(await withEmptyDirectories(tree, entries, cidVersion)),
  };
}

/**
 * Imports bytes held in memory as one file.
 *
 * @example
 * import { MemoryBlockstore } from "blockstore-core";
 * import { importBytes } from "./import.js";
 * const { cid } = await importBytes(new TextEncoder().encode("hello\n"), new MemoryBlockstore(), 1);
 */
export async function importBytes(
  bytes: Uint8Array,
  blockstore: WritableStorage,
  cidVersion: CidVersion,
  onProgress?: (progress: AddProgress) => void,
): Promise<AddResult> {
  if (!(bytes instanceof Uint8Array)) throw new IpfsError("addBytes takes a Uint8Array.");
  onProgress?.({ bytes: 0, total: bytes.length });
  let root: AddedEntry | undefined;
  try {
    for await (const entry of importer([{ content: bytes }], blockstore, importerOptions(cidVersion))) {
      root = { path: "", cid: entry.cid, size: bytes.length };
    }
  } catch (error) {
    throw new IpfsError("Adding bytes failed.", { cause: error });
  }
  if (!root) throw new IpfsError("Adding bytes produced no root.");
  onProgress?.({ bytes: bytes.length, total: bytes.length });
  return { cid: root.cid, size: root.size, entries: [root] };
}

/** A blockstore that keeps nothing: hashing only. */
const discard: WritableStorage = { put: async (cid) => cid };

/**
 * Computes the CID a file or directory gets when added with the fixed parameters
 * ({@link IMPORT_PARAMETERS}), storing nothing. The same rules as an add apply (hidden files included,
 * symbolic links followed, nothing skipped).
 *
 * @example
 * import { hashPath } from "open-model-registry/sdk";
 * const { cid } = await hashPath("./models/face_landmark_68");
 * const legacy = await hashPath("./models/face_landmark_68", { cidVersion: 0 });
 * console.log(cid.toString(), legacy.cid.toString());
 */
export async function hashPath(path: string, options: HashOptions = {}): Promise<AddResult> {
  const cidVersion = checkCidVersion(options.cidVersion);
  return importTree(await scanPath(path), discard, cidVersion, options.onProgress);
}
