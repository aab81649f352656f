import { randomBytes } from "node:crypto";
import { lstat, mkdir, rename, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { exporter } from "ipfs-unixfs-exporter";
import { equals } from "multiformats/bytes";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { sha256, sha512 } from "multiformats/hashes/sha2";

import type { PBNode } from "@ipld/dag-pb";
import type { ReadableStorage, UnixFSEntry } from "ipfs-unixfs-exporter";
import type { CID } from "multiformats/cid";
import type { MultihashHasher } from "multiformats/hashes/interface";

import {
  BlockVerificationError,
  CidMismatchError,
  DestinationExistsError,
  IpfsError,
  UnsupportedContentError,
} from "./errors.js";
import type { PullOptions, PullResult } from "./types.js";

/**
 * Reads the bytes of one block as stored, without checking them. Throws `ContentNotFoundError` when the
 * block is absent. Each backend provides one; {@link VerifiedBlocks} checks what it returns.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import type { BlockReader } from "./verify.js";
 * const read: BlockReader = (cid) => readFile(`/blocks/${cid}`);
 */
export type BlockReader = (cid: CID) => Promise<Uint8Array>;

const hashers = new Map<number, MultihashHasher>([
  [sha256.code, sha256],
  [sha512.code, sha512],
]);

/** Blocks read ahead of the one being written, per level of a file's DAG. */
const READ_AHEAD = 8;
/** Decoded file roots kept between planning a pull and writing it, in bytes of content they carry. */
const PLAN_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Checks that `bytes` hash to `cid`'s multihash.
 *
 * @throws {BlockVerificationError} on a mismatch or a hash function other than sha2-256, sha2-512 and identity.
 * @example
 * import { CID } from "multiformats/cid";
 * import { verifyBlock } from "./verify.js";
 * await verifyBlock(CID.parse("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"), new TextEncoder().encode("hello\n"));
 */
export async function verifyBlock(cid: CID, bytes: Uint8Array): Promise<void> {
  const { code, digest } = cid.multihash;
  if (code === identity.code) {
    if (!equals(digest, bytes))
      throw new BlockVerificationError(cid.toString(), "an identity CID that does not inline these bytes");
    return;
  }
  const hasher = hashers.get(code);
  if (!hasher) {
    throw new BlockVerificationError(
      cid.toString(),
      `hash function 0x${code.toString(16)} is not supported, so it cannot be checked`,
    );
  }
  const actual = await hasher.digest(bytes);
  if (!equals(actual.digest, digest)) {
    throw new BlockVerificationError(cid.toString(), `its ${bytes.length} bytes hash to a different digest`);
  }
}

/**
 * A block source whose every read is hashed and compared with the CID asked for, over an untrusted
 * {@link BlockReader} (the local blockstore or a daemon). Identity CIDs are answered without a read.
 *
 * @example
 * import { readFile } from "node:fs/promises";
 * import { VerifiedBlocks } from "./verify.js";
 * const blocks = new VerifiedBlocks((cid) => readFile(`/blocks/${cid}`));
 * const bytes = await blocks.get(cid); // throws BlockVerificationError if the file was altered
 */
export class VerifiedBlocks {
  /** The same verified reads in the shape the UnixFS exporter takes. */
  readonly storage: ReadableStorage;

  constructor(private readonly read: BlockReader) {
    const get = this.get.bind(this);
    this.storage = {
      get: async function* (cid: CID) {
        yield await get(cid);
      },
    };
  }

  /** The block's bytes, verified. */
  async get(cid: CID): Promise<Uint8Array> {
    if (cid.multihash.code === identity.code) return cid.multihash.digest;
    const bytes = await this.read(cid);
    await verifyBlock(cid, bytes);
    return bytes;
  }
}

/** A file to write: the root of its DAG, already decoded when it is a dag-pb node. */
type FileRoot = { cid: CID; node: PBNode } | { cid: CID; bytes: Uint8Array } | { cid: CID };

/**
 * Resolves a CID through the exporter (which reads through `blocks`, so verified), translating its errors.
 */
async function resolveEntry(cid: CID, blocks: VerifiedBlocks): Promise<UnixFSEntry> {
  try {
    return await exporter(cid, blocks.storage);
  } catch (error) {
    if (error instanceof IpfsError) throw error;
    const name = error instanceof Error ? error.name : "";
    if (name === "NotUnixFSError" || name === "NoResolverError") {
      throw new UnsupportedContentError(`${cid} is not UnixFS content (a file or a directory).`, { cause: error });
    }
    throw new BlockVerificationError(cid.toString(), "its DAG could not be read", error);
  }
}

/** The file root of an exporter entry, or an error for what is not a regular file. */
function fileRootOf(entry: UnixFSEntry): FileRoot & { size: bigint } {
  switch (entry.type) {
    case "raw":
    case "identity":
      return { cid: entry.cid, bytes: entry.node, size: BigInt(entry.node.length) };
    case "file":
      if (entry.unixfs.type !== "file" && entry.unixfs.type !== "raw") {
        throw new UnsupportedContentError(`${entry.cid} is a UnixFS ${entry.unixfs.type} node, not a file.`);
      }
      return { cid: entry.cid, node: entry.node, size: entry.unixfs.fileSize() };
    case "directory":
      throw new UnsupportedContentError(`${entry.cid} is a directory, not a file.`);
    default:
      throw new UnsupportedContentError(`${entry.cid} is not UnixFS content (a file or a directory).`);
  }
}

/**
 * Decodes a dag-pb block, as a verification failure when it is malformed.
 *
 * @example
 * import { decodePb } from "./verify.js";
 * const node = decodePb(cid, await blocks.get(cid));
 * console.log(node.Links.length);
 */
export function decodePb(cid: CID, bytes: Uint8Array): PBNode {
  try {
    return dagPb.decode(bytes);
  } catch (error) {
    throw new BlockVerificationError(cid.toString(), "it is not valid dag-pb", error);
  }
}

/**
 * The bytes of a UnixFS file, in order, from its root down: every block verified, every node's sizes
 * checked against what its children actually hold. Reads a few blocks ahead per level, and no further,
 * so memory stays bounded whatever the file's size.
 */
async function* fileBytes(root: FileRoot, blocks: VerifiedBlocks, expected?: bigint): AsyncGenerator<Uint8Array> {
  const { cid } = root;
  if (!("node" in root)) {
    const bytes = "bytes" in root ? root.bytes : await blocks.get(cid);
    if (cid.code === raw.code) {
      if (expected !== undefined && BigInt(bytes.length) !== expected) {
        throw new BlockVerificationError(cid.toString(), `it holds ${bytes.length} bytes, its parent says ${expected}`);
      }
      if (bytes.length > 0) yield bytes;
      return;
    }
    if (cid.code !== dagPb.code) {
      throw new BlockVerificationError(
        cid.toString(),
        `codec 0x${cid.code.toString(16)} cannot be part of a UnixFS file`,
      );
    }
    yield* fileBytes({ cid, node: decodePb(cid, bytes) }, blocks, expected);
    return;
  }

  const { node } = root;
  let unixfs: UnixFS;
  try {
    if (node.Data === undefined) throw new Error("no Data");
    unixfs = UnixFS.unmarshal(node.Data);
  } catch (error) {
    throw new BlockVerificationError(cid.toString(), "it is not a UnixFS node", error);
  }
  if (unixfs.type !== "file" && unixfs.type !== "raw") {
    throw new BlockVerificationError(cid.toString(), `a UnixFS ${unixfs.type} node inside a file`);
  }
  if (node.Links.length !== unixfs.blockSizes.length) {
    throw new BlockVerificationError(
      cid.toString(),
      `${node.Links.length} links but ${unixfs.blockSizes.length} block sizes`,
    );
  }
  const total = unixfs.fileSize();
  if (expected !== undefined && total !== expected) {
    throw new BlockVerificationError(cid.toString(), `it holds ${total} bytes, its parent says ${expected}`);
  }
  if (unixfs.data !== undefined && unixfs.data.length > 0) yield unixfs.data;

  // Children are fetched READ_AHEAD at a time ahead of the one being written, in order.
  const links = node.Links;
  const pending: Promise<Uint8Array>[] = [];
  let next = 0;
  const fetchNext = () => {
    const link = links[next++];
    const promise = blocks.get(link.Hash);
    promise.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    pending.push(promise);
  };
  while (next < links.length && pending.length < READ_AHEAD) fetchNext();
  for (let index = 0; index < links.length; index++) {
    const bytes = await pending.shift()!;
    if (next < links.length) fetchNext();
    yield* fileBytes({ cid: links[index].Hash, bytes }, blocks, unixfs.blockSizes[index]);
  }
}

/**
 * Reads a whole small file, verified.
 *
 * @throws {UnsupportedContentError} for a directory or content larger than `maxBytes`.
 * @example
 * import { readVerified, VerifiedBlocks } from "./verify.js";
 * const card = await readVerified(cid, new VerifiedBlocks(read), 1024 * 1024);
 */
export async function readVerified(cid: CID, blocks: VerifiedBlocks, maxBytes: number): Promise<Uint8Array> {
  const root = fileRootOf(await resolveEntry(cid, blocks));
  if (root.size > BigInt(maxBytes)) {
    throw new UnsupportedContentError(
      `${cid} holds ${root.size} bytes, more than the ${maxBytes} cat reads: pull it to disk instead.`,
    );
  }
  const out = new Uint8Array(Number(root.size));
  let offset = 0;
  for await (const piece of fileBytes(root, blocks, root.size)) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/** What a pull will write, found by walking the directories (and file roots) first. */
interface PullPlan {
  kind: "file" | "directory";
  /** Relative paths, parents before children. */
  directories: string[];
  files: { path: string; root: FileRoot; size: bigint }[];
  total: bigint;
}

function checkName(parent: CID, name: string): void {
  if (
    name === "" ||
    name === "." ||
    name === ".." ||
    name.includes("/") ||
    name.includes("\\") ||
    name.includes("\0")
  ) {
    throw new UnsupportedContentError(
      `Directory ${parent} has an entry named ${JSON.stringify(name)}, which cannot be written safely.`,
    );
  }
}

async function plan(cid: CID, blocks: VerifiedBlocks): Promise<PullPlan> {
  const rootEntry = await resolveEntry(cid, blocks);
  if (!equals(rootEntry.cid.bytes, cid.bytes))
    throw new CidMismatchError(cid.toString(), rootEntry.cid.toString(), "The root");
  if (rootEntry.type !== "directory") {
    const root = fileRootOf(rootEntry);
    return { kind: "file", directories: [], files: [{ path: "", root, size: root.size }], total: root.size };
  }

  const result: PullPlan = { kind: "directory", directories: [], files: [], total: 0n };
  let cached = 0;
  const walk = async (directory: UnixFSEntry & { type: "directory" }, prefix: string): Promise<void> => {
    const seen = new Set<string>();
    for await (const child of directory.entries()) {
      checkName(directory.cid, child.name);
      if (seen.has(child.name)) {
        throw new UnsupportedContentError(
          `Directory ${directory.cid} has two entries named ${JSON.stringify(child.name)}.`,
        );
      }
      seen.add(child.name);
      const path = prefix === "" ? child.name : `${prefix}/${child.name}`;
      if (child.cid.code === raw.code && child.cid.multihash.code !== identity.code) {
        // A raw leaf is a whole file. Its length is taken from the link (a hint for progress only): it is
        // not read now, and its bytes are verified when written.
        result.files.push({ path, root: { cid: child.cid }, size: child.size });
        result.total += child.size;
        continue;
      }
      const entry = await resolveEntry(child.cid, blocks);
      if (entry.type === "directory") {
        result.directories.push(path);
        await walk(entry, path);
        continue;
      }
      const root = fileRootOf(entry);
      // Decoded roots are kept up to a budget; past it they are read again when written.
      const weight =
        "node" in root
          ? (root.node.Data?.length ?? 0) + root.node.Links.length * 64
          : "bytes" in root
            ? root.bytes.length
            : 0;
      const keep = cached + weight <= PLAN_CACHE_BYTES;
      if (keep) cached += weight;
      result.files.push({ path, root: keep ? root : { cid: root.cid }, size: root.size });
      result.total += root.size;
    }
  };
  try {
    await walk(rootEntry, "");
  } catch (error) {
    if (error instanceof IpfsError) throw error;
    throw new BlockVerificationError(cid.toString(), "a directory under it could not be read", error);
  }
  return result;
}

/**
 * Writes the content of `cid` at `destination` (a file CID becomes the file `destination`, a directory
 * CID the directory `destination`), every block verified. Writes into `<destination>.partial-<random>`
 * and renames it into place once complete; on failure the partial output is removed.
 *
 * @throws {DestinationExistsError} when `destination` exists.
 * @throws {BlockVerificationError} when a block does not match its CID or a node is malformed.
 * @throws {ContentNotFoundError} when a block is missing.
 * @example
 * import { pullVerified, VerifiedBlocks } from "./verify.js";
 * const { files, bytes } = await pullVerified(cid, new VerifiedBlocks(read), "./weights");
 */
export async function pullVerified(
  cid: CID,
  blocks: VerifiedBlocks,
  destination: string,
  options: PullOptions = {},
): Promise<PullResult> {
  const target = resolve(destination);
  await refuseExisting(target);
  const layout = await plan(cid, blocks);
  const total = Number(layout.total);
  let written = 0;
  options.onProgress?.({ bytes: 0, total });

  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    throw new IpfsError(`Cannot create the folder ${dirname(target)} to pull into.`, { cause: error });
  }
  const partial = join(dirname(target), `${basename(target)}.partial-${randomBytes(6).toString("hex")}`);
  try {
    if (layout.kind === "directory") {
      await mkdir(partial);
      for (const directory of layout.directories) await mkdir(join(partial, directory));
    }
    for (const file of layout.files) {
      const output = file.path === "" ? partial : join(partial, file.path);
      // A raw leaf's size came from its parent's link, a hint only: the block itself is what is verified.
      const expected = file.root.cid.code === raw.code ? undefined : file.size;
      const counted = async function* () {
        for await (const piece of fileBytes(file.root, blocks, expected)) {
          written += piece.length;
          yield piece;
          options.onProgress?.({ bytes: written, total });
        }
      };
      await pipeline(Readable.from(counted(), { objectMode: false }), createWriteStream(output, { flags: "wx" }));
    }
    await refuseExisting(target);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (error instanceof IpfsError) throw error;
    throw new IpfsError(`Pulling ${cid} to ${target} failed.`, { cause: error });
  }
  return { cid, path: target, bytes: written, files: layout.files.length };
}

async function refuseExisting(path: string): Promise<void> {
  try {
    await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new IpfsError(`Cannot check destination ${path}.`, { cause: error });
  }
  throw new DestinationExistsError(path);
}
