import type { CID } from "multiformats/cid";

/**
 * The CID version content is added with. `1` (the default) gives the same CIDs as
 * `ipfs add --cid-version=1`; `0` gives the same CIDs as a plain `ipfs add` (legacy `Qm...` content).
 *
 * @example
 * import type { CidVersion } from "open-model-registry/sdk";
 * const version: CidVersion = 1;
 */
export type CidVersion = 0 | 1;

/**
 * Progress of an add: `bytes` of file content read from disk so far (and handed to the importer, or sent
 * to the daemon), out of `total` bytes for the whole add (every file of a directory), and the path
 * (relative to the added root) being read. The first report has `bytes: 0`, the last `bytes: total`.
 *
 * @example
 * import type { AddProgress } from "open-model-registry/sdk";
 * const log = ({ bytes, total, path }: AddProgress) => console.log(`${path}: ${bytes}/${total}`);
 */
export interface AddProgress {
  bytes: number;
  total: number;
  path?: string;
}

/**
 * Options of {@link IpfsBackend.add} and {@link IpfsBackend.addBytes}.
 *
 * @example
 * import type { AddOptions } from "open-model-registry/sdk";
 * const options: AddOptions = { cidVersion: 1, pin: true, onProgress: (p) => console.log(p.bytes) };
 */
export interface AddOptions {
  /** Default 1. */
  cidVersion?: CidVersion;
  onProgress?: (progress: AddProgress) => void;
  /** Pin the root after adding. Default true. */
  pin?: boolean;
}

/**
 * One file or directory of an add. `path` is relative to the added root, with `/` separators, and is
 * `''` for the root itself; `size` is the number of content bytes (for a directory, of all its files).
 *
 * @example
 * import type { AddedEntry } from "open-model-registry/sdk";
 * const describe = (entry: AddedEntry) => `${entry.path || "."} ${entry.cid} ${entry.size} bytes`;
 */
export interface AddedEntry {
  path: string;
  cid: CID;
  size: number;
}

/**
 * The result of an add or a hash. `cid` is the root: the file's CID, or the directory's CID (never
 * wrapped in another directory). `size` is the number of content bytes. `entries` lists the root and
 * everything under it, sorted by path (UTF-8 byte order, the root `''` first).
 *
 * @example
 * import type { AddResult } from "open-model-registry/sdk";
 * const show = (result: AddResult) => console.log(result.cid.toString(), result.entries.length);
 */
export interface AddResult {
  cid: CID;
  size: number;
  entries: AddedEntry[];
}

/**
 * Options of {@link IpfsBackend.pull}: progress as bytes written out of the content's total size.
 *
 * @example
 * import type { PullOptions } from "open-model-registry/sdk";
 * const options: PullOptions = { onProgress: ({ bytes, total }) => console.log(`${bytes}/${total}`) };
 */
export interface PullOptions {
  onProgress?: (progress: { bytes: number; total: number }) => void;
}

/**
 * What {@link IpfsBackend.pull} wrote: the CID pulled (always the one asked for), the absolute path of
 * the file or directory created, the number of content bytes and of files written.
 *
 * @example
 * import type { PullResult } from "open-model-registry/sdk";
 * const show = (result: PullResult) => console.log(`${result.files} files in ${result.path}`);
 */
export interface PullResult {
  cid: CID;
  path: string;
  bytes: number;
  files: number;
}

/**
 * Options of {@link IpfsBackend.cat}.
 *
 * @example
 * import type { CatOptions } from "open-model-registry/sdk";
 * const options: CatOptions = { maxBytes: 1024 * 1024 };
 */
export interface CatOptions {
  /** Refuse content larger than this. Default 16 MiB ({@link CAT_DEFAULT_MAX_BYTES}). */
  maxBytes?: number;
}

/**
 * Options of {@link hashPath}.
 *
 * @example
 * import type { HashOptions } from "open-model-registry/sdk";
 * const options: HashOptions = { cidVersion: 0 };
 */
export interface HashOptions {
  /** Default 1. */
  cidVersion?: CidVersion;
  onProgress?: (progress: AddProgress) => void;
}

/**
 * Storage of model weights on IPFS. Two implementations: {@link createEmbeddedIpfs} (a blockstore on
 * local disk, no network) and {@link createKuboIpfs} (a Kubo daemon over its RPC API). Both build the
 * same CIDs ({@link IMPORT_PARAMETERS}) and both verify every block they read.
 *
 * Adding a directory: every regular file and directory under it is added, hidden ones (names starting
 * with `.`) included; symbolic links are followed (their target's content is stored under the link's
 * name); a broken link, a link cycle or a special file (socket, FIFO, device) is an error, nothing is
 * skipped silently. File modes and modification times are not stored, as with a default `ipfs add`.
 *
 * Pulling writes the content AT `destination`: a file CID becomes the file `destination`, a directory
 * CID becomes the directory `destination`. `destination` must not exist; its parent is created if
 * needed. The content is written into a temporary sibling (`<destination>.partial-<random>`) and renamed
 * into place only once every block has been verified, so a failed pull leaves nothing behind.
 *
 * @example
 * import { createEmbeddedIpfs } from "open-model-registry/sdk";
 * const ipfs = await createEmbeddedIpfs({ directory: ".ipfs" });
 * const { cid } = await ipfs.add("./models/face_landmark_68");
 * await ipfs.pull(cid, "/tmp/face_landmark_68");
 * await ipfs.close();
 */
export interface IpfsBackend {
  readonly kind: "embedded" | "kubo";
  /** Adds a file or a directory, streamed from disk. */
  add(path: string, options?: AddOptions): Promise<AddResult>;
  /** Adds small content held in memory, e.g. a model card JSON. */
  addBytes(bytes: Uint8Array, options?: AddOptions): Promise<AddResult>;
  /** Reads a small file, every block verified. */
  cat(cid: CID | string, options?: CatOptions): Promise<Uint8Array>;
  /** Writes a file or directory at `destination`, every block verified. */
  pull(cid: CID | string, destination: string, options?: PullOptions): Promise<PullResult>;
  /** Pins a root; its whole DAG must be available. */
  pin(cid: CID | string): Promise<void>;
  /** Whether `cid` itself is pinned (directly or recursively, not merely as part of another pin). */
  isPinned(cid: CID | string): Promise<boolean>;
  close(): Promise<void>;
}
